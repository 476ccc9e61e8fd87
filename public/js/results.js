// The results page, progressively enhanced (views/search/results.ejs; it works without this file).
// "Show fares" opens a flight's fares in place instead of loading the page again with that flight
// open, and the trip total follows the fares chosen. The total only adds the two all-in totals the
// server wrote on the radios (data-total-minor, integer minor units) and formats them as the server
// does (en-IE, with cents); the checkout opened on "Continue" prices everything again on the server.
(function () {
  var form = document.querySelector('form[data-results]');
  if (!form) return;
  var legs = Array.prototype.slice.call(form.querySelectorAll('[data-leg]'));
  var total = form.querySelector('[data-trip-total]');

  function open(link) {
    var leg = link.closest('[data-leg]');
    var target = document.getElementById(link.getAttribute('data-show-fares'));
    if (!leg || !target) return;
    leg.querySelectorAll('[data-flight]').forEach(function (flight) {
      var fares = flight.querySelector('.flight__fares');
      var show = flight.querySelector('[data-show-fares]');
      var isTarget = fares === target;
      fares.hidden = !isTarget;
      if (show) show.hidden = isTarget;
      flight.classList.toggle('flight--open', isTarget);
      // A fare of a flight no longer shown is no longer chosen: "Continue" sends what is in view.
      if (!isTarget) fares.querySelectorAll('input[type=radio]').forEach(function (r) { r.checked = false; });
    });
    target.focus();
    if (window.history && history.replaceState) history.replaceState(null, '', link.href);
    update();
  }

  function update() {
    form.querySelectorAll('.fare').forEach(function (fare) {
      var radio = fare.querySelector('input[type=radio]');
      fare.classList.toggle('fare--chosen', Boolean(radio && radio.checked));
    });
    if (!total) return;
    var chosen = legs.map(function (leg) { return leg.querySelector('input[type=radio]:checked'); });
    if (chosen.some(function (r) { return !r; })) { total.textContent = ''; return; }
    var currency = chosen[0].getAttribute('data-currency');
    if (chosen.some(function (r) { return r.getAttribute('data-currency') !== currency; })) { total.textContent = ''; return; }
    var minor = chosen.reduce(function (sum, r) { return sum + Number(r.getAttribute('data-total-minor')); }, 0);
    var text = new Intl.NumberFormat('en-IE', { style: 'currency', currency: currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);
    var strong = document.createElement('strong');
    strong.setAttribute('data-testid', 'trip-total');
    strong.textContent = text;
    total.textContent = total.getAttribute('data-label') + ': ';
    total.appendChild(strong);
  }

  // On a phone the strip of nearby dates scrolls sideways: bring the day shown into the middle.
  document.querySelectorAll('.dates ul').forEach(function (strip) {
    var current = strip.querySelector('[aria-current]');
    if (current && strip.scrollWidth > strip.clientWidth) strip.scrollLeft = current.parentNode.offsetLeft - (strip.clientWidth - current.parentNode.offsetWidth) / 2;
  });

  form.addEventListener('click', function (event) {
    var link = event.target.closest('[data-show-fares]');
    if (!link || !form.contains(link)) return;
    event.preventDefault();
    open(link);
  });
  form.addEventListener('change', function (event) {
    if (event.target.matches('input[type=radio]')) update();
  });
  update();
})();
