// The trainer dashboard's live figures: one EventSource (Server-Sent Events), no framework, no polling.
(function () {
  var holder = document.querySelector('[data-live-stream]');
  if (!holder || typeof EventSource === 'undefined') return;
  var source = new EventSource(holder.getAttribute('data-live-stream'));
  source.addEventListener('figures', function (event) {
    var figures = JSON.parse(event.data);
    Object.keys(figures).forEach(function (key) {
      var el = document.querySelector('[data-live="' + key + '"]');
      if (el && el.textContent !== figures[key]) el.textContent = figures[key];
    });
  });
})();
