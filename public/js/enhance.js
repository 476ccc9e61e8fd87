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

// Seats: one map per flight (the same markup as without JavaScript, see seats.view.ts). Here a seat
// button picks in the page instead of posting: it fills the passenger's hidden `seat-p<n>-<dir>`
// field, puts their initials on the seat, greys it out for the others and moves on to the next
// passenger without a seat. Arrow keys move seat by seat (left, right) and row by row (up, down); the
// map is one Tab stop. "Continue" posts the hidden fields, which the server checks as always.
(function () {
  document.querySelectorAll('[data-seat-flight]').forEach(function (flight) {
    var radios = Array.prototype.slice.call(flight.querySelectorAll('input[type=radio][data-who]'));
    var seats = Array.prototype.slice.call(flight.querySelectorAll('button.seat'));
    var status = flight.querySelector('[data-seat-status]');
    if (radios.length === 0 || seats.length === 0) return;
    var rows = Array.prototype.slice.call(flight.querySelectorAll('.seat-row:not(.seat-row--head)')).map(function (row) {
      return Array.prototype.slice.call(row.querySelectorAll('.seat'));
    });
    var passengers = radios.map(function (radio) {
      var row = radio.closest('.seat-who__p');
      return {
        idx: radio.value,
        radio: radio,
        initials: radio.dataset.who,
        name: radio.dataset.name,
        offReason: radio.dataset.off,
        field: row.querySelector('input[type=hidden]'),
        choice: row.querySelector('.seat-who__choice'),
        skip: row.querySelector('.seat-who__skip'),
      };
    });
    var focusSeat = null;
    function current() { return passengers.find(function (p) { return p.radio.checked; }) || passengers[0]; }
    function ownerOf(code) { return passengers.find(function (p) { return p.field.value === code; }); }
    function codeOf(seat) { return seat.value.split(':')[1]; }
    function render() {
      var me = current();
      seats.forEach(function (seat) {
        var owner = ownerOf(codeOf(seat));
        var off = (seat.dataset.off || '').split(' ').indexOf(me.idx) >= 0;
        var base = seat.getAttribute('aria-label').split('; ')[0];
        var state = owner ? 'chosen for ' + owner.name : off ? me.offReason + ', not for ' + me.name : '';
        seat.setAttribute('aria-label', state ? base + '; ' + state : base);
        if (owner) seat.dataset.who = owner.initials; else delete seat.dataset.who;
        seat.classList.toggle('is-mine', owner === me);
        seat.classList.toggle('is-companion', Boolean(owner) && owner !== me);
        seat.classList.toggle('is-off', !owner && off);
        seat.disabled = Boolean(owner && owner !== me) || (!owner && off);
        if (owner === me) seat.setAttribute('aria-pressed', 'true'); else seat.removeAttribute('aria-pressed');
      });
      passengers.forEach(function (p) {
        var none = p.field.value === 'skip' || p.field.value === '';
        p.choice.textContent = none ? 'No seat yet: free at check-in' : 'Seat ' + p.field.value;
        p.skip.hidden = none;
      });
      // One Tab stop in the map: the current passenger's seat, else the last seat focused, else the first free one.
      var mine = seats.find(function (s) { return s.getAttribute('aria-pressed') === 'true'; });
      var stop = mine || (focusSeat && !focusSeat.disabled ? focusSeat : null) || seats.find(function (s) { return !s.disabled; });
      seats.forEach(function (s) { s.tabIndex = s === stop ? 0 : -1; });
    }
    function say(text) { if (status) status.textContent = text; }
    function moveTo(seat) {
      if (!seat) return;
      focusSeat = seat;
      seats.forEach(function (s) { s.tabIndex = s === seat ? 0 : -1; });
      seat.focus();
    }
    flight.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button || !flight.contains(button)) return;
      if (button.name === 'skip') {
        event.preventDefault();
        var who = passengers.find(function (p) { return p.skip === button; });
        who.field.value = 'skip';
        who.field.dispatchEvent(new Event('change', { bubbles: true }));
        who.radio.checked = true;
        render();
        say('No seat for ' + who.name + ': a free one at check-in.');
        who.radio.focus();
        return;
      }
      if (button.name !== 'pick') return;
      event.preventDefault();
      if (button.disabled) return;
      var me = current();
      me.field.value = codeOf(button);
      me.field.dispatchEvent(new Event('change', { bubbles: true }));
      // On to the next passenger of this flight without a seat, if any.
      var i = passengers.indexOf(me);
      var order = passengers.slice(i + 1).concat(passengers.slice(0, i));
      var next = order.find(function (p) { return p.field.value === 'skip' || p.field.value === ''; });
      if (next) next.radio.checked = true;
      render();
      say('Seat ' + codeOf(button) + ' for ' + me.name + '.' + (next ? ' Now choosing for ' + next.name + '.' : ''));
      // The seat just taken may be out of reach for the next passenger: keep the focus in the map.
      moveTo(button.disabled ? nearest(button, 1) || nearest(button, -1) : button);
    });
    radios.forEach(function (radio) { radio.addEventListener('change', render); });

    function position(seat) {
      for (var r = 0; r < rows.length; r++) { var c = rows[r].indexOf(seat); if (c >= 0) return { r: r, c: c }; }
      return null;
    }
    function usable(cell) { return cell && cell.tagName === 'BUTTON' && !cell.disabled; }
    /** The next usable seat in reading order (step 1) or before it (step -1). */
    function nearest(seat, step) {
      var i = seats.indexOf(seat);
      for (var j = i + step; j >= 0 && j < seats.length; j += step) if (!seats[j].disabled) return seats[j];
      return null;
    }
    /** The usable seat closest to the same column in the next row that has one, up (-1) or down (1). */
    function byRow(seat, step) {
      var at = position(seat);
      if (!at) return null;
      for (var r = at.r + step; r >= 0 && r < rows.length; r += step) {
        var best = null;
        rows[r].forEach(function (cell, c) {
          if (usable(cell) && (!best || Math.abs(c - at.c) < Math.abs(best.c - at.c))) best = { cell: cell, c: c };
        });
        if (best) return best.cell;
      }
      return null;
    }
    flight.addEventListener('keydown', function (event) {
      var seat = event.target;
      if (!(seat instanceof HTMLButtonElement) || seat.name !== 'pick') return;
      var row = rows[(position(seat) || { r: 0 }).r].filter(usable);
      var target = {
        ArrowRight: function () { return nearest(seat, 1); },
        ArrowLeft: function () { return nearest(seat, -1); },
        ArrowDown: function () { return byRow(seat, 1); },
        ArrowUp: function () { return byRow(seat, -1); },
        Home: function () { return row[0]; },
        End: function () { return row[row.length - 1]; },
      }[event.key];
      if (!target) return;
      event.preventDefault();
      moveTo(target());
    });
    render();
  });
})();

