/* The editor's autosave: every change is kept on this tablet at once (encrypted, store.js) and
   sent about 1.5 seconds after typing pauses. Each panel carries its version: a stale save gets 409
   and the conflict screen shows both texts. Offline, signed out or a refused form token: the
   words stay kept here and are sent once the server answers again. Words are only ever put
   into the page as text (value / textContent), never as HTML. */

import { $$ } from "../lib/dom.js";
import { HttpError, request, requestJson, setCsrfToken } from "../lib/http.js";
import { apply, collect, field, personName } from "./fields.js";
import { forget as forgetRecordings } from "./kept-recordings.js";
import { Store, dropKey, keptKey, setKey } from "./store.js";

const DELAY = 1500;
const MAX_BACKOFF = 60000;
const STATES = {
  saved: "All changes saved",
  saving: "Saving…",
  offline: "Offline: kept on this tablet",
  signedout: "Signed out: kept on this tablet",
  conflict: "Choose which words to keep",
  error: "Not saved: see the message on the page",
  picture: "Picture not added: see the message by the picture",
};

let root = null;
let api = "";
let store = null;
let statusEl = null;
let pages = null; // {show, restore, removed}: the page list (pages.js), given to start()
const records = {};
let offline = false;
let signedOut = false;
let backoff = 2000;
let retryTimer = null;
let pictureRefused = false; // a photo the server refused: said until the next change
const conflicts = [];

export function apiRoot() {
  return api;
}

export function keptWords() {
  return store;
}

function card(id) {
  return document.getElementById("panel-" + id);
}

export function rec(id) {
  if (!records[id]) {
    const el = card(id);
    records[id] = {
      version: el ? Number(el.getAttribute("data-version")) : 0,
      timer: null, inflight: false, again: false, error: null, conflict: null,
    };
  }
  return records[id];
}

/* A page's words in one canonical form: keys in order, and a second-language field left
   empty the same as one not there (the server leaves an empty view's or scale's `_2` out). */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== "object") return value;
  const out = {};
  Object.keys(value).sort().forEach((key) => {
    if (/_2$/.test(key) && (value[key] === "" || value[key] === undefined)) return;
    out[key] = canonical(value[key]);
  });
  return out;
}

