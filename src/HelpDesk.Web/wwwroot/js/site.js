// Tell the server the browser's time zone so times can be shown locally before sign-in.
(function () {
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf('hd_tz=') === -1) {
      document.cookie = 'hd_tz=' + encodeURIComponent(tz) + '; path=/; max-age=31536000; samesite=lax';
    }
    var field = document.querySelector('input[name="Input.TimeZone"]');
    if (field && tz && (!field.value || field.value === 'UTC')) { field.value = tz; }
  } catch (e) { /* no Intl: times stay in UTC */ }
  // A second click on a submit button does not send the form twice.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.submitted === 'true') { event.preventDefault(); return; }
    form.dataset.submitted = 'true';
    setTimeout(function () { form.dataset.submitted = 'false'; }, 5000);
  });
})();
