// Tell the server the browser's time zone so times can be shown locally before sign-in.
(function () {
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf('hd_tz=') === -1) {
      document.cookie = 'hd_tz=' + encodeURIComponent(tz) + '; path=/; max-age=31536000; samesite=lax';
    }
    var field = document.querySelector('input[name="Input.TimeZone"]');
    if (field && tz && (!field.value || field.value === 'UTC')) { field.value = tz; }
  } catch (e) { /* no Intl: times stay in UTC */ }
  // A second click on a submit button does not send the form twice.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.submitted === 'true') { event.preventDefault(); return; }
    form.dataset.submitted = 'true';
    setTimeout(function () { form.dataset.submitted = 'false'; }, 5000);
  });
})();

// One time format for scripts too (chat widget, agent chat): 24-hour time of day in the zone the server shows every
// other time in (named in the footer), with the full moment and zone in the tooltip.
window.HelpDeskTime = (function () {
  function zone() {
    var el = document.querySelector('[data-time-zone]');
    return (el && el.getAttribute('data-time-zone')) || 'UTC';
  }
  function format(at, options) {
    try {
      options.timeZone = zone();
      return new Intl.DateTimeFormat(document.documentElement.lang || 'en', options).format(new Date(at));
    } catch (e) {
      return new Date(at).toISOString().substring(11, 16) + ' UTC';
    }
  }
  return {
    timeOfDay: function (at) { return format(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }); },
    describe: function (at) {
      return format(at, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) + ', ' + zone();
    }
  };
})();

// Destructive forms (data-confirm="question") ask first; "OK" sends confirmed=true so the server does not ask again.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (!question || form.querySelector('input[name="confirmed"]')) { return; }
    if (!window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      form.dataset.submitted = 'false';
      return;
    }
    var yes = document.createElement('input');
    yes.type = 'hidden';
    yes.name = 'confirmed';
    yes.value = 'true';
    form.appendChild(yes);
  }, true);
})();
