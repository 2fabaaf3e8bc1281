/* "Read this page aloud": each panel card's recorder (templates/editor/_recorder.html).

   Record (the microphone through microphone.js, a red "Recording 0:12" with a level meter),
   Stop, then a player with Record again and Delete, each asked first. A recording goes to
   the server at once (POST .../recording, saying which recording it replaces); with no
   connection, or signed out, it is kept on this tablet, encrypted (kept-recordings.js), and
   sent when the connection comes back, like the words. Another tablet having recorded the
   page meanwhile is a 409: theirs is shown, and this tablet's can still replace it.
   Words are put into the page as text only. */

import { $, $$ } from "../lib/dom.js";
import { HttpError, OfflineError, request, requestJson } from "../lib/http.js";
import { needSignIn } from "./autosave.js";
import { drop, keep, kept } from "./kept-recordings.js";
import { cannotRecord, clockText, startRecording, unsupported } from "./microphone.js";

const SAID = {
  asking: "Asking to use the microphone…",
  recording: "Recording. Tap Stop when the page has been read.",
  sending: "Sending the recording…",
  saved: "Recording saved.",
  kept: "Kept on this tablet; it will be sent when the connection is back.",
  keptSignedOut: "Kept on this tablet; it will be sent when you have signed in again.",
  memory: "Not sent yet, and this tablet cannot keep it: keep this page open until the connection is back.",
  retry: "The server did not take the recording just now. It is kept on this tablet and will be sent again.",
  deleted: "Recording deleted.",
  discarded: "The recording kept on this tablet was deleted.",
};
const CONFLICT = "Another tablet recorded this page while you were recording. Theirs is in the player now. Listen to it: keep theirs, or use yours instead.";

let root = null;
let user = "";
let sbId = "";
let retryTimer = null;
let backoff = 5000;
const states = new WeakMap();

function part(box, name) {
  return $('[data-rec-part="' + name + '"]', box);
}

/* The recorder of a card: its state, read from the page the first time. */
function stateOf(box) {
  if (!states.has(box)) {
    let server = null;
    try {
      server = JSON.parse(box.getAttribute("data-recording") || "null");
    } catch (e) { server = null; }
    const card = box.closest(".panel-card");
    states.set(box, { box: box, panel: card.getAttribute("data-panel-id"), server: server,
      local: null, session: null, asking: null, conflict: false, sending: false });
  }
  return states.get(box);
}

function boxOf(panelId) {
  const card = document.getElementById("panel-" + panelId);
  return card ? $("[data-recorder]", card) : null;
}

function playUrl(box, sha) {
  return box.getAttribute("data-play-url").replace("SHA256", sha);
}

function readerName(box, id) {
  const option = id ? $('[data-rec-reader] option[value="' + id + '"]', box) : null;
  return option ? option.textContent : "";
}

/* --- what the box shows ---------------------------------------------------------------- */

function render(st) {
  const box = st.box;
  const has = !!(st.server || st.local);
  part(box, "start").hidden = has || !!st.session || !!st.asking;
  part(box, "live").hidden = !st.session;
  part(box, "done").hidden = !has || !!st.session || st.asking === "again";
  part(box, "ask").hidden = !st.asking;
  part(box, "mine").hidden = !st.conflict;
  part(box, "reader").hidden = !!st.session || (has && st.asking !== "again");
  box.classList.toggle("is-recording", !!st.session);
  $$("[data-rec]", part(box, "done")).forEach((b) => { b.disabled = st.sending; });

  const audio = $("[data-rec-audio]", box);
  const shown = st.local && !st.conflict ? st.local : st.server;
  const src = !shown ? "" : shown.url || "";
  if (src && audio.getAttribute("src") !== src) audio.setAttribute("src", src);
  if (!src && audio.hasAttribute("src")) {
    audio.removeAttribute("src");
    audio.load();
  }
  const about = $("[data-rec-about]", box);
  if (shown) {
    const who = readerName(box, shown.speaker);
    about.textContent = (who ? "Read by " + who : "Reader not said") + ", " +
      clockText(shown.seconds || 0) + " long." + // whole seconds, as the player counts
      (st.local && !st.conflict ? " Not sent yet." : "");
  } else about.textContent = "";
  $("[data-rec-changed]", box).hidden = !(shown === st.server && st.server && st.server.words_changed);
}

function say(st, text) {
  $("[data-rec-status]", st.box).textContent = text || "";
}

function problem(st, text) {
  const box = $("[data-rec-error]", st.box);
  box.textContent = text || "";
  box.hidden = !text;
}

function withUrl(box, recording) {
  if (recording && !recording.url) recording.url = playUrl(box, recording.sha256);
  return recording || null;
}

function forgetLocal(st) {
  if (!st.local) return;
  if (st.local.url) URL.revokeObjectURL(st.local.url);
  drop(st.local.keptId);
  st.local = null;
}

/* --- recording -------------------------------------------------------------------------- */

