// Incident page: while a "notify affected subscribers" notice runs, poll its progress every 3 s (the page works without it).
(function () {
  var list = document.querySelector('[data-progress-url]');
  if (!list || list.dataset.running !== 'true') { return; }
  var url = list.dataset.progressUrl;
  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (notices) {
        var running = false;
        notices.forEach(function (n) {
          var row = list.querySelector('[data-notice="' + n.id + '"]');
          if (!row) { return; }
          var bar = row.querySelector('progress');
          bar.max = Math.max(n.total, 1);
          bar.value = n.queued;
          row.querySelector('.progress-text').textContent = n.text;
          if (n.status === 'Running' || n.delivered + n.failed < n.queued) { running = true; }
        });
        if (running) { setTimeout(tick, 3000); }
      })
      .catch(function () { setTimeout(tick, 10000); });
  }
  setTimeout(tick, 1000);
})();
