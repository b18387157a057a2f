// Chat widget, part 3 of 5: the queue for a person (ADR 0106). While the chat waits (or is offered a fallback) the
// status line says its position and the estimated wait; "queuePosition" pushes keep both current without a reload.
(function (H) {
  'use strict';
  if (!H) { return; }
  var parts = H.chatWidget = H.chatWidget || {};

  parts.queue = function (w) {
    var s = w.state, t = w.t;

    function waitText(seconds) {
      if (seconds === null || seconds === undefined) { return ''; }
      if (seconds < 60) { return t('waitUnderMinute'); }
      var minutes = Math.round(seconds / 60);
      return minutes <= 1 ? t('waitOneMinute') : t('waitMinutes', minutes);
    }

    // What the status line says about the queue: the position and the estimated wait, while the chat waits.
    w.queueStatus = function (chat) {
      var status = [];
      if (chat.state === 'Queued' || chat.state === 'FallbackOffered') {
        if (chat.position) { status.push(t('queued', chat.position)); }
        if (chat.estimatedWaitSeconds !== null && chat.estimatedWaitSeconds !== undefined) { status.push(t('wait', waitText(chat.estimatedWaitSeconds))); }
      }
      return status;
    };

    w.connection.on('queuePosition', function (update) {
      if (!update || update.chatId !== s.chatId || !s.chat) { return; }
      s.chat.position = update.position;
      s.chat.estimatedWaitSeconds = update.estimatedWaitSeconds;
      w.renderState();
    });
  };
})(window.HelpDesk);
