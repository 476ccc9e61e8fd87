// The search form, progressively enhanced (views/search/index.ejs; it works without this file).
// Without JavaScript the "To" list holds every destination grouped by the airport it is flown from;
// here it lists only the destinations of the origin chosen (all the groups again while none is).
(function () {
  var from = document.getElementById('from');
  var to = document.getElementById('to');
  var hint = document.querySelector('[data-to-hint]');
  if (!from || !to || !to.querySelector('optgroup[data-from]')) return;
  var placeholder = to.querySelector('option[value=""]');
  var groups = Array.prototype.slice.call(to.querySelectorAll('optgroup[data-from]')).map(function (group) {
    return {
      from: group.getAttribute('data-from'),
      label: group.label,
      options: Array.prototype.slice.call(group.querySelectorAll('option')).map(function (o) { return { value: o.value, text: o.textContent }; }),
    };
  });
  var hintText = hint ? hint.firstChild.textContent : '';
  var cityOf = {};
  Array.prototype.forEach.call(from.options, function (o) { if (o.value) cityOf[o.value] = o.textContent.split(' (')[0]; });

  function sync() {
    var wanted = to.value;
    var group = groups.find(function (g) { return g.from === from.value; });
    to.textContent = '';
    to.appendChild(placeholder);
    (group ? [group] : groups).forEach(function (g) {
      var parent = to;
      if (!group) {
        parent = document.createElement('optgroup');
        parent.label = g.label;
        parent.setAttribute('data-from', g.from);
        to.appendChild(parent);
      }
      g.options.forEach(function (o) { parent.appendChild(new Option(o.text, o.value, false, false)); });
    });
    var kept = (group ? group.options : []).some(function (o) { return o.value === wanted; });
    to.value = kept || !group ? wanted : '';
    if (!hint) return;
    if (!group) hint.firstChild.textContent = hintText;
    else if (wanted && !kept && wanted !== from.value) hint.firstChild.textContent = 'We do not fly from ' + cityOf[from.value] + ' to ' + (cityOf[wanted] || wanted) + ': choose one of its ' + group.options.length + ' destinations. ';
    else hint.firstChild.textContent = 'The ' + group.options.length + ' places we fly to from ' + cityOf[from.value] + '. ';
  }
  from.addEventListener('change', sync);
  sync();
})();
