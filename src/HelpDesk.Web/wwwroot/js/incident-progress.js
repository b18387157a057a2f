// Incident page: while a "notify affected subscribers" notice or a bulk credit runs, poll its progress every 3 s
// (the page works without it).
(function () {
  var list = document.querySelector('[data-progress-url]');
  if (!list || list.dataset.running !== 'true') { return; }
  var url = list.dataset.progressUrl;
  function show(row, max, value, text) {
    if (!row) { return; }
    var bar = row.querySelector('progress');
    bar.max = Math.max(max, 1);
    bar.value = value;
    row.querySelector('.progress-text').textContent = text;
  }
  function tick() {
    window.HelpDesk.fetchJson(url)
      .then(function (p) {
        var running = false;
        (p.notices || []).forEach(function (n) {
          show(document.querySelector('[data-notice="' + n.id + '"]'), n.total, n.queued, n.text);
          if (n.status === 'Running' || n.delivered + n.failed < n.queued) { running = true; }
        });
        if (p.credit) {
          show(document.querySelector('[data-credit="' + p.credit.id + '"]'), p.credit.total, p.credit.done, p.credit.text);
          if (p.credit.status === 'Issuing') { running = true; }
        }
        if (running) { setTimeout(tick, 3000); }
      })
      .catch(function () { setTimeout(tick, 10000); });
  }
  setTimeout(tick, 1000);
})();
