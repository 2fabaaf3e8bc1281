// Versions and review: refresh each version's status every 30 seconds, so an answer from a
// reviewer appears without reloading. Only the status partial is fetched; nothing is sent.
(function () {
  "use strict";
  var INTERVAL = 30000;
  function refresh() {
    if (document.hidden) { return; }
    document.querySelectorAll("[data-status-url]").forEach(function (box) {
      var url = box.getAttribute("data-status-url");
      if (!url) { return; }
      fetch(url + "&partial=1", { credentials: "same-origin", headers: { "Accept": "text/html", "X-Background": "1" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-status-url]");
          if (fresh && fresh.innerHTML !== box.innerHTML) {
            box.innerHTML = fresh.innerHTML;
          }
        })
        .catch(function () { /* offline for a moment: try again next time */ });
    });
  }
  window.setInterval(refresh, INTERVAL);
})();