function begin(st) {
  problem(st, "");
  const why = unsupported();
  if (why) {
    problem(st, cannotRecord(why));
    return;
  }
  stopOthers(st.panel);
  st.asking = null;
  st.starting = true;
  st.limitNote = "";
  render(st);
  say(st, SAID.asking);
  const box = st.box;
  const max = Number(box.getAttribute("data-max-seconds")) || 180;
  const clock = $("[data-rec-clock]", box);
  const bar = $("[data-rec-level]", box);
  clock.textContent = "0:00";
  startRecording(max, {
    level: (value) => { bar.style.width = Math.round(value * 100) + "%"; },
    tick: (seconds) => { clock.textContent = clockText(seconds); },
    limit: () => {},
  }).then((session) => {
    st.starting = false;
    st.session = session;
    render(st);
    say(st, SAID.recording);
    $('[data-rec="stop"]', box).focus();
    session.stopped.then((made) => finish(st, made), (error) => {
      st.session = null;
      render(st);
      say(st, "");
      problem(st, cannotRecord(error));
    });
  }, (error) => {
    st.starting = false;
    render(st);
    say(st, "");
    problem(st, cannotRecord(error));
  });
}

/* A recording has stopped (Stop, the time limit, or another page shown): play it here and
   send it. */
function finish(st, made) {
  st.session = null;
  const replaces = st.local ? st.local.replaces : (st.server ? st.server.sha256 : "");
  const keptId = st.local ? st.local.keptId : null;
  if (st.local && st.local.url) URL.revokeObjectURL(st.local.url);
  st.local = {
    blob: made.blob, type: made.type, ext: made.ext, seconds: made.seconds,
    url: URL.createObjectURL(made.blob), speaker: $("[data-rec-reader]", st.box).value,
    replaces: replaces, panel: st.panel, keptId: keptId,
  };
  st.conflict = false;
  render(st);
  const max = Number(st.box.getAttribute("data-max-seconds")) || 180;
  st.limitNote = !made.limited ? "" : "A page can be read for up to " + clockText(max) +
    ", so the recording stopped there. What was read is kept: listen to it below.";
  problem(st, st.limitNote);
  $("[data-rec-audio]", st.box).focus();
  send(st);
}

/* Recording on another page stops when a page is shown or a new recording starts. */
function stopOthers(panelId) {
  $$("[data-recorder].is-recording", root).forEach((box) => {
    const other = stateOf(box);
    if (other.panel !== String(panelId) && other.session) other.session.stop();
  });
}

/* --- sending, and keeping on the tablet ----------------------------------------------- */

function send(st) {
  const local = st.local;
  if (!local || st.sending) return;
  st.sending = true;
  render(st);
  say(st, SAID.sending);
  const form = new FormData();
  form.append("audio", local.blob, "page." + local.ext);
  form.append("speaker", local.speaker || "");
  form.append("replaces", local.replaces || "");
  request(st.box.getAttribute("data-record-url"), {
    method: "POST", body: form, headers: { Accept: "application/json" },
  }).then((response) => response.json()).then((answer) => {
    st.sending = false;
    backoff = 5000;
    if (st.local === local) forgetLocal(st);
    else drop(local.keptId);
    st.server = withUrl(st.box, answer.recording);
    render(st);
    problem(st, st.limitNote || "");
    say(st, SAID.saved);
  }, (error) => {
    st.sending = false;
    refused(st, local, error);
  });
}

function refused(st, local, error) {
  if (error instanceof OfflineError) return keepHere(st, local, SAID.kept);
  const status = error instanceof HttpError ? error.status : 0;
  if (error instanceof HttpError && error.signedOut) {
    /* Kept before the signed-out box drops the key; sent once signed in again. */
    return keepHere(st, local, SAID.keptSignedOut, true).then(needSignIn);
  }
  if (status === 409) {
    st.server = withUrl(st.box, error.body.recording);
    st.conflict = !!st.server;
    if (!st.server) local.replaces = ""; // theirs was deleted meanwhile: send again to an empty page
    render(st);
    say(st, "");
    if (st.conflict) problem(st, CONFLICT);
    else send(st);
    return null;
  }
  if (status === 400 || status === 413 || status === 422 || status === 403 || status === 404) {
    if (st.local === local) forgetLocal(st);
    render(st);
    say(st, "");
    problem(st, error.body.message || error.message);
    return null;
  }
  return keepHere(st, local, SAID.retry);
}

function keepHere(st, local, message, untilSignedIn) {
  render(st);
  return keep(user, sbId, local, local.keptId).then((id) => {
    if (id !== null) local.keptId = id;
    const kept = local.keptId !== null && local.keptId !== undefined;
    if (st.local === local) say(st, kept ? message : SAID.memory);
    if (!untilSignedIn) retryLater();
  });
}

function waiting() {
  return $$("[data-recorder]", root).map(stateOf)
    .filter((st) => st.local && !st.conflict && !st.sending && !st.session);
}

function sendWaiting() {
  window.clearTimeout(retryTimer);
  retryTimer = null;
  waiting().forEach(send);
}

