// Field service pages (FLD-05/06): the signature pad, the position sent with set out and arrival
// (only after the browser asks the technician and they agree), and live refresh from the dispatch hub.
(function () {
  // Signature: drawn with signature_pad, kept as a PNG data URL in the hidden input after each stroke.
  document.querySelectorAll("canvas[data-signature-for]").forEach(function (canvas) {
    if (!window.SignaturePad) return;
    var input = document.getElementById(canvas.getAttribute("data-signature-for"));
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    var pad = new SignaturePad(canvas, { penColor: "#182433" });
    pad.addEventListener("endStroke", function () { input.value = pad.isEmpty() ? "" : pad.toDataURL("image/png"); });
    var clear = canvas.closest("form").querySelector("[data-signature-clear]");
    if (clear) clear.addEventListener("click", function () { pad.clear(); input.value = ""; });
  });

  // Position: asked for at the moment of setting out or arriving; the step goes ahead without it if refused.
  document.querySelectorAll("form[data-geo='true']").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      var lat = form.querySelector("input[name='Latitude']");
      if (!navigator.geolocation || !lat || lat.value || form.dataset.asked) return;
      e.preventDefault();
      form.dataset.asked = "1";
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        form.querySelector("input[name='Longitude']").value = pos.coords.longitude.toFixed(6);
        form.requestSubmit();
      }, function () { form.requestSubmit(); }, { timeout: 5000, maximumAge: 60000 });
    });
  });

  // A submit button is disabled once pressed, so a slow network does not send the step twice.
  document.querySelectorAll("form[method='post']").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (e.defaultPrevented) return;
      var button = form.querySelector("button[type='submit']");
      if (button) setTimeout(function () { button.disabled = true; }, 0);
    });
  });

  // Live: the board reloads its lists, a job page reloads when its job changed elsewhere.
  if (!window.signalR) return;
  var board = document.querySelector("[data-board]");
  var jobPage = document.querySelector("[data-job-id]");
  if (!board && !jobPage) return;
  var connection = new signalR.HubConnectionBuilder().withUrl("/hubs/dispatch").withAutomaticReconnect().build();
  connection.on("jobChanged", function (id) {
    if (board && window.htmx) { htmx.trigger(board, "refresh"); }
    else if (jobPage && String(id) === jobPage.getAttribute("data-job-id") && !document.activeElement.matches("input, textarea, select")) { location.reload(); }
  });
  connection.start().then(function () { document.documentElement.setAttribute("data-live", "1"); }).catch(function () { /* the page works without live updates */ });
})();
