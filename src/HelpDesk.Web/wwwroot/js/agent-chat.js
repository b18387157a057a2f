// Agent console chat over SignalR (ADR 0106): the staff side of chat lives on /hubs/agent, and this script shares the
// page's one connection with agent-live.js (HelpDesk.staffHub, ADR 0123). The pages work without it; this only adds:
//  - every staff page: the "Chats" navigation badge follows the waiting chats this agent may accept;
//  - /Agent/Chats: the queue and "my active chats" (with unanswered counts) refresh when anything changes;
//  - the chat page: messages arrive live (ordered and de-duplicated by seq, caught up after a reconnect),
//    the reply is sent over the hub (the same client message id on a retry is stored once) and typing is shown.
// Message text is only ever set with textContent, never parsed as HTML.
(function () {
  'use strict';
  if (!window.signalR || !window.HelpDesk) { return; }
  var H = window.HelpDesk;

  var link = document.querySelector('[data-testid=chats-link]');
  var queue = document.getElementById('chat-queue');
  var workspace = document.getElementById('chat-workspace');
  if (!link && !queue && !workspace) { return; }

  var hub = H.staffHub();
  var connection = hub.connection;

  // ---- Navigation badge ---------------------------------------------------------------------------------
  var refreshBadge = H.debounce(function () {
    if (!link) { return; }
    H.fetchJson(link.getAttribute('data-count-url'))
      .then(function (body) {
        var n = body.waiting || 0;
        var badge = link.querySelector('[data-testid=chats-waiting]');
        link.setAttribute('data-waiting', n);
        link.setAttribute('aria-label', n === 0 ? link.getAttribute('data-label') : H.format(link.getAttribute('data-label-waiting'), n));
        if (badge) { badge.textContent = n; badge.hidden = n === 0; }
      })
      .catch(function () { /* the next change or a reload brings it back */ });
  }, 250);

  // ---- Queue page -----------------------------------------------------------------------------------------
  var joinedMine = {};
  function joinMine() {
    if (!queue) { return; }
    Array.prototype.forEach.call(queue.querySelectorAll('[data-mine=true]'), function (li) {
      var id = li.getAttribute('data-chat-id');
      if (!joinedMine[id]) {
        joinedMine[id] = true;
        connection.invoke('JoinChat', id, 2147483647).catch(function () { delete joinedMine[id]; });
      }
    });
  }

  var refreshQueue = H.debounce(function () {
    if (!queue) { return; }
    H.fetchHtml(queue.getAttribute('data-rows-url'))
      .then(function (html) {
        queue.innerHTML = html;
        var live = document.getElementById('chat-queue-live');
        if (live) { H.announce(live, live.getAttribute('data-updated')); }
        joinMine();
      })
      .catch(function () { });
  }, 300);

  // ---- Chat page ------------------------------------------------------------------------------------------
  var chatId = workspace ? workspace.getAttribute('data-chat-id') : null;
  var lastSeq = workspace ? parseInt(workspace.getAttribute('data-last-seq') || '0', 10) : 0;
  var list = document.getElementById('chat-messages');
  var typingLine = document.getElementById('chat-typing');
  var notice = document.getElementById('chat-notice');
  var stateLine = document.getElementById('chat-state');
  var form = document.getElementById('chat-reply');
  var typingHide = null, lastTypingSent = 0, myAgentId = null;

  function attr(name) { return workspace.getAttribute(name) || ''; }

  function render(m) {
    if (!list || m.chatId !== chatId || list.querySelector('[data-seq="' + m.seq + '"]')) { return; }
    var li = document.createElement('li');
    li.className = 'chat-message author-' + String(m.authorKind).toLowerCase();
    li.setAttribute('data-seq', m.seq);
    li.setAttribute('data-author', m.authorKind);
    var meta = document.createElement('p');
    meta.className = 'chat-meta';
    var who = document.createElement('strong');
    who.textContent = m.displayName;
    meta.appendChild(who);
    var label = m.authorKind === 'Assistant' ? attr('data-assistant-label') : m.authorKind === 'Subscriber' ? attr('data-subscriber-label') : null;
    if (label) {
      var badge = document.createElement('span');
      badge.className = 'badge';
      if (m.authorKind === 'Assistant') { badge.setAttribute('data-testid', 'assistant-label'); }
      badge.textContent = label;
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(badge);
    }
    var time = document.createElement('time');
    time.setAttribute('datetime', m.at);
    time.className = 'hint';
    time.textContent = ' ' + (window.HelpDeskTime ? window.HelpDeskTime.timeOfDay(m.at) : m.at);
    if (window.HelpDeskTime) { time.title = window.HelpDeskTime.describe(m.at); }
    meta.appendChild(time);
    li.appendChild(meta);
    var text = document.createElement('p');
    text.className = 'chat-text';
    text.textContent = m.text;
    li.appendChild(text);
    if (m.steps && m.steps.length) {
      var steps = document.createElement('ol');
      steps.className = 'chat-steps';
      m.steps.forEach(function (s) {
        var step = document.createElement('li');
        step.textContent = s.instruction + ' ';
        var why = document.createElement('span');
        why.className = 'hint';
        why.textContent = s.why;
        step.appendChild(why);
        steps.appendChild(step);
      });
      li.appendChild(steps);
    }
    // Keep seq order even if a push overtakes a catch-up.
    var after = null;
    Array.prototype.some.call(list.children, function (child) {
      if (parseInt(child.getAttribute('data-seq'), 10) > m.seq) { after = child; return true; }
      return false;
    });
    list.insertBefore(li, after);
    if (m.seq > lastSeq) { lastSeq = m.seq; }
    if (m.authorKind === 'Subscriber' && typingLine) { typingLine.textContent = ''; }
  }

  function showNotice(text) {
    if (!notice) { return; }
    notice.textContent = text;
    notice.hidden = !text;
  }

  function join() {
    if (!chatId) { return Promise.resolve(); }
    return connection.invoke('JoinChat', chatId, lastSeq).then(function (view) {
      // The page said we hold the chat, so at the first join its agent is us.
      if (myAgentId === null && workspace.getAttribute('data-holding') === 'true') { myAgentId = view.agentId; }
      (view.messages || []).forEach(render);
      applyState(view);
    });
  }

  function applyState(view) {
    if (!view || view.id !== chatId) { return; }
    if (stateLine) { stateLine.textContent = view.state; }
    workspace.setAttribute('data-state', view.state);
    var holding = workspace.getAttribute('data-holding') === 'true';
    if (view.state === 'Ended') {
      showNotice(attr('data-ended'));
      if (form) { form.querySelector('button[type=submit]').disabled = true; }
    } else if (holding && (view.state !== 'WithAgent' || (myAgentId && view.agentId !== myAgentId))) {
      showNotice(attr('data-moved'));
      if (form) { form.querySelector('button[type=submit]').disabled = true; }
    }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, function () { return (Math.random() * 16 | 0).toString(16); });
  }

  if (workspace && form) {
    var textarea = form.querySelector('textarea');
    var idField = form.querySelector('input[name="Reply.ClientMessageId"]');
    var sendError = document.getElementById('chat-send-error');
    var button = form.querySelector('button[type=submit]');
    form.addEventListener('submit', function (e) {
      if (connection.state !== signalR.HubConnectionState.Connected) { return; } // plain POST instead
      e.preventDefault();
      var text = textarea.value;
      if (!text.trim()) { textarea.focus(); return; }
      button.disabled = true;
      sendError.textContent = '';
      connection.invoke('SendMessage', chatId, idField.value, text)
        .then(function () {
          textarea.value = '';
          idField.value = newId();
          connection.invoke('ChatTyping', chatId, false).catch(function () { });
          lastTypingSent = 0;
        })
        .catch(function (err) {
          // The hub's message is the reason to show; the same client message id is kept for a retry.
          var reason = (err && err.message || '').replace(/^.*HubException: /, '');
          sendError.textContent = H.format(attr('data-send-failed'), reason);
        })
        .then(function () { button.disabled = workspace.getAttribute('data-state') === 'Ended'; textarea.focus(); });
    });
    textarea.addEventListener('input', function () {
      var now = Date.now();
      if (connection.state === signalR.HubConnectionState.Connected && now - lastTypingSent > H.TYPING_SEND_MS) {
        lastTypingSent = now;
        connection.invoke('ChatTyping', chatId, textarea.value.length > 0).catch(function () { });
      }
    });
  }

  // ---- Events ---------------------------------------------------------------------------------------------
  connection.on('chatQueueChanged', function () { refreshBadge(); refreshQueue(); });
  connection.on('chatAssigned', function () { refreshBadge(); refreshQueue(); });
  connection.on('chatMessage', function (m) {
    if (workspace) { render(m); }
    if (queue) { refreshQueue(); }
  });
  connection.on('chatState', function (view) {
    if (workspace) { applyState(view); }
    if (queue) { refreshQueue(); }
  });
  connection.on('typing', function (t) {
    if (!typingLine || !t || t.chatId !== chatId) { return; }
    clearTimeout(typingHide);
    typingLine.textContent = t.isTyping ? H.format(attr('data-typing'), t.displayName) : '';
    if (t.isTyping) { typingHide = setTimeout(function () { typingLine.textContent = ''; }, H.TYPING_SHOW_MS); }
  });

  connection.onreconnecting(function () { if (workspace) { showNotice(attr('data-reconnecting')); } });
  connection.onreconnected(function () {
    if (workspace) { showNotice(''); join().catch(function () { }); }
    joinedMine = {};
    refreshBadge();
    refreshQueue();
  });

  hub.start()
    .then(function () {
      workspace && workspace.setAttribute('data-connected', 'true');
      queue && queue.setAttribute('data-connected', 'true');
      if (workspace) {
        return join().then(function () { workspace.setAttribute('data-live', 'true'); });
      }
      joinMine();
      refreshBadge();
      return null;
    })
    .catch(function () { /* the pages work without the live connection */ });
})();
