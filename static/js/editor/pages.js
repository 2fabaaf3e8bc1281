/* The editor's pages: one panel shown at a time, the page list (go, drag or arrows to
   reorder), insert, duplicate, skip, delete with undo, numbered steps, family words and the
   preview beside the editor. Saving is autosave.js's job; this file calls changed(). */

import { $, $$, clear, el, fromHtml } from "../lib/dom.js";
import { HttpError, requestJson } from "../lib/http.js";
import { mountScenes } from "../pictures/scene.js";
import { mount as mountPlainwords } from "../plainwords.js";
import { apiRoot, changed, flush, keptWords, needSignIn, rec } from "./autosave.js";
import { apply, collect, ratingItem, setSkipped, setSteps, stepItem, syncRatings } from "./fields.js";

let root = null;
let sbId = "";
let api = "";
let cards = null;
let list = null;
let preview = null;
let previewOffline = null;
let CURRENT_KEY = "";
let current = null;
let lastDeleted = null;
let lastField = null;

function allCards() {
  return $$(".panel-card", cards);
}

function card(id) {
  return document.getElementById("panel-" + id);
}

function row(id) {
  return list.querySelector('.page-row[data-panel-id="' + id + '"]');
}

/* --- showing one panel at a time ------------------------------------------------------ */

function renumber() {
  const all = allCards();
  all.forEach((c, i) => {
    c.querySelector(".panel-number").textContent = String(i + 1);
    c.querySelector(".panel-total").textContent = String(all.length);
  });
  $$(".page-row", list).forEach((r, i) => {
    r.querySelector(".page-num").textContent = i + 1 + ".";
    r.querySelector('[data-action="row-up"]').setAttribute("aria-label", "Move page " + (i + 1) + " earlier");
    r.querySelector('[data-action="row-down"]').setAttribute("aria-label", "Move page " + (i + 1) + " later");
  });
  document.getElementById("page-count").textContent = String(all.length);
}

export function show(id, focus) {
  const shown = card(id);
  if (!shown) return;
  allCards().forEach((c) => {
    c.hidden = c !== shown;
  });
  $$(".page-row", list).forEach((r) => {
    if (r.getAttribute("data-panel-id") === String(id)) r.setAttribute("aria-current", "step");
    else r.removeAttribute("aria-current");
  });
  current = String(id);
  try {
    window.sessionStorage.setItem(CURRENT_KEY, current);
  } catch (e) { /* private mode */ }
  const all = allCards();
  const index = all.indexOf(shown);
  $('[data-action="prev"]').disabled = index <= 0;
  $('[data-action="next"]').disabled = index >= all.length - 1;
  document.dispatchEvent(new CustomEvent("panel-shown", { detail: { panelId: current } }));
  refreshPreview();
  if (focus) shown.querySelector("h2").focus();
}

function step(delta) {
  const all = allCards();
  const index = all.indexOf(card(current)) + delta;
  if (index >= 0 && index < all.length) show(all[index].getAttribute("data-panel-id"), true);
}

let previewTimer = null;
function refreshPreview() {
  window.clearTimeout(previewTimer);
  previewTimer = window.setTimeout(() => {
    if (!current) return;
    // Offline, the sandboxed frame would only show the browser's error page: say so instead.
    const offline = navigator.onLine === false;
    if (previewOffline) previewOffline.hidden = !offline;
    preview.hidden = offline;
    if (offline) return;
    preview.src = root.getAttribute("data-preview") + "?panel=" + current + "&t=" + Date.now();
  }, 150);
}

/* --- order ---------------------------------------------------------------------------- */

function order() {
  return $$(".page-row", list).map((r) => Number(r.getAttribute("data-panel-id")));
}

