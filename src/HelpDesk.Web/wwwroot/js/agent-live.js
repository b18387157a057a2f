// Live agent console over SignalR (/hubs/agent, the page's one connection shared with agent-chat.js: HelpDesk.staffHub). Pages work without it; this only adds:
//  - queue page: refreshes the queue rows when a queue changes, announcing it politely;
//  - case page: shows who else has the case open, and who is typing a reply.
// Presence lives in the browsers, not on a server: viewers announce themselves to the case (and repeat it as
// a heartbeat); a viewer not heard from for a while is forgotten. That works the same on every node.
(function () {
  'use strict';
  if (!window.signalR || !window.HelpDesk) { return; }
  var H = window.HelpDesk;

  var HEARTBEAT_MS = 15000;      // AgentHub.HeartbeatInterval
  var STALE_MS = HEARTBEAT_MS * 3;

  var queueTable = document.getElementById('queues');
  var presence = document.getElementById('presence');
  var bell = document.querySelector('[data-testid=notifications-link]');
  var approvals = document.getElementById('approval-sections');
  var approvalsLink = document.querySelector('[data-testid=approvals-link]');
  if (!queueTable && !presence && !bell && !approvals && !approvalsLink) { return; }

  var hub = H.staffHub();
  var connection = hub.connection;

  // ---- Queue page -------------------------------------------------------------------------------------
  if (queueTable) {
    var rows = document.getElementById('queue-rows');
    var live = document.getElementById('queue-live');
    var pending = null;
    var changed = {};

    var refresh = function () {
      var names = Object.keys(changed);
      changed = {};
      pending = null;
      H.fetchHtml(queueTable.getAttribute('data-rows-url'))
        .then(function (html) {
          rows.innerHTML = html;
          if (live && names.length) { H.announce(live, H.format(live.getAttribute('data-updated'), names.join(', '))); }
        })
        .catch(function () { /* the next change or a reload brings the rows back */ });
    };

    var schedule = function (queues) {
      (queues || []).forEach(function (q) { changed[q] = true; });
      // Several changes in a burst cost one fetch.
      if (!pending) { pending = setTimeout(refresh, 300); }
    };

    connection.on('queuesChanged', schedule);
    connection.onreconnected(function () { schedule([]); });
  }

  // ---- Case page: presence and typing -----------------------------------------------------------------
  var caseId = presence ? presence.getAttribute('data-case-id') : null;
  var me = null;
  var viewers = {}; // agentId -> { label, seen, typingUntil }

  function renderPresence() {
    if (!presence) { return; }
    var now = Date.now();
    var lines = [];
    Object.keys(viewers).forEach(function (id) {
      var v = viewers[id];
      if (now - v.seen > STALE_MS) { delete viewers[id]; return; }
      var template = v.typingUntil > now ? presence.getAttribute('data-typing') : presence.getAttribute('data-viewing');
      lines.push(H.format(template, v.label));
    });
    var text = lines.join(' ');
    if (presence.textContent !== text) { presence.textContent = text; }
  }

  function join() {
    return connection.invoke('JoinCase', caseId).then(function (viewer) { me = viewer.agentId; });
  }

  if (caseId) {
    connection.on('presence', function (p) {
      if (!p || p.caseId !== caseId || p.agentId === me) { return; }
      if (p.state === 'Left') { delete viewers[p.agentId]; renderPresence(); return; }
      var known = viewers[p.agentId];
      var v = known || { label: p.label, seen: 0, typingUntil: 0 };
      v.label = p.label || v.label;
      v.seen = Date.now();
      if (p.state === 'Typing') { v.typingUntil = Date.now() + H.TYPING_SHOW_MS; }
      viewers[p.agentId] = v;
      renderPresence();
      // A newcomer does not know about us yet: announce once so they do.
      if (!known && p.state === 'Viewing') { join().catch(function () { }); }
    });

    connection.on('caseChanged', function (id) {
      if (id === caseId && presence.getAttribute('data-changed')) {
        presence.setAttribute('data-last-change', new Date().toISOString());
        var note = document.getElementById('presence-changed');
        if (!note) {
          note = document.createElement('span');
          note.id = 'presence-changed';
          presence.insertAdjacentElement('afterend', note);
          note.setAttribute('role', 'status');
          note.className = 'hint';
        }
        note.textContent = presence.getAttribute('data-changed');
      }
    });

    connection.onreconnected(function () { join().catch(function () { }); });
    setInterval(function () {
      if (connection.state === signalR.HubConnectionState.Connected) { join().catch(function () { }); }
      renderPresence();
    }, HEARTBEAT_MS);
    setInterval(renderPresence, 2000);

    var lastTypingSent = 0;
    document.addEventListener('input', function (event) {
      var target = event.target;
      if (!target || target.tagName !== 'TEXTAREA') { return; }
      var now = Date.now();
      if (now - lastTypingSent < H.TYPING_SEND_MS || connection.state !== signalR.HubConnectionState.Connected) { return; }
      lastTypingSent = now;
      connection.invoke('Typing', caseId).catch(function () { });
    });

    window.addEventListener('pagehide', function () {
      if (connection.state === signalR.HubConnectionState.Connected) { connection.invoke('LeaveCase', caseId).catch(function () { }); }
    });
  }

  // ---- Notifications badge (any console page) -----------------------------------------------------------
  if (bell) {
    var showUnread = function (unread) {
      bell.setAttribute('data-unread', String(unread));
      bell.setAttribute('aria-label', unread > 0 ? H.format(bell.getAttribute('data-label-some'), unread) : bell.getAttribute('data-label-none'));
      H.setCountBadge(bell, 'unread-count', unread);
    };
    connection.on('notification', function () {
      H.fetchJson(bell.getAttribute('data-count-url'))
        .then(function (body) { showUnread(body.unread); })
        .catch(function () { /* the next page load shows the count */ });
    });
  }

  // ---- Approvals inbox and its navigation badge (supervisors) --------------------------------------------
  if (approvals || approvalsLink) {
    var showPending = function (pending) {
      if (!approvalsLink) { return; }
      approvalsLink.setAttribute('data-pending', String(pending));
      H.setCountBadge(approvalsLink, 'pending-count', pending);
    };
    var refreshApprovals = function () {
      if (approvals) {
        H.fetchHtml(approvals.getAttribute('data-sections-url'))
          .then(function (html) {
            approvals.innerHTML = html;
            var section = approvals.querySelector('[data-testid=credit-approvals]');
            if (section) { showPending(Number(section.getAttribute('data-count'))); }
            var live = document.getElementById('approvals-live');
            if (live) { H.announce(live, live.getAttribute('data-updated')); }
          })
          .catch(function () { /* the next change or a reload brings the list back */ });
      } else {
        H.fetchJson(approvalsLink.getAttribute('data-count-url'))
          .then(function (body) { showPending(body.pending); })
          .catch(function () { /* the next page load shows the count */ });
      }
    };
    connection.on('approvalsChanged', refreshApprovals);
    connection.onreconnected(refreshApprovals);
  }

  // data-live on <html> says whether live updates are on (styling hooks and tests wait for it).
  var root = document.documentElement;
  connection.onreconnecting(function () { root.setAttribute('data-live', 'reconnecting'); });
  connection.onreconnected(function () { root.setAttribute('data-live', 'connected'); });
  connection.onclose(function () { root.setAttribute('data-live', 'off'); });
  hub.start()
    .then(function () { root.setAttribute('data-live', 'connected'); if (caseId) { return join(); } })
    .catch(function () { root.setAttribute('data-live', 'off'); /* no live updates: the page still works on reload */ });
})();
