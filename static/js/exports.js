// Downloads exports in the background, showing progress, so the page stays usable.

import { HttpError, OfflineError, request } from "./lib/http.js";

function filenameFrom(response, fallback) {
  var header = response.headers.get("Content-Disposition") || "";
  var match = /filename="([^"]+)"/.exec(header);
  return match ? match[1] : fallback;
}

function start(link) {
  var box = document.querySelector(".export-status");
  var message = box && box.querySelector(".export-message");
  var progress = box && box.querySelector("progress");
  var label = link.getAttribute("data-export");
  if (box) {
    box.hidden = false;
    progress.hidden = false;
    message.textContent = "Preparing " + label + "… you can keep working.";
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
        if (message) { message.textContent = label + " is ready: " + a.download; }
      });
    })
    .catch(function (error) {
      if (!message) { return; }
      if (error instanceof OfflineError) {
        message.textContent = "The tablet is offline, so the export cannot be made now.";
      } else if (error instanceof HttpError) {
        message.textContent = error.status === 401 ? "Please sign in again, then try the export again." :
          error.status === 409 ? error.message :
          "The export did not work (error " + error.status + "). Please try again.";
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
