// Downloads exports in the background, showing progress, so the page stays usable.

import { HttpError, OfflineError, request } from "./lib/http.js";

function filenameFrom(response, fallback) {
  var header = response.headers.get("Content-Disposition") || "";
  var match = /filename="([^"]+)"/.exec(header);
  return match ? match[1] : fallback;
}

// The page's words for a message (data-* on the status box), with {name} filled in.
function words(box, name, values) {
  var text = box.getAttribute("data-" + name) || "";
  return text.replace(/\{(\w+)\}/g, function (whole, key) {
    return key in values ? String(values[key]) : whole;
  });
}

function start(link) {
  var box = document.querySelector(".export-status");
  var message = box && box.querySelector(".export-message");
  var progress = box && box.querySelector("progress");
  var label = link.getAttribute("data-export");
  if (box) {
    box.hidden = false;
    progress.hidden = false;
    message.textContent = words(box, "preparing", { label: label });
  }
  link.setAttribute("aria-disabled", "true");
  // JSON when refused, so a refusal is shown here rather than downloaded as a page.
  request(link.href, { headers: { Accept: "application/json, */*;q=0.1" } })
    .then(function (response) {
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = document.createElement("a");
        a.href = url;
        a.download = filenameFrom(response, "export");
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        if (message) { message.textContent = words(box, "ready", { label: label, file: a.download }); }
      });
    })
    .catch(function (error) {
      if (!message) { return; }
      if (error instanceof OfflineError) {
        message.textContent = words(box, "offline", {});
      } else if (error instanceof HttpError) {
        message.textContent = error.status === 401 ? words(box, "signed-out", {}) :
          error.status === 409 ? error.message :
          words(box, "failed", { status: error.status });
      } else {
        message.textContent = error.message;
      }
    })
    .finally(function () {
      if (progress) { progress.hidden = true; }
      link.removeAttribute("aria-disabled");
    });
}

document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-export]");
  if (!link || event.defaultPrevented || event.button !== 0) { return; }
  event.preventDefault();
  if (link.getAttribute("aria-disabled") !== "true") { start(link); }
});
