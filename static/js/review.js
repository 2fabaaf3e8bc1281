// Versions and review: refresh each version's status every 30 seconds, so an answer from a
// reviewer appears without reloading. Only the status partial is fetched; nothing is sent.

import { $, $$ } from "./lib/dom.js";
import { requestText } from "./lib/http.js";

const INTERVAL = 30000;

function refresh() {
  if (document.hidden) return;
  $$("[data-status-url]").forEach((box) => {
    const url = box.getAttribute("data-status-url");
    if (!url) return;
    requestText(url + "&partial=1", { "X-Background": "1" })
      .then((html) => {
        if (!html) return;
        const holder = document.createElement("div");
        holder.innerHTML = html;
        const fresh = $("[data-status-url]", holder);
        if (fresh && fresh.innerHTML !== box.innerHTML) {
          box.innerHTML = fresh.innerHTML;
        }
      })
      .catch(() => { /* offline for a moment, or refused: try again next time */ });
  });
}

window.setInterval(refresh, INTERVAL);