/* Put the cards in the list's order and tell the server. */
function saveOrder() {
  const ids = order();
  ids.forEach((id) => cards.appendChild(card(id)));
  renumber();
  show(current);
  return requestJson(api + "/storyboards/" + sbId + "/order", { method: "PUT", json: { order: ids } })
    .then(() => {}, (error) => {
      if (!(error instanceof HttpError)) {
        window.alert("The new order could not be saved: no connection. Please try again when you are back online.");
        return;
      }
      if (error.signedOut) needSignIn();
      window.alert(error.body.message || "The new order could not be saved. Please reload the page.");
    });
}

function move(id, delta) {
  const r = row(id);
  if (!r) return;
  if (delta < 0 && r.previousElementSibling) list.insertBefore(r, r.previousElementSibling);
  else if (delta > 0 && r.nextElementSibling) list.insertBefore(r.nextElementSibling, r);
  else return;
  saveOrder();
}

/* Dragging a row by its handle (pointer events: mouse, pen and touch alike). */
function dragRows() {
  let dragging = null;
  list.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest(".drag-handle");
    if (!handle) return;
    event.preventDefault();
    dragging = { row: handle.closest(".page-row"), before: order().join(",") };
    dragging.row.classList.add("is-dragging");
    handle.setPointerCapture(event.pointerId);
  });
  list.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    const rows = $$(".page-row", list).filter((r) => r !== dragging.row);
    const target = rows.find((r) => {
      const box = r.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    });
    if (target) list.insertBefore(dragging.row, target);
    else list.appendChild(dragging.row);
  });
  function endDrag() {
    if (!dragging) return;
    dragging.row.classList.remove("is-dragging");
    const moved = order().join(",") !== dragging.before;
    dragging = null;
    if (moved) saveOrder();
  }
  list.addEventListener("pointerup", endDrag);
  list.addEventListener("pointercancel", endDrag);
}

/* --- adding, copying, deleting -------------------------------------------------------- */

function placed(body) {
  const added = fromHtml(body.html);
  const r = fromHtml(body.row);
  const cardsNow = allCards();
  const rows = list.querySelectorAll(".page-row");
  cards.insertBefore(added, cardsNow[body.index] || null);
  list.insertBefore(r, rows[body.index] || null);
  renumber();
  mountScenes();
  mountPlainwords();
  return added;
}

function operation(method, url, body) {
  return requestJson(url, { method: method, json: body }).catch((error) => {
    if (error instanceof HttpError) {
      if (error.signedOut) needSignIn();
      else window.alert(error.body.message || "That did not work. Please try again.");
      throw new Error("refused");
    }
    window.alert("That needs a connection to the server. Please try again when you are back online.");
    throw error;
  });
}

function insert(where) {
  const section = document.getElementById("add-section").value;
  const kind = document.getElementById("add-kind").value;
  const index = where === "end" ? allCards().length : allCards().indexOf(card(current)) + 1;
  return operation("POST", api + "/storyboards/" + sbId + "/panels", {
    index: index, section: section, kind: kind,
  }).then((body) => {
    placed(body);
    show(body.panel.id, true);
  });
}

function duplicate(id) {
  flush(id);
  return operation("POST", api + "/panels/" + id + "/duplicate").then((body) => {
    placed(body);
    show(body.panel.id, true);
  });
}

/* Take a panel out of the page (deleted here or on another device). */
export function removed(id) {
  const all = allCards();
  const index = all.indexOf(card(id));
  const gone = card(id);
  if (gone) gone.remove();
  if (row(id)) row(id).remove();
  renumber();
  const rest = allCards();
  if (rest.length) show(rest[Math.min(index, rest.length - 1)].getAttribute("data-panel-id"), true);
}

function remove(id) {
  const number = card(id).querySelector(".panel-number").textContent;
  return operation("POST", api + "/panels/" + id + "/delete").then(() => {
    rec(id).version += 1;
    removed(id);
    lastDeleted = id;
    document.getElementById("undo-text").textContent = "Page " + number + " deleted.";
    document.getElementById("undo-bar").hidden = false;
    document.getElementById("undo-button").focus();
  });
}

