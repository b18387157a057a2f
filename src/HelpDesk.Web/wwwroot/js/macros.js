// Saved replies on the agent case page: choosing one inserts it, filled in for this case, at the cursor in the
// reply box and puts its "why we ask this" in the explanation box. Without this script the picker's GET form
// reloads the page with ?macro=… and the server pre-fills both boxes; the script fetches that same page.
(function () {
  'use strict';
  var form = document.querySelector('form[data-macro-picker]');
  if (!form || !window.fetch || !window.DOMParser) { return; }
  var select = form.querySelector('select[name="macro"]');
  var status = form.querySelector('[data-macro-status]');
  var body = document.getElementById(form.dataset.target);
  var explanation = document.getElementById(form.dataset.explanation);
  if (!select || !body) { return; }
  // The text this script inserted last and where: browsing the list with the arrow keys replaces it rather than piling up.
  var last = null;

  function say(text) { if (status) { status.textContent = text; } }

  function insert(text) {
    var start = body.selectionStart, end = body.selectionEnd;
    if (last && body.value.substr(last.start, last.text.length) === last.text) {
      start = last.start; end = last.start + last.text.length;
    }
    body.value = body.value.slice(0, start) + text + body.value.slice(end);
    last = { start: start, text: text };
    body.focus();
    body.setSelectionRange(start + text.length, start + text.length);
  }

  function apply() {
    var id = select.value;
    if (!id) { return; }
    var url = new URL(form.getAttribute('action') || window.location.pathname, window.location.href);
    url.searchParams.set('macro', id);
    say(form.dataset.loading || '…');
    fetch(url.toString(), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var error = page.querySelector('.validation-summary-errors li');
        var filled = page.getElementById(form.dataset.target);
        if (error && error.textContent.trim()) { say(error.textContent.trim()); return; }
        if (!filled) { say(''); return; }
        insert(filled.value);
        var why = page.getElementById(form.dataset.explanation);
        if (explanation && why) { explanation.value = why.value; }
        say((form.dataset.inserted || '{0}').replace('{0}', select.options[select.selectedIndex].text));
      })
      .catch(function () { form.submit(); });
  }

  select.addEventListener('change', apply);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    // Keep site.js's double-submit guard out of it: nothing is posted here.
    event.stopPropagation();
    apply();
  });
})();
