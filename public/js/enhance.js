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