export function restore(id) {
  return operation("POST", api + "/panels/" + id + "/restore").then((body) => {
    const back = placed(body);
    const r = rec(id);
    r.version = body.panel.version;
    /* Words typed before the delete and not yet saved are put back and sent. */
    const store = keptWords();
    const kept = store.get(id);
    if (kept) {
      kept.base = r.version;
      store.put(id, kept);
      apply(back, kept.state);
      flush(id);
    }
    document.getElementById("undo-bar").hidden = true;
    lastDeleted = null;
    show(id, true);
  });
}

/* --- family words --------------------------------------------------------------------- */

function familyWords() {
  const wordList = document.getElementById("word-list");

  function drawWords(words) {
    clear(wordList);
    words.forEach((w) => {
      const li = el("li", { "data-word": w.word }, [el("span", { className: "word", text: w.word })]);
      if (w.means) li.appendChild(el("span", { className: "muted", text: " for " + w.means }));
      const buttons = el("span", { className: "word-buttons" });
      [["insert-word", "Put in", "button button-small"],
        ["remove-word", "Remove", "button button-quiet button-small"]].forEach((spec) => {
        buttons.appendChild(el("button", { type: "button", className: spec[2], "data-action": spec[0], text: spec[1] }, [
          el("span", { className: "visually-hidden", text: " “" + w.word + "”" }),
        ]));
      });
      li.appendChild(buttons);
      wordList.appendChild(li);
    });
  }

  /* Remember the last box the person typed in, to put a family word there. */
  cards.addEventListener("focusin", (event) => {
    if (event.target.matches("textarea, input[type=text]")) lastField = event.target;
  });

  function insertWord(word) {
    let box = lastField && document.body.contains(lastField) && !lastField.closest("[hidden]") ? lastField : null;
    if (!box) box = card(current) && card(current).querySelector('[data-field="text"]');
    if (!box) return;
    const start = box.selectionStart === undefined ? box.value.length : box.selectionStart;
    const end = box.selectionEnd === undefined ? start : box.selectionEnd;
    const before = box.value.slice(0, start);
    const spaced = (before && !/\s$/.test(before) ? " " : "") + word;
    box.value = before + spaced + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + spaced.length;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.getElementById("word-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const word = document.getElementById("word-new");
    const means = document.getElementById("word-means");
    if (!word.value.trim()) {
      word.focus();
      return;
    }
    operation("POST", api + "/storyboards/" + sbId + "/family-words", {
      word: word.value, means: means.value,
    }).then((body) => {
      drawWords(body.words);
      word.value = "";
      means.value = "";
      word.focus();
    });
  });

  wordList.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const word = button.closest("li").getAttribute("data-word");
    if (button.getAttribute("data-action") === "insert-word") insertWord(word);
    else {
      operation("POST", api + "/storyboards/" + sbId + "/family-words/remove", { word: word })
        .then((body) => drawWords(body.words));
    }
  });
}

/* --- buttons -------------------------------------------------------------------------- */

function toggle(buttonId, sectionId) {
  const button = document.getElementById(buttonId);
  const section = document.getElementById(sectionId);
  button.addEventListener("click", () => {
    section.hidden = !section.hidden;
    button.setAttribute("aria-expanded", section.hidden ? "false" : "true");
    if (!section.hidden) section.querySelector("h2").focus();
  });
}

