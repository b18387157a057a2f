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

// What the page scripts (agent-live.js, agent-chat.js, chat-widget.js, incident-progress.js) share, so copies cannot
// drift apart: message templates, debouncing, fetching a partial or a count, announcing in a live region, count
// badges, the typing signal's timing and the hub connection's settings.
window.HelpDesk = (function () {
  var staffHub = null;
  function fetchAs(url, accept, read) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': accept } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return read(response); });
  }
  return {
    // At most one typing signal per TYPING_SEND_MS; "is typing" shows for TYPING_SHOW_MS after the last one.
    TYPING_SEND_MS: 2500,
    TYPING_SHOW_MS: 6000,
    format: function (template, value) { return (template || '{0}').replace('{0}', value); },
    // Calls fn once, ms after the first of a burst of calls.
    debounce: function (fn, ms) {
      var timer = null;
      return function () { if (!timer) { timer = setTimeout(function () { timer = null; fn(); }, ms); } };
    },
    fetchHtml: function (url) { return fetchAs(url, 'text/html', function (r) { return r.text(); }); },
    fetchJson: function (url) { return fetchAs(url, 'application/json', function (r) { return r.json(); }); },
    // Says text in a live region; cleared first so the same words are announced again.
    announce: function (live, text) {
      if (!live) { return; }
      live.textContent = '';
      setTimeout(function () { live.textContent = text; }, 50);
    },
    // A navigation link's count badge (span.badge.<className>, aria-hidden): created when the count becomes positive,
    // updated while it stays positive, removed at zero.
    setCountBadge: function (link, className, count) {
      var badge = link.querySelector('.' + className);
      if (count > 0 && !badge) {
        badge = document.createElement('span');
        badge.className = 'badge ' + className;
        badge.setAttribute('aria-hidden', 'true');
        link.appendChild(document.createTextNode(' '));
        link.appendChild(badge);
      }
      if (badge) { if (count > 0) { badge.textContent = String(count); } else { badge.remove(); } }
    },
    // A hub connection with the settings every page uses (reconnects by itself, logs warnings only).
    connect: function (url, reconnectDelays) {
      var builder = new signalR.HubConnectionBuilder().withUrl(url);
      builder = reconnectDelays ? builder.withAutomaticReconnect(reconnectDelays) : builder.withAutomaticReconnect();
      return builder.configureLogging(signalR.LogLevel.Warning).build();
    },
    // The staff page's one connection (/hubs/agent, ADR 0123), shared by agent-live.js and agent-chat.js: the first
    // caller builds it, each script adds its handlers, and start() starts it once (every caller gets the same promise).
    staffHub: function () {
      if (!staffHub) {
        var connection = this.connect('/hubs/agent');
        var started = null;
        staffHub = { connection: connection, start: function () { return started || (started = connection.start()); } };
      }
      return staffHub;
    }
  };
})();