function same(a, b) {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/* --- the visible save state ------------------------------------------------------------ */

function render() {
  const ids = Object.keys(records);
  let key = "saved";
  if (store.count() || ids.some((id) => records[id].inflight)) key = "saving";
  if (ids.some((id) => records[id].error)) key = "error";
  if (pictureRefused) key = "picture";
  if (offline && store.count()) key = "offline";
  if (signedOut) key = "signedout";
  if (conflicts.length) key = "conflict";
  if (statusEl.getAttribute("data-state") !== key) {
    statusEl.setAttribute("data-state", key);
    statusEl.textContent = STATES[key];
  }
}

function showError(el, body) {
  const box = el.querySelector(".panel-error");
  box.textContent = body.message || "This could not be saved.";
  box.hidden = false;
  const name = (body.field || "text").replace(/^voices\.(\d)\.(\w+)$/, "");
  const control = name ? field(el, body.field) : null;
  if (control) control.setAttribute("aria-invalid", "true");
}

function hideError(el) {
  const box = el.querySelector(".panel-error");
  if (box && !box.hidden) {
    box.hidden = true;
    box.textContent = "";
  }
  $$('[aria-invalid="true"]', el).forEach((c) => c.removeAttribute("aria-invalid"));
}

/* --- talking to the server ------------------------------------------------------------- */

export function changed(el) {
  const id = el.getAttribute("data-panel-id");
  const r = rec(id);
  r.error = null;
  hideError(el);
  store.put(id, { base: r.version, state: collect(el), at: Date.now() });
  window.clearTimeout(r.timer);
  r.timer = window.setTimeout(() => save(id), DELAY);
  render();
  document.dispatchEvent(new CustomEvent("panel-edited", { detail: { panelId: id } }));
}

function save(id) {
  const r = rec(id);
  const el = card(id);
  window.clearTimeout(r.timer);
  const entry = store.get(id);
  if (!el || !entry || signedOut || r.conflict || r.error) return render();
  if (r.inflight) {
    r.again = true;
    return;
  }
  r.inflight = true;
  render();
  const sent = JSON.stringify(entry.state);
  const body = Object.assign({ version: r.version }, entry.state);
  function again() {
    if (r.again) {
      r.again = false;
      save(id);
    }
    render();
  }
  requestJson(api + "/panels/" + id, { method: "PATCH", json: body }).then((answer) => {
    r.inflight = false;
    offline = false;
    backoff = 2000;
    r.version = answer.panel.version;
    el.setAttribute("data-version", String(r.version));
    const now = store.get(id);
    if (now && JSON.stringify(now.state) === sent) store.remove(id);
    else if (now) {
      now.base = r.version;
      store.put(id, now);
      r.again = true;
    }
    /* The answer says whether the page's recording still matches its words (recorder.js). */
    document.dispatchEvent(new CustomEvent("panel-saved", {
      detail: { panelId: id, recording: answer.recording },
    }));
    again();
  }, (error) => {
    r.inflight = false;
    if (!(error instanceof HttpError)) {
      /* No answer at all: offline, or the server is down. */
      offline = true;
      retryLater();
      render();
      return;
    }
    const status = error.status;
    const answer = error.body;
    if (status === 409 && answer.panel) {
      offline = false;
      conflict(id, answer.panel);
    } else if (error.signedOut) {
      if (answer.forget) forgetKept();
      needSignIn();
    } else if (status === 422 || status === 400 || status === 413) {
      r.error = answer.message || "This could not be saved.";
      showError(el, answer.error ? answer : { message: r.error });
    } else if (status === 403 || status === 404) {
      r.error = answer.message || "This page cannot be saved here.";
      showError(el, { message: r.error });
    } else {
      retryLater();
    }
    again();
  });
}

/* Send a panel's kept words now, if it has any. */
export function flush(id) {
  if (store.get(id)) save(id);
}

function flushAll() {
  window.clearTimeout(retryTimer);
  retryTimer = null;
  Object.keys(store.all()).forEach((id) => {
    if (card(id)) save(id);
  });
  render();
}

function retryLater() {
  if (retryTimer) return;
  retryTimer = window.setTimeout(() => {
    retryTimer = null;
    flushAll();
  }, backoff);
  backoff = Math.min(backoff * 2, MAX_BACKOFF);
}

/* The server answers again and the key is known: what else waits (recordings) can go. */
function reconnected() {
  document.dispatchEvent(new CustomEvent("editor-reconnected"));
}

/* --- signed out: keep the words, sign in again, then send them ------------------------- */

let banner = null;

export function needSignIn() {
  if (signedOut) return;
  signedOut = true;
  dropKey(); // the words stay on the tablet, sealed, until this person signs in again
  banner.hidden = false;
  render();
}

/* The account's sessions were ended on purpose (sign-out elsewhere, a lost tablet): the
   words and recordings kept on this tablet go, now, at its first contact. */
function forgetKept() {
  store.forget();
  forgetRecordings(true);
}

/* Get this account's key (from this tab after an offline reload, else from the session) and
   put back the words kept on the tablet that it opens. */
function unlock(state) {
  const user = root.getAttribute("data-user");
  if (state) {
    if (state.forget) forgetKept();
    if (!state.signed_in) needSignIn();
    if (!state.signed_in || String(state.user) !== user) return Promise.resolve();
    return setKey(state.offline_key, user).then(() => store.open()).then(restoreKept);
  }
  const kept = keptKey(user);
  const first = kept ? setKey(kept, user).then(() => store.open()).then(restoreKept)
    : Promise.resolve();
  return first.then(() => checkSession()).then(unlock, () => { /* offline: later */ });
}

function checkSession() {
  return requestJson(api + "/session")
    .catch((error) => {
      if (error instanceof HttpError) return error.body;
      throw error;
    })
    .then((body) => {
      setCsrfToken(body.csrf_token);
      return body;
    });
}

function signInAgain() {
  const form = document.getElementById("resignin");
  const formError = document.getElementById("resignin-error");

  function signedIn(state) {
    if (String(state.user) !== root.getAttribute("data-user")) {
      /* Someone else signed in here: this page's words are not theirs to send. The page is
         loaded again as theirs, and the tablet deletes the words kept for the other account. */
      window.location.reload();
      return;
    }
    signedOut = false;
    banner.hidden = true;
    formError.hidden = true;
    form.reset();
    unlock(state).then(flushAll).then(reconnected);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    formError.hidden = true;
    checkSession().then((state) => {
      if (state.signed_in) return state;
      const data = new URLSearchParams();
      data.set("username", document.getElementById("resignin-user").value);
      data.set("password", document.getElementById("resignin-password").value);
      data.set("csrf_token", state.csrf_token);
      /* Whatever the sign-in page answers, the session says whether it worked. */
      return request(root.getAttribute("data-signin"), { method: "POST", redirect: "manual", body: data })
        .catch((error) => {
          if (!(error instanceof HttpError)) throw error;
        })
        .then(checkSession);
    }).then((state) => {
      if (state.signed_in) signedIn(state);
      else {
        formError.textContent = "That username and password do not match. Please try again.";
        formError.hidden = false;
      }
    }, () => {
      formError.textContent = "The server cannot be reached. Your words are still kept here.";
      formError.hidden = false;
    });
  });

  /* Signed in again in another tab: notice when this tab is looked at again. */
  function recheck() {
    if (!signedOut) return;
    checkSession().then((state) => {
      if (state.signed_in) signedIn(state);
    }, () => {});
  }
  window.addEventListener("focus", recheck);
  document.addEventListener("visibilitychange", recheck);
  window.setInterval(recheck, 5000);
}