function buttons() {
  toggle("pages-toggle", "pages");
  toggle("words-toggle", "family-words");
  $$("#pages h2, #family-words h2, .panel-card h2").forEach((h) => {
    h.tabIndex = -1;
  });

  $(".page-nav").addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (button) step(button.getAttribute("data-action") === "next" ? 1 : -1);
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const id = button.closest(".page-row").getAttribute("data-panel-id");
    const action = button.getAttribute("data-action");
    if (action === "go") show(id, true);
    if (action === "row-up" || action === "row-down") {
      move(id, action === "row-up" ? -1 : 1);
      button.focus();
    }
  });

  cards.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const panel = button.closest(".panel-card");
    const id = panel.getAttribute("data-panel-id");
    const action = button.getAttribute("data-action");
    if (action === "move-up" || action === "move-down") {
      move(id, action === "move-up" ? -1 : 1);
      button.focus();
    } else if (action === "duplicate") duplicate(id);
    else if (action === "delete") remove(id);
    else if (action === "skip") {
      setSkipped(panel, button.getAttribute("aria-pressed") !== "true");
      changed(panel);
    } else if (action === "add-step") {
      const holder = panel.querySelector("[data-steps]");
      const li = stepItem(panel, "", holder.children.length + 1);
      holder.appendChild(li);
      li.querySelector("textarea").focus();
      changed(panel);
    } else if (action === "add-rating") {
      const who = panel.querySelector("[data-rating-who]");
      if (!who.value || who.selectedOptions[0].disabled) return;
      const row = ratingItem(panel, who.value, null);
      panel.querySelector("[data-ratings]").appendChild(row);
      syncRatings(panel);
      row.querySelector("input").focus();
    } else if (action === "remove-rating") {
      button.closest("[data-rating]").remove();
      syncRatings(panel);
      const who = panel.querySelector("[data-rating-who]");
      (who.disabled ? panel.querySelector('[data-field="scale.ten_means"]') : who).focus();
      changed(panel);
    } else if (action === "remove-step") {
      const state = collect(panel);
      const steps2 = state.steps_2 || [];
      const index = Array.prototype.indexOf.call(panel.querySelector("[data-steps]").children, button.closest("li"));
      state.steps.splice(index, 1);
      steps2.splice(index, 1);
      setSteps(panel, state.steps, steps2);
      changed(panel);
    }
  });

  document.getElementById("add-page").addEventListener("submit", (event) => {
    event.preventDefault();
    const where = event.submitter ? event.submitter.getAttribute("data-where") : "end";
    insert(where);
  });
}

/* Set up the page list and buttons, and show the page last worked on in this tab. */
export function startPages(editorRoot) {
  root = editorRoot;
  sbId = root.getAttribute("data-storyboard-id");
  api = apiRoot();
  cards = document.getElementById("panel-cards");
  list = document.getElementById("page-list");
  preview = document.getElementById("preview-frame");
  previewOffline = document.getElementById("preview-offline");
  CURRENT_KEY = "storyboard:" + sbId + ":current";

  window.addEventListener("online", refreshPreview);
  window.addEventListener("offline", refreshPreview);
  document.addEventListener("panel-saved", (event) => {
    if (event.detail.panelId === current) refreshPreview();
  });
  /* The page list's short name follows the heading as it is typed. */
  document.addEventListener("panel-edited", (event) => {
    const edited = card(event.detail.panelId);
    const r = row(event.detail.panelId);
    if (!edited || !r) return;
    const heading = edited.querySelector('[data-field="heading"]').value.trim();
    r.querySelector(".page-name").textContent = heading || edited.querySelector(".panel-section").textContent;
    const skipped = edited.classList.contains("is-skipped");
    r.classList.toggle("is-skipped", skipped);
    r.querySelector(".page-state").textContent = skipped ? "Skipped" : "";
  });

  dragRows();
  document.getElementById("undo-button").addEventListener("click", () => {
    if (lastDeleted) restore(lastDeleted);
  });
  familyWords();
  buttons();

  renumber();
  const first = allCards()[0];
  let remembered = null;
  try {
    remembered = window.sessionStorage.getItem(CURRENT_KEY);
  } catch (e) { /* private mode */ }
  if (remembered && card(remembered)) show(remembered);
  else if (first) show(first.getAttribute("data-panel-id"));
}