// The fake timer (a dark-pattern demonstration, only when a trainer switches it on): counts down
// to 0:00 and stops. Nothing happens at zero: the prices were never about to change.
(function () {
  document.querySelectorAll('[data-countdown]').forEach(function (clock) {
    var left = Number(clock.getAttribute('data-countdown')) || 0;
    var timer = setInterval(function () {
      left = Math.max(0, left - 1);
      clock.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
      if (left === 0) clearInterval(timer);
    }, 1000);
  });
})();

// Extras shortcuts ("Same for everyone as Ada", "Same on the return flight as outbound"): the server
// lists the copies its page allows (data-copy="from>to …", extras-shortcuts.ts); here they are made in
// the page instead of posting. A value the target list does not offer is left alone, as on the server.
document.addEventListener('click', function (event) {
  var button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (!button || !button.form) return;
  event.preventDefault();
  var form = button.form;
  function valueOf(name) {
    var control = form.elements.namedItem(name);
    if (!control) return null;
    if (control instanceof HTMLSelectElement) return control.value;
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }
  function setValue(name, value) {
    var control = form.elements.namedItem(name);
    if (control instanceof HTMLSelectElement) {
      if (Array.prototype.some.call(control.options, function (o) { return o.value === value; })) control.value = value;
      return;
    }
    var radio = form.querySelector('input[name="' + name + '"][value="' + value + '"]');
    if (radio) radio.checked = true;
  }
  var copied = 0;
  button.getAttribute('data-copy').split(' ').forEach(function (pair) {
    var names = pair.split('>');
    var value = valueOf(names[0]);
    if (value === null || value === '') return;
    setValue(names[1], value);
    copied++;
  });
  if (copied > 0) form.dispatchEvent(new Event('change', { bubbles: true }));
});

// The live price bar (views/partials/price-bar.ejs): when a choice changes on a step whose form names
// a quote address (seats, extras), the form's current choices are posted there and the server answers
// the total and the itemised summary for them, priced as Continue would save them (nothing is saved).
// The bar shows the total and the summary panel is swapped for the server's; no price is computed here.
// Without JavaScript, or when the server refuses a choice, the bar keeps the saved total.
(function () {
  var form = document.querySelector('form[data-quote-url]');
  var total = document.querySelector('[data-testid="price-bar-total"]');
  if (!form || !total || !window.fetch) return;
  var asked = 0;
  function quote() {
    var mine = ++asked;
    var body = new URLSearchParams(new FormData(form));
    body.delete('intent');
    fetch(form.getAttribute('data-quote-url'), { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        // Only the answer to the latest choice is shown.
        if (!answer || mine !== asked) return;
        total.textContent = answer.totalText;
        var panel = document.querySelector('[data-testid="price-summary"]');
        if (panel && answer.summaryHtml) panel.outerHTML = answer.summaryHtml;
      })
      .catch(function () { /* the bar keeps the last total the server gave */ });
  }
  form.addEventListener('change', quote);
})();
