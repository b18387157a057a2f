// Chat widget, part 2 of 5: the transcript (ADR 0106). Messages are ordered and de-duplicated by seq; our own
// messages show "sending…" until acknowledged and are resent with the same client message id (the server stores a
// retry only once). Typing goes both ways, at most one signal per HelpDesk.TYPING_SEND_MS. Message text is only ever
// set with textContent, never parsed as HTML.
(function (H) {
  'use strict';
  if (!H) { return; }
  var parts = H.chatWidget = H.chatWidget || {};

  parts.transcript = function (w) {
    var s = w.state, t = w.t;
    var log = w.el('chat-log'), typingLine = w.el('chat-typing');
    var composer = w.el('chat-composer'), input = w.el('chat-input'), sendError = w.el('chat-send-error');
    var rendered = {};          // seq -> <li>
    var pending = {};           // clientMessageId -> { text, li, sending }
    var typingTimer = null, lastTypingSent = 0, typingShown = null;

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

    // ---- Rendering -----------------------------------------------------------------------------------------
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
      if (!message || message.chatId !== s.chatId || rendered[message.seq]) { return; }
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
          person.addEventListener('click', function () { w.askForPerson(); });
          li.appendChild(person);
        }
        if (message.authorKind === 'Subscriber') { li.appendChild(node('p', 'chat-delivery', t('delivered'))).setAttribute('data-delivery', 'delivered'); }
        li.setAttribute('data-seq', message.seq);
        insertBySeq(li, message.seq);
        if (message.authorKind === 'Agent' || message.authorKind === 'Assistant') {
          hideTyping();
          if (w.panel.hidden) { w.launcher.classList.add('chat-unread'); w.launcher.setAttribute('data-unread', 'true'); }
        }
      }
      rendered[message.seq] = li;
      if (message.seq > s.lastSeq) { s.lastSeq = message.seq; }
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
      if (seq > s.lastSeq) { s.lastSeq = seq; }
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
      w.ready()
        .then(function () { return w.connection.invoke('SendMessage', s.chatId, id, item.text); })
        .then(function (ack) {
          if (pending[id]) { delete pending[id]; markDelivered(item.li, ack.seq); }
        })
        .catch(function (err) {
          item.sending = false;
          if (!pending[id]) { return; }
          delivery.textContent = t('notSent') + ' ' + w.reason(err);
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
      if (!text || !s.chatId) { return; }
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

    // ---- Typing --------------------------------------------------------------------------------------------
    input.addEventListener('input', function () {
      var now = Date.now();
      if (now - lastTypingSent > H.TYPING_SEND_MS) { sendTyping(true); }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { sendTyping(false); }, H.TYPING_SEND_MS * 2);
    });

    function sendTyping(isTyping) {
      if (!s.chatId || !w.isConnected()) { return; }
      lastTypingSent = isTyping ? Date.now() : 0;
      w.connection.invoke('Typing', s.chatId, isTyping).catch(function () { /* best effort */ });
    }

    function hideTyping() { typingLine.textContent = ''; clearTimeout(typingShown); }

    // ---- Server events -------------------------------------------------------------------------------------
    w.connection.on('chatMessage', function (message) { addMessage(message); });
    w.connection.on('typing', function (update) {
      if (!update || update.chatId !== s.chatId || update.authorKind === 'Subscriber') { return; }
      clearTimeout(typingShown);
      if (update.isTyping) {
        typingLine.textContent = t('typing', update.displayName);
        typingShown = setTimeout(hideTyping, H.TYPING_SHOW_MS);
      } else {
        hideTyping();
      }
    });

    w.addMessage = addMessage;
    w.resendPending = resendPending;
    // "Talk to a person" only does something while the assistant holds the chat.
    w.offerPerson = function (enabled) {
      var buttons = log.querySelectorAll('button.chat-person');
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = !enabled; }
    };
    // A new chat: an empty transcript, nothing waiting to be sent, nobody typing.
    w.clearTranscript = function () {
      rendered = {}; pending = {};
      while (log.firstChild) { log.removeChild(log.firstChild); }
      typingLine.textContent = '';
    };
  };
})(window.HelpDesk);
