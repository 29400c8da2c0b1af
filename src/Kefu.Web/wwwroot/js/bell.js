// The live bell (NTF-01): the server says "inbox changed", the page asks for the new count.
(function () {
  var badge = document.querySelector("[data-unread-count]");
  if (!badge || !window.signalR) return;
  function refresh() {
    fetch("/api/notifications/unread-count", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        badge.textContent = d.count;
        badge.classList.toggle("d-none", d.count === 0);
      });
  }
  var connection = new signalR.HubConnectionBuilder().withUrl("/hubs/notifications").withAutomaticReconnect().build();
  connection.on("inboxChanged", refresh);
  connection.start().catch(function () { /* the count shown at page load stays */ });
})();
