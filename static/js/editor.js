/* The editor's autosave: every change is kept on this tablet at once (localStorage) and sent
   about 1.5 seconds after typing pauses. Each panel carries its version: a stale save gets 409
   and the conflict screen shows both texts. Offline, signed out or a refused form token: the
   words stay kept here and are sent once the server answers again. Words are only ever put
   into the page as text (value / textContent), never as HTML. */
(function () {
  "use strict";

  var root = document.getElementById("editor");
  if (!root) return;

  var DELAY = 1500;
  var MAX_BACKOFF = 60000;
  var api = root.getAttribute("data-api-root");
  var store = new window.EditorStore(root.getAttribute("data-storyboard-id"));
  var cards = document.getElementById("panel-cards");
  var statusEl = document.getElementById("save-state");
  var records = {};
  var offline = false;
  var signedOut = false;
  var backoff = 2000;
  var retryTimer = null;
  var conflicts = [];

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function card(id) {
    return document.getElementById("panel-" + id);
  }

  function rec(id) {
    if (!records[id]) {
      var el = card(id);
      records[id] = {
        version: el ? Number(el.getAttribute("data-version")) : 0,
        timer: null, inflight: false, again: false, error: null, conflict: null,
      };
    }
    return records[id];
  }

  function each(list, fn) {
    return Array.prototype.map.call(list, fn);
  }

  /* --- reading and writing a panel's fields ------------------------------------------- */

  function field(el, name) {
    return el.querySelector('[data-field="' + name + '"]');
  }

  function collect(el) {
    var state = {};
    ["heading", "text", "speaker"].forEach(function (name) {
      var control = field(el, name);
      if (control) state[name] = control.value;
    });
    var ten = field(el, "scale.ten_means");
    if (ten) {
      var checked = el.querySelector('[data-field="scale.value"]:checked');
      state.scale = { value: checked ? Number(checked.value) : null, ten_means: ten.value };
    }
    var steps = el.querySelector("[data-steps]");
    if (steps) state.steps = each(steps.querySelectorAll("[data-step]"), function (t) { return t.value; });
    var toggle = el.querySelector('[data-toggle="voices"]');
    if (toggle) {
      state.voices = !toggle.checked ? [] : each(el.querySelectorAll("[data-voice]"), function (v) {
        return {
          label: v.querySelector('[data-voice-field="label"]').value,
          speaker: v.querySelector('[data-voice-field="speaker"]').value,
          text: v.querySelector('[data-voice-field="text"]').value,
        };
      });
    }
    var scene = el.querySelector(".scene-editor");
    if (scene) {
      try { state.scene = JSON.parse(scene.getAttribute("data-scene") || "{}"); } catch (e) { state.scene = {}; }
    }
    var skip = el.querySelector('[data-action="skip"]');
    state.skipped = !!skip && skip.getAttribute("aria-pressed") === "true";
    return state;
  }

  function setSkipped(el, skipped) {
    var skip = el.querySelector('[data-action="skip"]');
    if (skip) skip.setAttribute("aria-pressed", skipped ? "true" : "false");
    var badge = el.querySelector(".badge-skipped");
    if (badge) badge.hidden = !skipped;
    el.classList.toggle("is-skipped", skipped);
  }

  function apply(el, state) {
    ["heading", "text", "speaker"].forEach(function (name) {
      var control = field(el, name);
      if (control && typeof state[name] === "string") control.value = state[name];
    });
    if (state.scale && field(el, "scale.ten_means")) {
      field(el, "scale.ten_means").value = state.scale.ten_means || "";
      each(el.querySelectorAll('[data-field="scale.value"]'), function (radio) {
        radio.checked = state.scale.value !== null && Number(radio.value) === state.scale.value;
      });
    }
    if (state.steps && el.querySelector("[data-steps]")) Editor.setSteps(el, state.steps);
    var toggle = el.querySelector('[data-toggle="voices"]');
    if (toggle && state.voices) {
      toggle.checked = state.voices.length > 0;
      el.querySelector("[data-voices]").hidden = !toggle.checked;
      each(el.querySelectorAll("[data-voice]"), function (v, i) {
        var voice = state.voices[i] || { label: "", speaker: "", text: "" };
        ["label", "speaker", "text"].forEach(function (name) {
          v.querySelector('[data-voice-field="' + name + '"]').value = voice[name] || "";
        });
      });
    }
    if (state.scene) replaceScene(el, state.scene);
    setSkipped(el, !!state.skipped);
  }

  /* The composer owns its element: give it a fresh one holding the chosen scene. */
  function replaceScene(el, scene) {
    var old = el.querySelector(".scene-editor");
    if (!old || old.getAttribute("data-scene") === JSON.stringify(scene)) return;
    var fresh = document.createElement("div");
    fresh.className = "scene-editor";
    ["data-panel-id", "data-storyboard-id"].forEach(function (name) {
      fresh.setAttribute(name, old.getAttribute(name));
    });
    fresh.setAttribute("data-scene", JSON.stringify(scene));
    old.parentNode.replaceChild(fresh, old);
    if (window.Pictures && window.Pictures.mountScenes) window.Pictures.mountScenes();
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  /* --- the visible save state ---------------------------------------------------------- */

  var STATES = {
    saved: "All changes saved",
    saving: "Saving…",
    offline: "Offline: kept on this tablet",
    signedout: "Signed out: kept on this tablet",
    conflict: "Choose which words to keep",
    error: "Not saved: see the message on the page",
  };

  function render() {
    var ids = Object.keys(records);
    var key = "saved";
    if (store.count() || ids.some(function (id) { return records[id].inflight; })) key = "saving";
    if (ids.some(function (id) { return records[id].error; })) key = "error";
    if (offline && store.count()) key = "offline";
    if (signedOut) key = "signedout";
    if (conflicts.length) key = "conflict";
    if (statusEl.getAttribute("data-state") !== key) {
      statusEl.setAttribute("data-state", key);
      statusEl.textContent = STATES[key];
    }
  }

  function showError(el, body) {
    var box = el.querySelector(".panel-error");
    box.textContent = body.message || "This could not be saved.";
    box.hidden = false;
    var name = (body.field || "text").replace(/^voices\.(\d)\.(\w+)$/, "");
    var control = name ? field(el, body.field) : null;
    if (control) control.setAttribute("aria-invalid", "true");
  }

  function hideError(el) {
    var box = el.querySelector(".panel-error");
    if (box && !box.hidden) {
      box.hidden = true;
      box.textContent = "";
    }
    each(el.querySelectorAll('[aria-invalid="true"]'), function (c) { c.removeAttribute("aria-invalid"); });
  }

  /* --- talking to the server ----------------------------------------------------------- */

  function send(method, url, body) {
    return window.fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, body: data };
      });
    });
  }

  /* A refused session or form token: 401, or the CSRF error (400 with a numeric error). */
  function isSignedOut(res) {
    return res.status === 401 || (res.status === 400 && res.body && res.body.error === 400);
  }

  function changed(el) {
    var id = el.getAttribute("data-panel-id");
    var r = rec(id);
    r.error = null;
    hideError(el);
    store.put(id, { base: r.version, state: collect(el), at: Date.now() });
    window.clearTimeout(r.timer);
    r.timer = window.setTimeout(function () { save(id); }, DELAY);
    render();
    document.dispatchEvent(new CustomEvent("panel-edited", { detail: { panelId: id } }));
  }

  function save(id) {
    var r = rec(id);
    var el = card(id);
    window.clearTimeout(r.timer);
    var entry = store.get(id);
    if (!el || !entry || signedOut || r.conflict || r.error) return render();
    if (r.inflight) {
      r.again = true;
      return;
    }
    r.inflight = true;
    render();
    var sent = JSON.stringify(entry.state);
    var body = Object.assign({ version: r.version }, entry.state);
    send("PATCH", api + "/panels/" + id, body).then(function (res) {
      r.inflight = false;
      if (res.ok) {
        offline = false;
        backoff = 2000;
        r.version = res.body.panel.version;
        el.setAttribute("data-version", String(r.version));
        var now = store.get(id);
        if (now && JSON.stringify(now.state) === sent) store.remove(id);
        else if (now) {
          now.base = r.version;
          store.put(id, now);
          r.again = true;
        }
        document.dispatchEvent(new CustomEvent("panel-saved", { detail: { panelId: id } }));
      } else if (res.status === 409 && res.body.panel) {
        offline = false;
        conflict(id, res.body.panel);
      } else if (isSignedOut(res)) {
        needSignIn();
      } else if (res.status === 422 || res.status === 400 || res.status === 413) {
        r.error = res.body.message || "This could not be saved.";
        showError(el, res.body.error ? res.body : { message: r.error });
      } else if (res.status === 403 || res.status === 404) {
        r.error = res.body.message || "This page cannot be saved here.";
        showError(el, { message: r.error });
      } else {
        retryLater();
      }
      if (r.again) {
        r.again = false;
        save(id);
      }
      render();
    }, function () {
      r.inflight = false;
      offline = true;
      retryLater();
      render();
    });
  }

  function flushAll() {
    window.clearTimeout(retryTimer);
    retryTimer = null;
    Object.keys(store.all()).forEach(function (id) {
      if (card(id)) save(id);
    });
    render();
  }

  function retryLater() {
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flushAll();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF);
  }

  window.addEventListener("online", function () {
    backoff = 2000;
    flushAll();
  });
  window.addEventListener("offline", function () {
    offline = true;
    render();
  });
  /* Leaving the page: send what is waiting now (it is kept here in any case). */
  window.addEventListener("pagehide", function () {
    Object.keys(records).forEach(function (id) {
      if (records[id].timer && !records[id].inflight) save(id);
    });
  });

  /* --- signed out: keep the words, sign in again, then send them ----------------------- */

  var banner = document.getElementById("signed-out");
  var form = document.getElementById("resignin");
  var formError = document.getElementById("resignin-error");

  function needSignIn() {
    if (signedOut) return;
    signedOut = true;
    banner.hidden = false;
    render();
  }

  function checkSession() {
    return window.fetch(api + "/session", {
      credentials: "same-origin", headers: { "Accept": "application/json" },
    }).then(function (response) { return response.json(); }).then(function (body) {
      var meta = document.querySelector('meta[name="csrf-token"]');
      if (meta && body.csrf_token) meta.setAttribute("content", body.csrf_token);
      return body;
    });
  }

  function signedIn() {
    signedOut = false;
    banner.hidden = true;
    formError.hidden = true;
    form.reset();
    flushAll();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    formError.hidden = true;
    checkSession().then(function (state) {
      if (state.signed_in) return state;
      var data = new URLSearchParams();
      data.set("username", document.getElementById("resignin-user").value);
      data.set("password", document.getElementById("resignin-password").value);
      data.set("csrf_token", state.csrf_token);
      return window.fetch(root.getAttribute("data-signin"), {
        method: "POST", credentials: "same-origin", redirect: "manual", body: data,
      }).then(checkSession);
    }).then(function (state) {
      if (state.signed_in) signedIn();
      else {
        formError.textContent = "That username and password do not match. Please try again.";
        formError.hidden = false;
      }
    }, function () {
      formError.textContent = "The server cannot be reached. Your words are still kept here.";
      formError.hidden = false;
    });
  });

  /* Signed in again in another tab: notice when this tab is looked at again. */
  function recheck() {
    if (!signedOut) return;
    checkSession().then(function (state) { if (state.signed_in) signedIn(); }, function () {});
  }
  window.addEventListener("focus", recheck);
  document.addEventListener("visibilitychange", recheck);
  window.setInterval(recheck, 5000);

  /* --- conflicts: show both, the person chooses ---------------------------------------- */

  var dialog = document.getElementById("conflict");

  function describe(state) {
    var parts = [];
    if (state.deleted) parts.push("(This page was deleted on the other device.)");
    if (state.heading) parts.push(state.heading);
    if (state.text) parts.push(state.text);
    (state.voices || []).forEach(function (v) {
      if (v.text || v.label) parts.push((v.label ? v.label + ": " : "") + v.text);
    });
    (state.steps || []).forEach(function (s, i) { if (s) parts.push(i + 1 + ". " + s); });
    if (state.scale && (state.scale.value !== null || state.scale.ten_means)) {
      parts.push("Scale: " + (state.scale.value === null ? "not chosen" : state.scale.value) +
        (state.scale.ten_means ? "\n10 = " + state.scale.ten_means : ""));
    }
    return parts.join("\n\n") || "(No words yet.)";
  }

  function conflict(id, server) {
    var r = rec(id);
    var entry = store.get(id);
    if (entry && same(entry.state, pick(server, entry.state))) {
      /* The other device saved the very same words: nothing to choose. */
      r.version = server.version;
      card(id).setAttribute("data-version", String(r.version));
      store.remove(id);
      return;
    }
    r.conflict = server;
    if (conflicts.indexOf(id) < 0) conflicts.push(id);
    nextConflict();
  }

  function pick(server, like) {
    var out = {};
    Object.keys(like).forEach(function (k) { out[k] = server[k]; });
    return out;
  }

  function nextConflict() {
    render();
    if (!conflicts.length || dialog.open) return;
    var id = conflicts[0];
    var entry = store.get(id);
    var el = card(id);
    if (el) Editor.show(id);
    document.getElementById("conflict-mine").textContent = describe(entry ? entry.state : collect(el));
    document.getElementById("conflict-theirs").textContent = describe(rec(id).conflict);
    dialog.showModal();
  }

  function resolve(keepMine) {
    var id = conflicts.shift();
    var r = rec(id);
    var server = r.conflict;
    var el = card(id);
    r.conflict = null;
    dialog.close();
    r.version = server.version;
    if (el) el.setAttribute("data-version", String(server.version));
    if (keepMine) {
      var entry = store.get(id);
      if (entry) {
        entry.base = server.version;
        store.put(id, entry);
      }
      var go = server.deleted ? Editor.restore(id) : Promise.resolve();
      go.then(function () { save(id); });
    } else {
      store.remove(id);
      if (el && !server.deleted) apply(el, server);
      if (el && server.deleted) Editor.removed(id);
    }
    nextConflict();
  }

  document.getElementById("conflict-keep-mine").addEventListener("click", function () { resolve(true); });
  document.getElementById("conflict-take-theirs").addEventListener("click", function () { resolve(false); });
  /* Escape must not leave a conflict undecided: the words stay kept, the screen comes back. */
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); });

  /* --- listening to the panels ---------------------------------------------------------- */

  function onEdit(event) {
    var el = event.target.closest ? event.target.closest(".panel-card") : null;
    if (!el) return;
    if (event.target.matches && event.target.matches('[data-toggle="voices"]')) {
      el.querySelector("[data-voices]").hidden = !event.target.checked;
    }
    changed(el);
  }
  cards.addEventListener("input", onEdit);
  cards.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT" || event.target.type === "radio" ||
        event.target.type === "checkbox") onEdit(event);
  });
  cards.addEventListener("scene-change", onEdit);

  /* After a reload: put back words kept here, and send them (or ask, if the server moved on). */
  function restoreKept() {
    var all = store.all();
    Object.keys(all).forEach(function (id) {
      var el = card(id);
      if (!el) return;
      var entry = all[id];
      var r = rec(id);
      var server = collect(el);
      if (same(entry.state, server)) {
        store.remove(id);
      } else if (entry.base === r.version) {
        apply(el, entry.state);
        r.timer = window.setTimeout(function () { save(id); }, 300);
      } else {
        server.version = r.version;
        conflict(id, server);
      }
    });
    render();
  }

  var Editor = (window.Editor = window.Editor || {});
  Editor.changed = changed;
  Editor.collect = collect;
  Editor.apply = apply;
  Editor.send = send;
  Editor.isSignedOut = isSignedOut;
  Editor.needSignIn = needSignIn;
  Editor.rec = rec;
  Editor.store = store;
  Editor.setSkipped = setSkipped;
  Editor.flush = function (id) {
    if (store.get(id)) save(id);
  };
  Editor.restoreKept = restoreKept;
  Editor.api = api;
  Editor.render = render;
})();