/* --- conflicts: show both, the person chooses ------------------------------------------ */

let dialog = null;

function describe(state, id) {
  const parts = [];
  if (state.deleted) parts.push("(This page was deleted on the other device.)");
  ["heading", "heading_2", "text", "text_2"].forEach((name) => {
    if (state[name]) parts.push(state[name]);
  });
  (state.voices || []).forEach((v) => {
    if (v.text || v.label) parts.push((v.label ? v.label + ": " : "") + v.text);
    if (v.text_2 || v.label_2) parts.push((v.label_2 ? v.label_2 + ": " : "") + (v.text_2 || ""));
  });
  [state.steps || [], state.steps_2 || []].forEach((steps) => steps.forEach((s, i) => {
    if (s) parts.push(i + 1 + ". " + s);
  }));
  const rated = state.scale ? state.scale.ratings || [] : [];
  if (state.scale && (rated.length || state.scale.ten_means)) {
    const card = document.getElementById("panel-" + id);
    const said = rated.map((r) => (card ? personName(card, r.by) : "") + ": " + r.value);
    parts.push("Scale: " + (said.join(", ") || "no numbers yet") +
      (state.scale.ten_means ? "\n10 = " + state.scale.ten_means : "") +
      (state.scale.ten_means_2 ? "\n10 = " + state.scale.ten_means_2 : ""));
  }
  return parts.join("\n\n") || "(No words yet.)";
}

function pick(server, like) {
  const out = {};
  Object.keys(like).forEach((k) => {
    out[k] = server[k];
  });
  return out;
}

