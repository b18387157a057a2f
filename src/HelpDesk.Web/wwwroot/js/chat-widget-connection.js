// Chat widget, part 1 of 5: the connection to /hubs/chat (ADR 0106). Loaded before chat-widget.js, which builds the
// widget from the parts (window.HelpDesk.chatWidget) and shares one state object `w` with them.
//  - ready(): connected, and joined to the chat on this connection (the hub keeps a guest's token per connection);
//  - calls made while reconnecting wait for the connection to come back; after a reconnect we rejoin with the last
//    seq we saw first (the transcript part then resends unacknowledged messages with the same client message id);
//  - when automatic reconnection gives up, we keep trying, more slowly, while there is a chat to get back to.
(function (H) {
  'use strict';
  if (!H) { return; }
  var parts = H.chatWidget = H.chatWidget || {};

  parts.connection = function (w) {
    var s = w.state, t = w.t;
    var statusLine = w.el('chat-status'), connectionLine = w.el('chat-connection');

    var connection = H.connect('/hubs/chat', [0, 1000, 2000, 5000, 10000, 15000, 30000]);
    var connecting = null;
    var joinedOn = null;        // the connection that joined the chat (the hub keeps a guest's token per connection)
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

    // Connected, and joined to the chat on this connection.
    function ready() {
      return connect().then(function () {
        if (s.chatId && joinedOn !== connection.connectionId) { return join(); }
        return undefined;
      });
    }

    function reason(err) {
      var message = (err && err.message) || String(err || '');
      // HubException messages arrive as "An unexpected error occurred invoking 'X' on the server. HubException: <reason>".
      var marker = 'HubException: ';
      var at = message.indexOf(marker);
      return at >= 0 ? message.substring(at + marker.length) : message;
    }

    function join() {
      if (!s.chatId) { return Promise.resolve(); }
      return connect()
        .then(function () { return connection.invoke('JoinChat', s.chatId, s.lastSeq, s.accessToken); })
        .then(function (view) { joinedOn = connection.connectionId; w.applyView(view); w.resendPending(); })
        .catch(function (err) {
          // The chat is gone or not ours (another account signed in): start afresh.
          var message = reason(err);
          if (/not found|404|access/i.test(message)) { w.forget(); }
          else { statusLine.textContent = t('error', message); }
        });
    }

    connection.onreconnecting(function () {
      connectionLine.hidden = false;
      connectionLine.textContent = t('reconnecting');
    });
    function release(error) {
      var waiting = waiters; waiters = [];
      waiting.forEach(function (waiter) { if (error) { waiter.reject(error); } else { waiter.resolve(); } });
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
        if (!s.chatId) { connectionLine.hidden = true; return; }
        join().then(function () {
          if (connection.state === signalR.HubConnectionState.Connected) { connectionLine.hidden = true; } else { retryLater(); }
        });
      }, 10000);
    }
    connection.onclose(function () {
      release(new Error(t('reconnecting')));
      if (s.chatId) { connectionLine.hidden = false; connectionLine.textContent = t('reconnecting'); retryLater(); }
    });

    w.connection = connection;
    w.connect = connect;
    w.ready = ready;
    w.join = join;
    w.reason = reason;
    // StartChat joins the connection that started the chat.
    w.joinedHere = function () { joinedOn = connection.connectionId; };
    w.isConnected = function () { return connection.state === signalR.HubConnectionState.Connected; };
  };
})(window.HelpDesk);
