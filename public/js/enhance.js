// Progressive enhancement only: every step works without this file.
document.documentElement.classList.add('js');

// Search: hide the return date while "One-way" is chosen (the server ignores it then anyway).
(function () {
  var returnField = document.querySelector('[data-return-field]');
  var radios = document.querySelectorAll('input[name="trip"]');
  if (!returnField || radios.length === 0) return;
  function sync() {
    var oneWay = document.querySelector('input[name="trip"][value="one_way"]');
    returnField.hidden = Boolean(oneWay && oneWay.checked);
  }
  radios.forEach(function (radio) { radio.addEventListener('change', sync); });
  sync();
})();

// Forms: prevent a double submit from a double click (the server is idempotent anyway).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  if (form.dataset.submitted === 'true') { event.preventDefault(); return; }
  form.dataset.submitted = 'true';
  setTimeout(function () { form.dataset.submitted = 'false'; }, 4000);
});

// Seats: with several passengers, each flight shows one passenger's cabin map at a time, with a button
// per passenger that says which seat they have. Without JavaScript every map is on the page; either
// way every passenger's radios are in the form and submitted.
(function () {
  document.querySelectorAll('.seat-flight').forEach(function (flight) {
    var groups = Array.prototype.slice.call(flight.querySelectorAll('fieldset.seat-pick'));
    if (groups.length < 2) return;
    var bar = document.createElement('div');
    bar.className = 'seat-tabs';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Whose seat to choose');
    var buttons = groups.map(function (group) {
      var field = group.id; // seat-p1-outbound
      var heading = group.querySelector('legend h3');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'seat-tab';
      button.setAttribute('aria-controls', field);
      button.setAttribute('data-testid', field.replace(/^seat-/, 'seat-tab-')); // seat-tab-p1-outbound
      function label() {
        var checked = group.querySelector('input[type=radio]:checked');
        var seat = !checked ? 'no seat chosen' : checked.value === 'skip' ? 'seat at check-in' : 'seat ' + checked.value;
        var who = heading ? heading.textContent.split(',')[0] : field;
        button.textContent = who + ' · ' + seat;
      }
      label();
      group.addEventListener('change', label);
      button.addEventListener('click', function () { show(groups.indexOf(group), true); });
      bar.appendChild(button);
      return button;
    });
    function show(index, focus) {
      groups.forEach(function (group, i) {
        group.hidden = i !== index;
        buttons[i].setAttribute('aria-pressed', String(i === index));
      });
      if (focus) {
        var target = groups[index].querySelector('input[type=radio]:checked') || groups[index].querySelector('input[type=radio]');
        if (target) target.focus();
      }
    }
    groups[0].parentNode.insertBefore(bar, groups[0]);
    // Open on the first passenger with a problem to fix, else the first.
    var withError = groups.findIndex(function (g) { return g.classList.contains('field--error'); });
    show(withError >= 0 ? withError : 0, false);
  });
})();