function conflict(id, server) {
  const r = rec(id);
  const entry = store.get(id);
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

function nextConflict() {
  render();
  if (!conflicts.length || dialog.open) return;
  const id = conflicts[0];
  const entry = store.get(id);
  const el = card(id);
  if (el) pages.show(id);
  document.getElementById("conflict-mine").textContent = describe(entry ? entry.state : collect(el), id);
  document.getElementById("conflict-theirs").textContent = describe(rec(id).conflict, id);
  dialog.showModal();
}

function resolve(keepMine) {
  const id = conflicts.shift();
  const r = rec(id);
  const server = r.conflict;
  const el = card(id);
  r.conflict = null;
  dialog.close();
  r.version = server.version;
  if (el) el.setAttribute("data-version", String(server.version));
  if (keepMine) {
    const entry = store.get(id);
    if (entry) {
      entry.base = server.version;
      store.put(id, entry);
    }
    const go = server.deleted ? pages.restore(id) : Promise.resolve();
    go.then(() => save(id));
  } else {
    store.remove(id);
    if (el && !server.deleted) apply(el, server);
    if (el && server.deleted) pages.removed(id);
  }
  nextConflict();
}

/* After a reload: put back the words kept here (the panels `ids`), and send them, or ask if
   the server moved on. A copy of the page kept for offline use can be older than the words:
   a panel saved after the page was kept has a higher version in the kept words than on the
   page. The words were typed on that newer version, so the card takes it; if the server has
   moved on since, it answers with a conflict showing its real copy. */
export function restoreKept(ids) {
  const all = store.all();
  (ids || []).forEach((id) => {
    const el = card(id);
    if (!el || !all[id]) return;
    const entry = all[id];
    if (!records[id] && Number(entry.base) > Number(el.getAttribute("data-version"))) {
      el.setAttribute("data-version", String(entry.base));
    }
    const r = rec(id);
    const server = collect(el);
    if (same(entry.state, server)) {
      store.remove(id);
    } else if (entry.base === r.version) {
      apply(el, entry.state);
      r.timer = window.setTimeout(() => save(id), 300);
    } else {
      server.version = r.version;
      conflict(id, server);
    }
  });
  render();
}

/* --- listening to the panels ----------------------------------------------------------- */

/* Start saving the editor in `editorRoot`; `pageList` is {show, restore, removed}. */
export function startAutosave(editorRoot, pageList) {
  root = editorRoot;
  pages = pageList;
  api = root.getAttribute("data-api-root");
  store = new Store(root.getAttribute("data-storyboard-id"), root.getAttribute("data-user"));
  statusEl = document.getElementById("save-state");
  banner = document.getElementById("signed-out");
  dialog = document.getElementById("conflict");
  const cards = document.getElementById("panel-cards");

  window.addEventListener("online", () => {
    backoff = 2000;
    unlock().then(flushAll).then(reconnected);
  });
  window.addEventListener("offline", () => {
    offline = true;
    render();
  });
  /* Leaving the page: send what is waiting now (it is kept here in any case). */
  window.addEventListener("pagehide", () => {
    Object.keys(records).forEach((id) => {
      if (records[id].timer && !records[id].inflight) save(id);
    });
  });

  signInAgain();

  document.getElementById("conflict-keep-mine").addEventListener("click", () => resolve(true));
  document.getElementById("conflict-take-theirs").addEventListener("click", () => resolve(false));
  /* Escape must not leave a conflict undecided: the words stay kept, the screen comes back. */
  dialog.addEventListener("cancel", (event) => event.preventDefault());

  function onEdit(event) {
    const el = event.target.closest ? event.target.closest(".panel-card") : null;
    if (!el) return;
    /* Choosing whom to add changes nothing yet: "Add their number" does. Nor does who reads
       the page aloud: that goes with the next recording (recorder.js). */
    if (event.target.matches && event.target.matches("[data-rating-who], [data-rec-reader]")) return;
    pictureRefused = false;
    if (event.target.matches && event.target.matches('[data-toggle="voices"]')) {
      el.querySelector("[data-voices]").hidden = !event.target.checked;
    }
    changed(el);
  }
  cards.addEventListener("input", onEdit);
  cards.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT" || event.target.type === "radio" ||
        event.target.type === "checkbox") onEdit(event);
  });
  cards.addEventListener("scene-change", onEdit);
  cards.addEventListener("scene-error", () => {
    pictureRefused = true;
    render();
  });
  return unlock();
}
