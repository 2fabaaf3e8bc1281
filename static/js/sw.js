/* Words & Pictures service worker: the editor survives a reload with no wi-fi.

   What it keeps, network first: the editor page (/storyboards/<id>) and the static files it
   uses (CSS, JS, fonts, illustration and picker SVGs), and the council's stylesheet
   (/council.css) and logo (/council/logo.png). Every answer comes from the server when
   the server can be reached, and a copy goes into Cache Storage; only when the network fails
   is the copy used.

   The council's stylesheet and logo are asked for by the settings' version
   (?v=<version>, a new address each time an administrator saves them), but kept under their
   address without it, one copy each: the newest the tablet has seen replaces the older, and
   any kept page (whichever version it names) gets that newest copy offline. A 404 (the logo
   taken away) forgets the kept copy.

   The words not yet sent live in localStorage (js/editor/store.js) and are put back over the
   older page by the editor, then sent when the connection returns.

   What it never keeps: JSON (the API, the session), sign-in pages, exports, uploaded photos,
   drawings, previews, or any other URL; only GET answers are kept. API requests are passed
   on to the network untouched (see the fetch handler).

   Privacy: a kept editor page holds the family's words. So kept pages are deleted
   - when someone signs out, when a page is shown to nobody signed in or to another user, and
     when the editor finds the session signed out (static/js/offline.js does this);
   - in family mode, every kept page except the locked storyboard's (offline.js);
   - after MAX_AGE (12 hours), checked whenever a page is asked for;
   - when the server answers a page with a redirect (signed out), 401, 403 or 404. */
"use strict";

var VERSION = "1";
var PAGES = "wp-pages-" + VERSION;
var ASSETS = "wp-assets-" + VERSION;
var MAX_AGE = 12 * 60 * 60 * 1000;
var KEPT_AT = "X-Kept-At";
var ROOT = new URL(self.registration.scope).pathname.replace(/\/$/, "");
var EDITOR_PAGE = /^\/storyboards\/\d+$/;
var COUNCIL = /^\/council(?:\.css|\/logo\.png)$/;
var ASSET = /^\/(?:static\/(?:css|js(?:\/[\w-]+)?|fonts|illustrations)\/[\w.-]+\.(?:css|js|ttf|woff2?|svg)|static\/favicon\.svg|pictures\/openmoji\/[\w-]+\.svg)$/;

function localPath(url) {
  if (url.origin !== self.location.origin || url.pathname.indexOf(ROOT + "/") !== 0) return null;
  return url.pathname.slice(ROOT.length);
}

function isAsset(path) {
  return ASSET.test(path) || COUNCIL.test(path);
}

/* Where an asset is kept: its full address, but the council's without the version. */
function assetKey(url, path) {
  return COUNCIL.test(path) ? url.origin + url.pathname : url.href;
}

function isOurs(name) {
  return name.indexOf("wp-pages-") === 0 || name.indexOf("wp-assets-") === 0;
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return isOurs(name) && name !== PAGES && name !== ASSETS;
      }).map(function (name) { return caches.delete(name); }));
    }).then(dropOldPages).then(function () { return self.clients.claim(); })
  );
});

/* A copy of a good answer, stamped with the time it was kept. */
function keep(cacheName, key, response) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(KEPT_AT, String(Date.now()));
    var copy = new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
    return caches.open(cacheName).then(function (cache) { return cache.put(key, copy); });
  }).catch(function () { /* Storage full: the page still works online. */ });
}

function forget(key, cacheName) {
  return caches.open(cacheName || PAGES).then(function (cache) { return cache.delete(key); });
}

function tooOld(response) {
  var at = Number(response.headers.get(KEPT_AT) || 0);
  return !at || Date.now() - at > MAX_AGE;
}

function dropOldPages() {
  return caches.open(PAGES).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        return cache.match(request).then(function (response) {
          if (!response || tooOld(response)) return cache.delete(request);
        });
      }));
    });
  });
}

function good(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

function editorPage(event, key) {
  return fetch(event.request).then(function (response) {
    if (good(response)) {
      event.waitUntil(keep(PAGES, key, response.clone()));
    } else if (response.type === "opaqueredirect" || [401, 403, 404].indexOf(response.status) >= 0) {
      /* Signed out, or this page is no longer for this person: forget the copy. */
      event.waitUntil(forget(key));
    }
    return response;
  }, function (error) {
    return dropOldPages().then(function () {
      return caches.open(PAGES);
    }).then(function (cache) {
      return cache.match(key);
    }).then(function (kept) {
      if (kept) return kept;
      throw error;
    });
  });
}

function asset(event, key, council) {
  return fetch(event.request).then(function (response) {
    if (good(response)) event.waitUntil(keep(ASSETS, key, response.clone()));
    else if (council && response.status === 404) event.waitUntil(forget(key, ASSETS));
    return response;
  }, function (error) {
    return caches.open(ASSETS).then(function (cache) {
      return cache.match(key);
    }).then(function (kept) {
      if (kept) return kept;
      throw error;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  var path = localPath(url);
  if (path === null) return;
  if (path.indexOf("/api/") === 0) {
    /* The API (autosave and the rest) is only passed on, never kept. Passing it on here, rather
       than leaving it to the browser, puts it under the same network state as everything else
       this worker fetches (Chromium's offline emulation does not cover requests it leaves). */
    event.respondWith(fetch(request));
    return;
  }
  if (request.method !== "GET") return;
  var key = url.origin + url.pathname;
  if (request.mode === "navigate" && EDITOR_PAGE.test(path) && !url.search) {
    event.respondWith(editorPage(event, key));
  } else if (isAsset(path) && request.mode !== "navigate") {
    event.respondWith(asset(event, assetKey(url, path), COUNCIL.test(path)));
  }
});

/* Asked by offline.js: keep the page it was loaded with (first visit, before this worker
   controlled it), or forget kept pages. Only our own URLs are ever fetched. */
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "keep" && Array.isArray(data.urls)) {
    done = Promise.all(data.urls.map(function (href) {
      var url;
      try { url = new URL(href, self.location.href); } catch (e) { return null; }
      var path = localPath(url);
      if (path === null || url.search && !isAsset(path)) return null;
      var cacheName = EDITOR_PAGE.test(path) ? PAGES : isAsset(path) ? ASSETS : null;
      if (!cacheName) return null;
      var key = cacheName === PAGES ? url.origin + url.pathname : assetKey(url, path);
      var accept = cacheName === PAGES ? "text/html" : "*/*";
      return fetch(url.href, { credentials: "same-origin", redirect: "manual", headers: { Accept: accept } }).then(function (response) {
        if (good(response)) return keep(cacheName, key, response);
      }, function () {});
    }));
  } else if (data.type === "forget-pages") {
    done = caches.delete(PAGES);
  } else {
    return;
  }
  event.waitUntil(done.then(function () {
    if (event.ports && event.ports[0]) event.ports[0].postMessage({ done: data.type });
  }));
});