function retryLater() {
  if (retryTimer || !waiting().length) return;
  retryTimer = window.setTimeout(sendWaiting, backoff);
  backoff = Math.min(backoff * 2, 60000);
}

/* After a reload: show the recordings kept on this tablet on their pages, and send them. */
function putBackKept() {
  return kept(user, sbId).then((entries) => {
    entries.forEach((entry) => {
      const box = boxOf(entry.panel);
      if (!box) return; // its page is gone (deleted): it is forgotten with the words' rules
      const st = stateOf(box);
      if (st.local) {
        drop(st.local.keptId);
        if (st.local.url) URL.revokeObjectURL(st.local.url);
      }
      entry.keptId = entry.id;
      entry.url = URL.createObjectURL(entry.blob);
      st.local = entry;
      render(st);
      say(st, SAID.kept);
    });
    if (navigator.onLine !== false) sendWaiting();
  });
}

/* --- Record again, Delete, a recording made meanwhile elsewhere ----------------------------- */

function ask(st, what) {
  st.asking = what;
  say(st, "");
  const box = st.box;
  const unsent = st.local && !st.conflict;
  $("[data-rec-question]", box).textContent = what === "again"
    ? "Record this page again? The new recording replaces the one you have now."
    : (unsent ? "Delete the recording kept on this tablet? It has not been sent, and cannot be brought back."
      : "Delete this page's recording? It cannot be brought back.");
  $('[data-rec="yes"]', box).textContent = what === "again" ? "Record again" : "Delete it";
  render(st);
  $(what === "again" ? '[data-rec="yes"]' : '[data-rec="no"]', box).focus();
}

function remove(st) {
  st.asking = null;
  problem(st, "");
  if (st.local && !st.conflict) {
    forgetLocal(st);
    render(st);
    say(st, SAID.discarded);
    return focusMain(st);
  }
  const sha = st.server && st.server.sha256;
  if (!sha) return render(st);
  st.sending = true;
  render(st);
  requestJson(st.box.getAttribute("data-record-url"), {
    method: "DELETE", json: { replaces: sha },
  }).then(() => {
    st.sending = false;
    st.server = null;
    render(st);
    say(st, SAID.deleted);
    focusMain(st);
  }, (error) => {
    st.sending = false;
    if (error instanceof HttpError && error.status === 409) {
      st.server = withUrl(st.box, error.body.recording);
      problem(st, "This page was recorded again on another tablet, so nothing was deleted. Listen to the recording it has now.");
    } else if (error instanceof HttpError && error.signedOut) {
      needSignIn();
    } else if (error instanceof HttpError) {
      problem(st, error.body.message || error.message);
    } else {
      problem(st, "Deleting needs a connection to the server. Please try again when you are back online.");
    }
    render(st);
  });
}

function focusMain(st) {
  const button = st.server || st.local ? '[data-rec="again"]' : '[data-rec="record"]';
  $(button, st.box).focus();
}

function clicked(event) {
  const button = event.target.closest("button[data-rec]");
  if (!button) return;
  const box = button.closest("[data-recorder]");
  const st = stateOf(box);
  const action = button.getAttribute("data-rec");
  if (action === "record" && !st.session && !st.starting) begin(st);
  else if (action === "stop" && st.session) st.session.stop();
  else if (action === "again" || action === "delete") ask(st, action);
  else if (action === "no") {
    st.asking = null;
    render(st);
    focusMain(st);
  } else if (action === "yes") {
    if (st.asking === "again") begin(st);
    else remove(st);
  } else if (action === "mine" && st.local && st.server) {
    st.local.replaces = st.server.sha256;
    st.conflict = false;
    problem(st, "");
    send(st);
  } else if (action === "theirs") {
    forgetLocal(st);
    st.conflict = false;
    problem(st, "");
    render(st);
    focusMain(st);
  }
}

/* Start the recorders of the editor in `editorRoot`; `unlocked` resolves once the tablet's
   key is known (autosave.js), when the recordings kept here can be opened. */
export function startRecorder(editorRoot, unlocked) {
  root = editorRoot;
  user = root.getAttribute("data-user");
  sbId = root.getAttribute("data-storyboard-id");
  const cards = document.getElementById("panel-cards");
  cards.addEventListener("click", clicked);
  document.addEventListener("panel-shown", (event) => stopOthers(event.detail.panelId));
  document.addEventListener("panel-saved", (event) => {
    const box = boxOf(event.detail.panelId);
    if (!box || !("recording" in event.detail)) return;
    const st = stateOf(box);
    if (st.local || st.session || st.sending) return;
    const was = st.server;
    st.server = withUrl(box, event.detail.recording);
    if (st.server && st.server.words_changed && !(was && was.words_changed)) say(st, "");
    render(st);
  });
  window.addEventListener("online", () => {
    backoff = 5000;
    sendWaiting();
  });
  document.addEventListener("editor-reconnected", sendWaiting);
  (unlocked || Promise.resolve()).then(putBackKept, putBackKept);
}
