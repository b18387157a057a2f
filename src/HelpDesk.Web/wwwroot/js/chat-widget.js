// Portal chat widget over SignalR (/hubs/chat, ADR 0106), part 5 of 5: the panel and the chat's state, built from the
// parts loaded before it (window.HelpDesk.chatWidget: chat-widget-connection.js, -transcript.js, -queue.js, -forms.js),
// which share one object `w` (elements, text, state and each other's functions). The page works without it: the
// widget stays hidden unless this script runs.
//  - Signed-in subscribers start at once; guests give a name and email first (the chat access token is kept in
//    sessionStorage with the chat id, so a reload rejoins the same chat and restores the transcript).
(function (H) {
  'use strict';
  var root = document.getElementById('chat-widget');
  var parts = H && H.chatWidget;
  if (!root || !window.signalR || !parts || !parts.connection || !parts.transcript || !parts.queue || !parts.forms || !window.sessionStorage) { return; }

  var T = {};
  try { T = JSON.parse(document.getElementById('chat-widget-text').textContent || '{}'); } catch (e) { T = {}; }
  function t(key, value) { var s = T[key] || key; return value === undefined ? s : s.replace('{0}', value); }

  var KEYS = { id: 'helpdesk.chat.id', token: 'helpdesk.chat.token', open: 'helpdesk.chat.open' };
  var signedIn = root.getAttribute('data-signed-in') === 'true';
  var launcher = document.getElementById('chat-launcher');
  var template = document.getElementById('chat-panel-template');

  function main() {
    var el = function (id) { return document.getElementById(id); };
    var panel = el('chat-panel'), closeButton = el('chat-close'), statusLine = el('chat-status');
    var guestForm = el('chat-guest'), guestName = el('chat-guest-name'), composer = el('chat-composer'), input = el('chat-input');

    var w = {
      t: t, el: el, keys: KEYS, panel: panel, launcher: launcher,
      state: {
        chat: null,             // the last ChatView we know (without messages)
        chatId: sessionStorage.getItem(KEYS.id),
        accessToken: sessionStorage.getItem(KEYS.token),
        lastSeq: 0
      }
    };
    var s = w.state;
    parts.connection(w);
    parts.transcript(w);
    parts.queue(w);
    parts.forms(w);

    // ---- Panel ---------------------------------------------------------------------------------------------
    function openPanel(focus) {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      launcher.classList.remove('chat-unread');
      launcher.removeAttribute('data-unread');
      sessionStorage.setItem(KEYS.open, '1');
      if (!s.chatId) {
        if (signedIn) { w.start(null, null); } else { w.showGuestForm(); }
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
      sessionStorage.removeItem(KEYS.open);
      launcher.focus();
    }

    closeButton.addEventListener('click', closePanel);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { event.preventDefault(); closePanel(); }
    });

    // ---- The chat's state ----------------------------------------------------------------------------------
    function applyView(view) {
      if (!view || view.id !== s.chatId) { return; }
      (view.messages || []).forEach(w.addMessage);
      s.chat = view;
      renderState();
    }

    function renderState() {
      var chat = s.chat;
      if (!chat) { return; }
      var state = chat.state;
      var status = [];
      if (chat.caseNumber) { status.push(t('caseNumber', chat.caseNumber)); }
      if (state === 'WithAssistant') { status.push(t('withAssistant')); }
      Array.prototype.push.apply(status, w.queueStatus(chat));
      if (state === 'WithAgent' && chat.agentName) { status.push(t('withAgent', chat.agentName)); }
      if (state === 'Ended') { status.push(t('ended')); }
      statusLine.textContent = status.join(' ');
      statusLine.setAttribute('data-state', state);
      w.renderForms(chat);
      w.offerPerson(state === 'WithAssistant');
    }

    // The chat is gone or not ours, or the subscriber starts a new one.
    function forget() {
      s.chatId = null; s.accessToken = null; s.chat = null; s.lastSeq = 0;
      sessionStorage.removeItem(KEYS.id); sessionStorage.removeItem(KEYS.token);
      w.clearTranscript();
      statusLine.textContent = '';
      w.clearForms();
    }

    w.applyView = applyView;
    w.renderState = renderState;
    w.forget = forget;
    w.openPanel = openPanel;

    w.connection.on('chatState', function (view) {
      if (!view || view.id !== s.chatId) { return; }
      s.chat = view;
      renderState();
    });

    // ---- Go ------------------------------------------------------------------------------------------------
    root.hidden = false;
    if (s.chatId) {
      w.join();
      if (sessionStorage.getItem(KEYS.open)) { openPanel(false); }
    }
    return { open: openPanel, close: closePanel, isOpen: function () { return !panel.hidden; } };
  }

  var widget = null;
  function boot() {
    if (!widget) {
      root.insertBefore(template.content.cloneNode(true), launcher);
      widget = main();
    }
    return widget;
  }

  launcher.addEventListener('click', function () {
    var widgetNow = boot();
    if (widgetNow.isOpen()) { widgetNow.close(); } else { widgetNow.open(); }
  });
  root.hidden = false;
  // A chat in progress (this tab, before a reload) is rejoined at once.
  if (sessionStorage.getItem(KEYS.id)) { boot(); }
})(window.HelpDesk);
