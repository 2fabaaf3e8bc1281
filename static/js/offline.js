/* Offline support, on the editor and on every page shown with nobody signed in (loaded
   before the page's own scripts).

   On the editor page it registers the service worker (sw.js), which keeps a copy of the editor
   page and its static files so a reload with no wi-fi still opens the editor; the editor then
   puts the words kept in localStorage back over that older copy and sends them later.

   A kept page holds the family's words, so this file deletes kept pages
   - when the sign-out form is sent (before it goes),
   - on any page shown with nobody signed in (the sign-in page, after an idle sign-out),
   - when a different person is signed in than the one the pages were kept for,
   - when the editor finds the session signed out (its "Please sign in again" box appears),
   - in family mode: every kept page except the locked storyboard's.
   The service worker also forgets pages older than 12 hours.

   Its settings are data- attributes on its own <script> tag (templates/base.html). */

import { ownScript } from "./lib/dom.js";
import { unsavedKey } from "./editor/store.js";

var script = ownScript(import.meta.url);
var user = (script && script.getAttribute("data-user")) || "";
var signOutPath = (script && script.getAttribute("data-signout")) || "";
var workerUrl = (script && script.getAttribute("data-sw")) || "";
var OWNER = "offline:pages-kept-for";
var PAGES = "wp-pages-";

function forgetPages() {
  if (!window.caches) return Promise.resolve();
  return window.caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PAGES) === 0; })
      .map(function (name) { return window.caches.delete(name); }));
  }).catch(function () {});
}

function keepOnly(path) {
  if (!window.caches) return Promise.resolve();
  return window.caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PAGES) === 0; }).map(function (name) {
      return window.caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) {
            return new URL(request.url).pathname !== path;
          }).map(function (request) { return cache.delete(request); }));
        });
      });
    }));
  }).catch(function () {});
}

if (script) start();

function start() {
  /* Pages kept for someone else, or for nobody now signed in: delete them. */
  try {
    if (window.localStorage.getItem(OWNER) !== user) {
      forgetPages();
      if (user) window.localStorage.setItem(OWNER, user);
      else window.localStorage.removeItem(OWNER);
    }
  } catch (e) {
    if (!user) forgetPages();
  }

  /* Signing out: delete kept pages first, then send the form. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!signOutPath || !form || form.getAttribute("data-pages-forgotten")) return;
    if (new URL(form.action, window.location.href).pathname !== signOutPath) return;
    event.preventDefault();
    var sent = false;
    function go() {
      if (sent) return;
      sent = true;
      form.setAttribute("data-pages-forgotten", "true");
      form.submit();
    }
    forgetPages().then(go, go);
    window.setTimeout(go, 2000);
  });

  var editor = document.getElementById("editor");
  if (!editor || !workerUrl) return;

  /* A page kept by the service worker can be older than the words kept on this tablet: a
     panel saved after the page was kept has a higher version in localStorage than on the page.
     The kept words were typed on that newer version, so give the card that version (before
     the editor reads it): the words are then put back and sent, and if the server has moved on
     since, it answers with a conflict showing its real copy. */
  try {
    var kept = JSON.parse(window.localStorage.getItem(
      unsavedKey(editor.getAttribute("data-storyboard-id"))) || "{}") || {};
    Object.keys(kept).forEach(function (id) {
      var card = document.getElementById("panel-" + id);
      var base = Number(kept[id] && kept[id].base);
      if (card && base > Number(card.getAttribute("data-version"))) {
        card.setAttribute("data-version", String(base));
      }
    });
  } catch (e) { /* No storage: nothing was kept here. */ }

  if (document.body.classList.contains("family-mode")) keepOnly(window.location.pathname);

  var signedOutBox = document.getElementById("signed-out");
  if (signedOutBox && window.MutationObserver) {
    new MutationObserver(function () {
      if (!signedOutBox.hidden) forgetPages();
    }).observe(signedOutBox, { attributes: true, attributeFilter: ["hidden"] });
  }

  if (!("serviceWorker" in navigator)) return;
  var firstVisit = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register(workerUrl, { scope: workerUrl.replace(/sw\.js$/, "") })
    .catch(function () { /* No offline copy on this browser; saving still works. */ });
  if (!firstVisit) return;
  /* The worker was not yet running when this page loaded: ask it to keep this page and the
     files it used, so the very first visit already survives an offline reload. */
  navigator.serviceWorker.ready.then(function (registration) {
    var urls = [window.location.href];
    Array.prototype.forEach.call(document.querySelectorAll("link[href], script[src]"), function (el) {
      urls.push(el.href || el.src);
    });
    if (window.performance && window.performance.getEntriesByType) {
      window.performance.getEntriesByType("resource").forEach(function (entry) { urls.push(entry.name); });
    }
    if (registration.active) registration.active.postMessage({ type: "keep", urls: urls });
  });
}
