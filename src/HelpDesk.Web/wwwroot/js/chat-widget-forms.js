// Chat widget, part 4 of 5: the forms and actions around the conversation (ADR 0106): the guest's name and email
// (signed-in subscribers start at once), "Talk to a person", ending the chat, the callback or email fallback when nobody
// answered in time, the rating after the end, and starting a new chat. Which of them shows follows the chat's state.
(function (H) {
  'use strict';
  if (!H) { return; }
  var parts = H.chatWidget = H.chatWidget || {};

  parts.forms = function (w) {
    var s = w.state, t = w.t, el = w.el;
    var statusLine = el('chat-status');
    var guestForm = el('chat-guest'), guestName = el('chat-guest-name'), guestEmail = el('chat-guest-email'), guestError = el('chat-guest-error');
    var fallback = el('chat-fallback'), fallbackText = el('chat-fallback-text'), fallbackEmail = el('chat-fallback-email');
    var fallbackCallbackBox = el('chat-fallback-callback-box'), fallbackCallback = el('chat-fallback-callback'), fallbackError = el('chat-fallback-error');
    var composer = el('chat-composer'), input = el('chat-input'), sendError = el('chat-send-error'), endButton = el('chat-end');
    var ended = el('chat-ended'), ratingForm = el('chat-rating'), ratingDone = el('chat-rating-done'), newButton = el('chat-new');
    var starting = false;

    function showGuestForm() {
      guestForm.hidden = false;
      composer.hidden = true;
      ended.hidden = true;
    }

    // ---- Starting ------------------------------------------------------------------------------------------
    function start(name, email) {
      if (starting) { return; }
      starting = true;
      guestError.textContent = '';
      w.connect()
        .then(function () {
          var request = { language: navigator.language || 'en' };
          if (name !== null) { request.guestName = name; request.guestEmail = email; }
          return w.connection.invoke('StartChat', request);
        })
        .then(function (result) {
          s.chatId = result.chat.id;
          w.joinedHere();
          sessionStorage.setItem(w.keys.id, s.chatId);
          if (result.accessToken) { s.accessToken = result.accessToken; sessionStorage.setItem(w.keys.token, s.accessToken); }
          guestForm.hidden = true;
          w.applyView(result.chat);
          input.focus();
        })
        .catch(function (err) {
          var text = t('startFailed', w.reason(err));
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

    // ---- Actions -------------------------------------------------------------------------------------------
    function askForPerson() {
      w.ready()
        .then(function () { return w.connection.invoke('AskForPerson', s.chatId); })
        .then(function (view) { w.applyView(view); })
        .catch(function (err) { sendError.textContent = t('error', w.reason(err)); });
    }

    endButton.addEventListener('click', function () {
      w.ready()
        .then(function () { return w.connection.invoke('EndChat', s.chatId); })
        .then(function (view) { w.applyView(view); newButton.focus(); })
        .catch(function (err) { sendError.textContent = t('error', w.reason(err)); });
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
      w.ready()
        .then(function () { return w.connection.invoke('ChooseFallback', s.chatId, choice, callback); })
        .then(function (view) { w.applyView(view); })
        .catch(function (err) { fallbackError.textContent = w.reason(err); });
    }

    ratingForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var chosen = ratingForm.querySelector('input[name=rating]:checked');
      if (!chosen) { ratingForm.querySelector('input[name=rating]').focus(); return; }
      var comment = el('chat-rating-comment').value.trim() || null;
      w.ready()
        .then(function () { return w.connection.invoke('RateChat', s.chatId, Number(chosen.value), comment); })
        .then(function (view) { w.applyView(view); ratingDone.textContent = t('rated'); })
        .catch(function (err) { ratingDone.textContent = t('error', w.reason(err)); });
    });

    newButton.addEventListener('click', function () {
      if (s.chatId) { w.connection.invoke('LeaveChat', s.chatId).catch(function () { /* already gone */ }); }
      w.forget();
      w.openPanel();
    });

    // ---- Which form shows ----------------------------------------------------------------------------------
    w.renderForms = function (chat) {
      var state = chat.state;
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
    };
    // No chat any more: none of the forms that belong to one.
    w.clearForms = function () {
      fallback.hidden = true; ended.hidden = true; composer.hidden = true; ratingDone.textContent = '';
    };
    w.start = start;
    w.showGuestForm = showGuestForm;
    w.askForPerson = askForPerson;
  };
})(window.HelpDesk);
