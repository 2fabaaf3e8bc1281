/* "Who I can talk to": one tap adds a helpline's name and number as a new line of the page's
   words. The line goes in as typing does (an input event), so autosave sends it with the
   panel's version like any change and nothing typed is lost; the browser's own undo and the
   Undo button here both take it out again. Words are only ever put in as text. */

import { field } from "./fields.js";

const added = new WeakMap(); // panel card -> the text this tap added

function digits(text) {
  return (text || "").replace(/\D/g, "");
}

/* Put `text` at the end of the box as if typed there (keeps the browser's undo). */
function typeAtEnd(box, text) {
  box.focus();
  const end = box.value.length;
  box.setSelectionRange(end, end);
  let typed = false;
  try {
    typed = document.execCommand("insertText", false, text);
  } catch (e) {
    typed = false;
  }
  if (!typed || !box.value.endsWith(text)) {
    box.value = box.value.slice(0, end) + text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/* Take out the last `text` from the box, as a deletion the browser can undo. */
function takeOut(box, text) {
  const at = box.value.lastIndexOf(text);
  if (at < 0) return false;
  box.focus();
  box.setSelectionRange(at, at + text.length);
  let typed = false;
  try {
    typed = document.execCommand("delete", false);
  } catch (e) {
    typed = false;
  }
  if (!typed || box.value.indexOf(text, at) === at) {
    box.value = box.value.slice(0, at) + box.value.slice(at + text.length);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return true;
}

function add(card, button) {
  const box = field(card, "text");
  const said = card.querySelector("[data-helpline-said]");
  const undo = card.querySelector('[data-action="undo-helpline"]');
  const name = button.getAttribute("data-name");
  const line = button.getAttribute("data-line");
  if (!box) return;
  if (digits(box.value).indexOf(digits(button.getAttribute("data-number"))) >= 0) {
    said.textContent = name + " is already on this page.";
    return;
  }
  const before = box.value;
  const text = (before.trim() === "" || before.endsWith("\n") ? "" : "\n") + line;
  typeAtEnd(box, text);
  added.set(card, text);
  said.textContent = "Added: " + line;
  undo.hidden = false;
}

function undoAdd(card) {
  const box = field(card, "text");
  const said = card.querySelector("[data-helpline-said]");
  const undo = card.querySelector('[data-action="undo-helpline"]');
  const text = added.get(card);
  undo.hidden = true;
  added.delete(card);
  if (!box || !text) return;
  said.textContent = takeOut(box, text) ? "Taken out again."
    : "The line was changed since, so it stays: edit the words to take it out.";
}

export function startHelplines() {
  const cards = document.getElementById("panel-cards");
  if (!cards) return;
  cards.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const card = button.closest(".panel-card");
    const action = button.getAttribute("data-action");
    if (action === "add-helpline") add(card, button);
    else if (action === "undo-helpline") undoAdd(card);
  });
}
