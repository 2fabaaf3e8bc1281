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
   - when the editor has not been used for the idle time, even with no connection,
   - in family mode: every kept page except the locked storyboard's.
   The service worker also forgets pages older than 12 hours.

   Words not yet sent are kept encrypted (editor/store.js) under a key only that account's
   session is given, and so are recordings not yet sent (editor/kept-recordings.js, in
   IndexedDB). They outlive an idle sign-out for the same person only: this file deletes
   them at sign-out, when another account signs in on this browser, after 12 hours, and all
   of them when the account's sessions were ended on purpose (a lost tablet); and it drops
   this tab's copy of the key wherever the pages are deleted.

   Its settings are data- attributes on its own <script> tag (templates/base.html). */

import { ownScript } from "./lib/dom.js";
import { forget as forgetRecordings } from "./editor/kept-recordings.js";
import { MAX_AGE_MS, dropKey, isUnsavedKey } from "./editor/store.js";

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

/* Delete kept words and recordings: all of them, or those of another account or older than
   12 hours. Resolves when the recordings are gone too. */
function forgetWords(all) {
  var recordings = forgetRecordings(all, user);
  try {
    Object.keys(window.localStorage).filter(isUnsavedKey).forEach(function (name) {
      var entry = null;
      try { entry = JSON.parse(window.localStorage.getItem(name)); } catch (e) { entry = null; }
      var theirs = user && (!entry || String(entry.user) !== user);
      var old = !entry || !(Date.now() - entry.at < MAX_AGE_MS);
      if (all || theirs || old) window.localStorage.removeItem(name);
    });
  } catch (e) { /* No storage: nothing was kept. */ }
  return recordings;
}

function forgetPagesAndKey() {
  dropKey();
  return forgetPages();
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
  /* The account's sessions were ended on purpose (a lost tablet): forget everything kept. */
  forgetWords(script.getAttribute("data-forget-words") === "yes");
  if (!user) dropKey();

  /* Signing out: delete kept pages first, then send the form. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!signOutPath || !form || form.getAttribute("data-pages-forgotten")) return;
    if (new URL(form.action, window.location.href).pathname !== signOutPath) return;
    event.preventDefault();
    var words = forgetWords(true);
    dropKey();
    var sent = false;
    function go() {
      if (sent) return;
      sent = true;
      form.setAttribute("data-pages-forgotten", "true");
      form.submit();
    }
    Promise.all([forgetPages(), words]).then(go, go);
    window.setTimeout(go, 2000);
  });

  var editor = document.getElementById("editor");
  if (!editor || !workerUrl) return;

  if (document.body.classList.contains("family-mode")) keepOnly(window.location.pathname);

  var signedOutBox = document.getElementById("signed-out");
  if (signedOutBox && window.MutationObserver) {
    new MutationObserver(function () {
      if (!signedOutBox.hidden) forgetPagesAndKey();
    }).observe(signedOutBox, { attributes: true, attributeFilter: ["hidden"] });
  }

  /* Not used for the idle time: the server has signed this session out, but with no
     connection the tablet cannot hear it. Delete the kept pages and the key here too (the
     words stay sealed for the same person), then load the page again from the server. */
  var idleMinutes = Number(editor.getAttribute("data-idle-minutes")) || 30;
  var idleTimer = null;
  function used() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () {
      forgetPagesAndKey().then(function () { window.location.reload(); });
    }, idleMinutes * 60 * 1000);
  }
  ["input", "keydown", "pointerdown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, used, { passive: true });
  });
  used();

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
