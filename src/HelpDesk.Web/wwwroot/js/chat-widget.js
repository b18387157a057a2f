// Portal chat widget over SignalR (/hubs/chat, ADR 0106). The page works without it: the widget stays hidden
// unless this script runs. Message text is only ever set with textContent, never parsed as HTML.
//  - Signed-in subscribers start at once; guests give a name and email first (the chat access token is kept in
//    sessionStorage with the chat id, so a reload rejoins the same chat and restores the transcript).
//  - Messages are ordered and de-duplicated by seq; after a reconnect we rejoin with the last seq we saw and
//    resend unacknowledged messages with the same client message id (the server stores a retry only once).
(function () {
  'use strict';
  var root = document.getElementById('chat-widget');
  if (!root || !window.signalR || !window.HelpDesk || !window.sessionStorage) { return; }

  var T = {};
  try { T = JSON.parse(document.getElementById('chat-widget-text').textContent || '{}'); } catch (e) { T = {}; }
  function t(key, value) { var s = T[key] || key; return value === undefined ? s : s.replace('{0}', value); }

  var KEY_ID = 'helpdesk.chat.id', KEY_TOKEN = 'helpdesk.chat.token', KEY_OPEN = 'helpdesk.chat.open';
  var TYPING_SEND_MS = window.HelpDesk.TYPING_SEND_MS, TYPING_SHOW_MS = window.HelpDesk.TYPING_SHOW_MS;
  var signedIn = root.getAttribute('data-signed-in') === 'true';

  function main() {
    var el = function (id) { return document.getElementById(id); };
    var panel = el('chat-panel'), closeButton = el('chat-close');
    var statusLine = el('chat-status'), connectionLine = el('chat-connection');
    var guestForm = el('chat-guest'), guestName = el('chat-guest-name'), guestEmail = el('chat-guest-email'), guestError = el('chat-guest-error');
    var log = el('chat-log'), typingLine = el('chat-typing');
    var fallback = el('chat-fallback'), fallbackText = el('chat-fallback-text'), fallbackEmail = el('chat-fallback-email');
    var fallbackCallbackBox = el('chat-fallback-callback-box'), fallbackCallback = el('chat-fallback-callback'), fallbackError = el('chat-fallback-error');
    var composer = el('chat-composer'), input = el('chat-input'), sendError = el('chat-send-error'), endButton = el('chat-end');
    var ended = el('chat-ended'), ratingForm = el('chat-rating'), ratingDone = el('chat-rating-done'), newButton = el('chat-new');

    var chat = null;            // the last ChatView we know (without messages)
    var chatId = sessionStorage.getItem(KEY_ID);
    var accessToken = sessionStorage.getItem(KEY_TOKEN);
    var lastSeq = 0;
    var rendered = {};          // seq -> <li>
    var pending = {};           // clientMessageId -> { text, li, sending }
    var typingTimer = null, lastTypingSent = 0, typingShown = null;
    var starting = false;

    var connection = window.HelpDesk.connect('/hubs/chat', [0, 1000, 2000, 5000, 10000, 15000, 30000]);
    var connecting = null;

    var joinedOn = null;        // the connection that joined the chat (the hub keeps a guest's token per connection)
    // Connected, and joined to the chat on this connection.
    function ready() {
      return connect().then(function () {
        if (chatId && joinedOn !== connection.connectionId) { return join(); }
        return undefined;
      });
    }
    var waiters = [];           // calls made while reconnecting wait for the connection to come back
    function connect() {
      if (connection.state === signalR.HubConnectionState.Connected) { return Promise.resolve(); }
      if (connection.state === signalR.HubConnectionState.Reconnecting) {
        return new Promise(function (resolve, reject) { waiters.push({ resolve: resolve, reject: reject }); });
      }
      if (!connecting) {
        connecting = connection.start().then(function () { connecting = null; }, function (err) { connecting = null; throw err; });
      }
      return connecting;
    }

    function reason(err) {
      var message = (err && err.message) || String(err || '');
      // HubException messages arrive as "An unexpected error occurred invoking 'X' on the server. HubException: <reason>".
      var marker = 'HubException: ';
      var at = message.indexOf(marker);
      return at >= 0 ? message.substring(at + marker.length) : message;
    }

    function newId() {
      if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
      var b = new Uint8Array(16); crypto.getRandomValues(b);
      b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
      var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).substring(1); }).join('');
      return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-' + h.substring(20);
    }

    function node(tag, className, text) {
      var n = document.createElement(tag);
      if (className) { n.className = className; }
      if (text !== undefined && text !== null) { n.textContent = text; }
      return n;
    }

    // The app's own pages named in the assistant's text ("/Account/ForgotPassword") become links. Only a path of letters
    // and slashes after a space or bracket: never a scheme, a host or anything the text could smuggle in.
    function withLinks(n, text) {
      var pattern = /(^|[\s(])(\/[A-Za-z][A-Za-z\/]*)(?=$|[\s).,;])/g;
      var last = 0, match;
      text = text || '';
      while ((match = pattern.exec(text)) !== null) {
        var start = match.index + match[1].length;
        n.appendChild(document.createTextNode(text.substring(last, start)));
        var a = node('a', null, match[2]);
        a.setAttribute('href', match[2]);
        n.appendChild(a);
        last = start + match[2].length;
      }
      n.appendChild(document.createTextNode(text.substring(last)));
      return n;
    }

    function timeOf(at) {
      // The same 24-hour time, in the same zone, as every time on the page (site.js).
      if (window.HelpDeskTime) { return window.HelpDeskTime.timeOfDay(at); }
      try { return new Date(at).toISOString().substring(11, 16) + ' UTC'; } catch (e) { return ''; }
    }

    function waitText(seconds) {
      if (seconds === null || seconds === undefined) { return ''; }
      if (seconds < 60) { return t('waitUnderMinute'); }
      var minutes = Math.round(seconds / 60);
      return minutes <= 1 ? t('waitOneMinute') : t('waitMinutes', minutes);
    }

    // ---- Panel ---------------------------------------------------------------------------------------------
    function openPanel(focus) {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      launcher.classList.remove('chat-unread');
      launcher.removeAttribute('data-unread');
      sessionStorage.setItem(KEY_OPEN, '1');
      if (!chatId) {
        if (signedIn) { start(null, null); } else { showGuestForm(); }
      }
      if (focus !== false) {
        setTimeout(function () {
          var target = !guestForm.hidden ? guestName : (!composer.hidden ? input : closeButton);
          target.focus();
        }, 0);
      }
    }

    function closePanel() {
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      sessionStorage.removeItem(KEY_OPEN);
      launcher.focus();
    }

    closeButton.addEventListener('click', closePanel);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { event.preventDefault(); closePanel(); }
    });

    function showGuestForm() {
      guestForm.hidden = false;
      composer.hidden = true;
      ended.hidden = true;
    }

    // ---- Starting and joining ------------------------------------------------------------------------------
    function start(name, email) {
      if (starting) { return; }
      starting = true;
      guestError.textContent = '';
      connect()
        .then(function () {
          var request = { language: navigator.language || 'en' };
          if (name !== null) { request.guestName = name; request.guestEmail = email; }
          return connection.invoke('StartChat', request);
        })
        .then(function (result) {
          chatId = result.chat.id;
          joinedOn = connection.connectionId;
          sessionStorage.setItem(KEY_ID, chatId);
          if (result.accessToken) { accessToken = result.accessToken; sessionStorage.setItem(KEY_TOKEN, accessToken); }
          guestForm.hidden = true;
          applyView(result.chat);
          input.focus();
        })
        .catch(function (err) {
          var text = t('startFailed', reason(err));
          if (name !== null) { guestError.textContent = text; } else { statusLine.textContent = text; }
        })
        .then(function () { starting = false; });
    }

    guestForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = guestName.value.trim(), email = guestEmail.value.trim();
      if (!name) { guestError.textContent = t('nameRequired'); guestName.focus(); return; }
      if (!email || !guestEmail.checkValidity()) { guestError.textContent = t('emailRequired'); guestEmail.focus(); return; }
      start(name, email);
    });

    function join() {
      if (!chatId) { return Promise.resolve(); }
      return connect()
        .then(function () { return connection.invoke('JoinChat', chatId, lastSeq, accessToken); })
        .then(function (view) { joinedOn = connection.connectionId; applyView(view); resendPending(); })
        .catch(function (err) {
          // The chat is gone or not ours (another account signed in): start afresh.
          var message = reason(err);
          if (/not found|404|access/i.test(message)) { forget(); }
          else { statusLine.textContent = t('error', message); }
        });
    }

    function forget() {
      chatId = null; accessToken = null; chat = null; lastSeq = 0; rendered = {}; pending = {};
      sessionStorage.removeItem(KEY_ID); sessionStorage.removeItem(KEY_TOKEN);
      while (log.firstChild) { log.removeChild(log.firstChild); }
      statusLine.textContent = ''; typingLine.textContent = '';
      fallback.hidden = true; ended.hidden = true; composer.hidden = true; ratingDone.textContent = '';
    }

    connection.onreconnecting(function () {
      connectionLine.hidden = false;
      connectionLine.textContent = t('reconnecting');
    });
    function release(error) {
      var waiting = waiters; waiters = [];
      waiting.forEach(function (w) { if (error) { w.reject(error); } else { w.resolve(); } });
    }
    connection.onreconnected(function () {
      connectionLine.textContent = t('reconnected');
      setTimeout(function () { connectionLine.hidden = true; }, 3000);
      // Rejoin first (a guest's token is per connection), then let waiting calls through.
      join().then(function () { release(null); });
    });
    // Automatic reconnection gave up: keep trying, more slowly, while there is a chat to get back to.
    function retryLater() {
      setTimeout(function () {
        if (!chatId) { connectionLine.hidden = true; return; }
        join().then(function () {
          if (connection.state === signalR.HubConnectionState.Connected) { connectionLine.hidden = true; } else { retryLater(); }
        });
      }, 10000);
    }
    connection.onclose(function () {
      release(new Error(t('reconnecting')));
      if (chatId) { connectionLine.hidden = false; connectionLine.textContent = t('reconnecting'); retryLater(); }
    });

    // ---- Rendering -----------------------------------------------------------------------------------------
    function applyView(view) {
      if (!view || view.id !== chatId) { return; }
      (view.messages || []).forEach(addMessage);
      chat = view;
      renderState();
    }

    function renderState() {
      if (!chat) { return; }
      var state = chat.state;
      var status = [];
      if (chat.caseNumber) { status.push(t('caseNumber', chat.caseNumber)); }
      if (state === 'WithAssistant') { status.push(t('withAssistant')); }
      if (state === 'Queued' || state === 'FallbackOffered') {
        if (chat.position) { status.push(t('queued', chat.position)); }
        if (chat.estimatedWaitSeconds !== null && chat.estimatedWaitSeconds !== undefined) { status.push(t('wait', waitText(chat.estimatedWaitSeconds))); }
      }
      if (state === 'WithAgent' && chat.agentName) { status.push(t('withAgent', chat.agentName)); }
      if (state === 'Ended') { status.push(t('ended')); }
      statusLine.textContent = status.join(' ');
      statusLine.setAttribute('data-state', state);

      guestForm.hidden = true;
      composer.hidden = state === 'Ended';
      ended.hidden = state !== 'Ended';
      ratingForm.hidden = !(state === 'Ended' && chat.canRate);
      if (state === 'Ended' && chat.rating) { ratingDone.textContent = t('rated'); }

      fallback.hidden = state !== 'FallbackOffered';
      if (state === 'FallbackOffered') {
        fallbackText.textContent = t(chat.fallbackReason === 'OutsideStaffedHours' ? 'fallbackOutsideHours' : 'fallbackNoAgent');
        fallbackCallbackBox.hidden = chat.isGuest;
      }
      if (state === 'Ended' && chat.fallbackChoice) {
        ratingDone.textContent = t(chat.fallbackChoice === 'Callback' ? 'fallbackChosenCallback' : 'fallbackChosenEmail') + (chat.rating ? ' ' + t('rated') : '');
      }
      // "Talk to a person" only does something while the assistant holds the chat.
      var buttons = log.querySelectorAll('button.chat-person');
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = state !== 'WithAssistant'; }
    }

    function authorLine(message) {
      var line = node('p', 'chat-author');
      if (message.authorKind === 'Assistant') {
        line.appendChild(node('span', 'chat-badge', t('assistant')));
        line.appendChild(node('span', 'chat-note', ' (' + t('assistantNote') + ')'));
      } else if (message.authorKind === 'Agent') {
        line.appendChild(node('span', 'chat-name', message.displayName));
        line.appendChild(node('span', 'chat-note', ' · ' + t('agentRole')));
      } else if (message.authorKind === 'Subscriber') {
        line.appendChild(node('span', 'chat-name', t('you')));
      } else {
        line.appendChild(node('span', 'chat-name', t('system')));
      }
      line.appendChild(node('time', 'chat-time', ' ' + timeOf(message.at)));
      return line;
    }

    function addMessage(message) {
      if (!message || message.chatId !== chatId || rendered[message.seq]) { return; }
      var li;
      var mine = message.clientMessageId && pending[message.clientMessageId];
      if (mine) {
        // Our own message, echoed back: it is delivered.
        li = mine.li;
        delete pending[message.clientMessageId];
        markDelivered(li, message.seq);
      } else {
        li = node('li', 'chat-message chat-' + String(message.authorKind).toLowerCase());
        li.setAttribute('data-author', message.authorKind);
        li.appendChild(authorLine(message));
        li.appendChild(node('p', 'chat-text', message.text));
        if (message.steps && message.steps.length) {
          var steps = node('ol', 'chat-steps');
          message.steps.forEach(function (step) {
            var item = node('li');
            item.appendChild(withLinks(node('span', 'chat-step'), step.instruction));
            item.appendChild(node('span', 'chat-why', t('why', step.why)));
            steps.appendChild(item);
          });
          li.appendChild(steps);
        }
        if (message.authorKind === 'Assistant' && message.offersPerson) {
          var person = node('button', 'chat-person secondary', t('talkToPerson'));
          person.type = 'button';
          person.addEventListener('click', askForPerson);
          li.appendChild(person);
        }
        if (message.authorKind === 'Subscriber') { li.appendChild(node('p', 'chat-delivery', t('delivered'))).setAttribute('data-delivery', 'delivered'); }
        li.setAttribute('data-seq', message.seq);
        insertBySeq(li, message.seq);
        if (message.authorKind === 'Agent' || message.authorKind === 'Assistant') {
          hideTyping();
          if (panel.hidden) { launcher.classList.add('chat-unread'); launcher.setAttribute('data-unread', 'true'); }
        }
      }
      rendered[message.seq] = li;
      if (message.seq > lastSeq) { lastSeq = message.seq; }
      log.scrollTop = log.scrollHeight;
    }

    function insertBySeq(li, seq) {
      var items = log.children;
      for (var i = 0; i < items.length; i++) {
        var other = items[i].getAttribute('data-seq');
        if (other !== null && Number(other) > seq) { log.insertBefore(li, items[i]); return; }
        if (other === null) { log.insertBefore(li, items[i]); return; } // before messages still being sent
      }
      log.appendChild(li);
    }

    function markDelivered(li, seq) {
      li.setAttribute('data-seq', seq);
      var delivery = li.querySelector('.chat-delivery');
      delivery.textContent = t('delivered');
      delivery.setAttribute('data-delivery', 'delivered');
      var retry = li.querySelector('.chat-retry');
      if (retry) { retry.parentNode.removeChild(retry); }
      rendered[seq] = li;
      if (seq > lastSeq) { lastSeq = seq; }
    }

    // ---- Sending -------------------------------------------------------------------------------------------
    function send(text) {
      var id = newId();
      var li = node('li', 'chat-message chat-subscriber');
      li.setAttribute('data-author', 'Subscriber');
      li.setAttribute('data-client-id', id);
      li.appendChild(authorLine({ authorKind: 'Subscriber', at: new Date().toISOString() }));
      li.appendChild(node('p', 'chat-text', text));
      var delivery = node('p', 'chat-delivery', t('sending'));
      delivery.setAttribute('data-delivery', 'sending');
      li.appendChild(delivery);
      log.appendChild(li);
      log.scrollTop = log.scrollHeight;
      pending[id] = { text: text, li: li, sending: false };
      deliver(id);
    }

    function deliver(id) {
      var item = pending[id];
      if (!item || item.sending) { return; }
      item.sending = true;
      var delivery = item.li.querySelector('.chat-delivery');
      delivery.textContent = t('sending');
      delivery.setAttribute('data-delivery', 'sending');
      ready()
        .then(function () { return connection.invoke('SendMessage', chatId, id, item.text); })
        .then(function (ack) {
          if (pending[id]) { delete pending[id]; markDelivered(item.li, ack.seq); }
        })
        .catch(function (err) {
          item.sending = false;
          if (!pending[id]) { return; }
          delivery.textContent = t('notSent') + ' ' + reason(err);
          delivery.setAttribute('data-delivery', 'failed');
          if (!item.li.querySelector('.chat-retry')) {
            var retry = node('button', 'chat-retry secondary compact', t('retry'));
            retry.type = 'button';
            retry.addEventListener('click', function () { deliver(id); });
            item.li.appendChild(retry);
          }
        });
    }

    function resendPending() {
      Object.keys(pending).forEach(function (id) { if (!pending[id].sending) { deliver(id); } });
    }

    composer.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value.trim();
      sendError.textContent = '';
      if (!text || !chatId) { return; }
      if (text.length > 2000) { sendError.textContent = t('error', '2000'); return; }
      input.value = '';
      sendTyping(false);
      send(text);
    });

    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (composer.requestSubmit) { composer.requestSubmit(); } else { composer.dispatchEvent(new Event('submit', { cancelable: true })); }
      }
    });

    input.addEventListener('input', function () {
      var now = Date.now();
      if (now - lastTypingSent > TYPING_SEND_MS) { sendTyping(true); }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { sendTyping(false); }, TYPING_SEND_MS * 2);
    });

    function sendTyping(isTyping) {
      if (!chatId || connection.state !== signalR.HubConnectionState.Connected) { return; }
      lastTypingSent = isTyping ? Date.now() : 0;
      connection.invoke('Typing', chatId, isTyping).catch(function () { /* best effort */ });
    }

    function hideTyping() { typingLine.textContent = ''; clearTimeout(typingShown); }

    // ---- Actions -------------------------------------------------------------------------------------------
    function askForPerson() {
      ready()
        .then(function () { return connection.invoke('AskForPerson', chatId); })
        .then(function (view) { applyView(view); })
        .catch(function (err) { sendError.textContent = t('error', reason(err)); });
    }

    endButton.addEventListener('click', function () {
      ready()
        .then(function () { return connection.invoke('EndChat', chatId); })
        .then(function (view) { applyView(view); newButton.focus(); })
        .catch(function (err) { sendError.textContent = t('error', reason(err)); });
    });

    fallbackEmail.addEventListener('click', function () { chooseFallback('Email', null); });
    fallbackCallback.addEventListener('submit', function (event) {
      event.preventDefault();
      var form = fallbackCallback.elements;
      var zone = 'UTC';
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch (e) { zone = 'UTC'; }
      chooseFallback('Callback', { phone: form.phone.value, date: form.date.value, from: form.from.value, to: form.to.value, timeZone: zone, topic: null });
    });

    function chooseFallback(choice, callback) {
      fallbackError.textContent = '';
      ready()
        .then(function () { return connection.invoke('ChooseFallback', chatId, choice, callback); })
        .then(function (view) { applyView(view); })
        .catch(function (err) { fallbackError.textContent = reason(err); });
    }

    ratingForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var chosen = ratingForm.querySelector('input[name=rating]:checked');
      if (!chosen) { ratingForm.querySelector('input[name=rating]').focus(); return; }
      var comment = el('chat-rating-comment').value.trim() || null;
      ready()
        .then(function () { return connection.invoke('RateChat', chatId, Number(chosen.value), comment); })
        .then(function (view) { applyView(view); ratingDone.textContent = t('rated'); })
        .catch(function (err) { ratingDone.textContent = t('error', reason(err)); });
    });

    newButton.addEventListener('click', function () {
      if (chatId) { connection.invoke('LeaveChat', chatId).catch(function () { /* already gone */ }); }
      forget();
      openPanel();
    });

    // ---- Server events -------------------------------------------------------------------------------------
    connection.on('chatMessage', function (message) { addMessage(message); });
    connection.on('chatState', function (view) {
      if (!view || view.id !== chatId) { return; }
      chat = view;
      renderState();
    });
    connection.on('queuePosition', function (update) {
      if (!update || update.chatId !== chatId || !chat) { return; }
      chat.position = update.position;
      chat.estimatedWaitSeconds = update.estimatedWaitSeconds;
      renderState();
    });
    connection.on('typing', function (update) {
      if (!update || update.chatId !== chatId || update.authorKind === 'Subscriber') { return; }
      clearTimeout(typingShown);
      if (update.isTyping) {
        typingLine.textContent = t('typing', update.displayName);
        typingShown = setTimeout(hideTyping, TYPING_SHOW_MS);
      } else {
        hideTyping();
      }
    });

  // ---- Go ------------------------------------------------------------------------------------------------
    root.hidden = false;
    if (chatId) {
      join();
      if (sessionStorage.getItem(KEY_OPEN)) { openPanel(false); }
    }
    return { open: openPanel, close: closePanel, isOpen: function () { return !panel.hidden; } };
  }

  var launcher = document.getElementById('chat-launcher');
  var template = document.getElementById('chat-panel-template');
  var widget = null;
  function boot() {
    if (!widget) {
      root.insertBefore(template.content.cloneNode(true), launcher);
      widget = main();
    }
    return widget;
  }

  launcher.addEventListener('click', function () {
    var w = boot();
    if (w.isOpen()) { w.close(); } else { w.open(); }
  });
  root.hidden = false;
  // A chat in progress (this tab, before a reload) is rejoined at once.
  if (sessionStorage.getItem(KEY_ID)) { boot(); }
})();
