/* A panel card's fields: read them all into the state a save sends, and put a state back
   (a conflict choice, words kept on this tablet). Words are only ever put into the page as
   text (value / textContent), never as HTML. */

import { $, $$, clear, el } from "../lib/dom.js";
import { mountScenes } from "../pictures/scene.js";

export function field(card, name) {
  return card.querySelector('[data-field="' + name + '"]');
}

/* The second language's boxes are on the card only when the storyboard has one; without
   them a save sends no `_2` key, and the server keeps the `_2` words it has. */
const FIELDS = ["heading", "text", "speaker", "heading_2", "text_2"];

export function collect(card) {
  const state = {};
  FIELDS.forEach((name) => {
    const control = field(card, name);
    if (control) state[name] = control.value;
  });
  const ten = field(card, "scale.ten_means");
  if (ten) state.scale = { ratings: ratings(card), ten_means: ten.value };
  /* Sent even when empty, after ten_means (a box emptied must empty the server's copy). */
  const ten2 = field(card, "scale.ten_means_2");
  if (ten && ten2) state.scale.ten_means_2 = ten2.value;
  const steps = $("[data-steps]", card);
  if (steps) state.steps = $$("[data-step]", steps).map((t) => t.value);
  if (steps && $("[data-step-2]", steps)) state.steps_2 = $$("[data-step-2]", steps).map((t) => t.value);
  const toggle = $('[data-toggle="voices"]', card);
  if (toggle) {
    state.voices = !toggle.checked ? [] : $$("[data-voice]", card).map((v) => {
      const voice = {
        label: $('[data-voice-field="label"]', v).value,
        speaker: $('[data-voice-field="speaker"]', v).value,
        text: $('[data-voice-field="text"]', v).value,
      };
      ["label_2", "text_2"].forEach((name) => {
        const box = $('[data-voice-field="' + name + '"]', v);
        if (box) voice[name] = box.value;
      });
      return voice;
    });
  }
  const scene = $(".scene-editor", card);
  if (scene) {
    try {
      state.scene = JSON.parse(scene.getAttribute("data-scene") || "{}");
    } catch (e) {
      state.scene = {};
    }
  }
  const skip = $('[data-action="skip"]', card);
  state.skipped = !!skip && skip.getAttribute("aria-pressed") === "true";
  return state;
}

export function setSkipped(card, skipped) {
  const skip = $('[data-action="skip"]', card);
  if (skip) skip.setAttribute("aria-pressed", skipped ? "true" : "false");
  const badge = $(".badge-skipped", card);
  if (badge) badge.hidden = !skipped;
  card.classList.toggle("is-skipped", skipped);
}

/* A bilingual storyboard's two languages, as the server put them on the editor
   (templates/editor/edit.html): {first, second}, each {tag, dir, name}; null for one. */
export function languages() {
  const root = document.getElementById("editor");
  if (!root || !root.getAttribute("data-lang2")) return null;
  const one = (n) => ({
    tag: root.getAttribute("data-lang" + n),
    dir: root.getAttribute("data-dir" + n),
    name: root.getAttribute("data-name" + n),
  });
  return { first: one(1), second: one(2) };
}

/* The two boxes of a field side by side, as templates/editor/_second.html draws them. */
export function twin(langs, first, second, what) {
  return el("div", { className: "twin" }, [
    el("div", { className: "twin-box" }, [
      el("p", { className: "twin-lang", "aria-hidden": "true", text: langs.first.name }), first,
    ]),
    el("div", { className: "twin-box twin-second" }, [
      el("label", { className: "twin-lang", for: second.id }, [
        el("span", { className: "visually-hidden", text: what + ", " }),
        document.createTextNode(langs.second.name),
      ]),
      second,
    ]),
  ]);
}

/* One numbered step: its box (and its second language's), a label for screen readers and a
   Remove button. */
export function stepItem(card, value, n, value2) {
  const id = card.id + "-step-" + n + "-" + Date.now();
  const langs = languages();
  const box = el("textarea", { id: id, rows: "2", "data-step": "" });
  if (langs) {
    box.setAttribute("lang", langs.first.tag);
    box.setAttribute("dir", langs.first.dir);
  } else box.setAttribute("dir", "auto");
  box.value = value;
  let boxes = box;
  if (langs) {
    const second = el("textarea", { id: id + "-2", rows: "2", "data-step-2": "",
      lang: langs.second.tag, dir: langs.second.dir });
    second.value = value2 || "";
    boxes = twin(langs, box, second, "Step " + n);
  }
  return el("li", { className: "step" }, [
    el("label", { className: "visually-hidden", for: id, text: "Step " + n }),
    boxes,
    el("button", { type: "button", className: "button button-quiet button-small",
      "data-action": "remove-step", text: "Remove" }, [
      el("span", { className: "visually-hidden", text: " step " + n }),
    ]),
  ]);
}

/* Draw the steps (and their second language's, numbered alike, when the card has them). */
export function setSteps(card, steps, steps2) {
  const holder = $("[data-steps]", card);
  const second = steps2 || [];
  clear(holder);
  const count = languages() ? Math.max(steps.length, second.length) : steps.length;
  for (let i = 0; i < count; i++) holder.appendChild(stepItem(card, steps[i] || "", i + 1, second[i]));
}

/* --- the safety scale: one rating per person, each a row of 0 to 10 buttons ----------- */

/* The ratings as a save sends them, in the server's shape ({by, value}; no `by` for an old
   file's mark that names no one). A row with no number chosen yet is not sent. */
function ratings(card) {
  return $$("[data-rating]", card).map((row) => {
    const checked = $("input:checked", row);
    const kept = row.getAttribute("data-value");
    const value = checked ? Number(checked.value) : kept !== null ? Number(kept) : null;
    const by = row.getAttribute("data-by");
    return by ? { by: by, value: value } : { value: value };
  }).filter((r) => r.value !== null);
}

/* What the worker calls a person here: the words of their option in the "Who" list. */
export function personName(card, by) {
  if (!by) return "Not said who";
  const option = $('[data-rating-who] option[value="' + CSS.escape(by) + '"]', card);
  return option ? option.textContent : "Someone (not said who)";
}

/* One person's rating: their name, the numbers 0 to 10 as radio buttons, and Remove. The
   same markup as templates/editor/_rating.html. */
export function ratingItem(card, by, value) {
  const key = card.id + "-rating-" + (by || "none");
  const who = personName(card, by);
  const choices = [];
  for (let n = 0; n <= 10; n++) {
    const radio = el("input", { type: "radio", name: key, value: String(n) });
    radio.checked = value === n;
    choices.push(el("label", { className: "scale-choice" }, [radio, el("span", { text: String(n) })]));
  }
  const row = el("li", { className: "rating", "data-rating": "", "data-by": by || "" }, [
    el("fieldset", { className: "rating-choices" }, [
      el("legend", { className: "rating-name", id: key + "-name", text: who }),
      el("div", { className: "scale-choices" }, choices),
    ]),
    el("button", { type: "button", className: "button button-quiet button-small",
      "data-action": "remove-rating", text: "Remove" }, [
      el("span", { className: "visually-hidden", text: " " + who }),
    ]),
  ]);
  if (value !== null && value !== undefined) row.setAttribute("data-value", String(value));
  return row;
}

/* Offer in the "Who" list only the people with no rating yet. */
export function syncRatings(card) {
  const who = $("[data-rating-who]", card);
  if (!who) return;
  const rated = $$("[data-rating]", card).map((row) => row.getAttribute("data-by"));
  let first = null;
  $$("option", who).forEach((option) => {
    option.disabled = rated.indexOf(option.value) >= 0;
    if (!option.disabled && first === null) first = option;
  });
  if (first && who.selectedOptions[0] && who.selectedOptions[0].disabled) who.value = first.value;
  who.disabled = !first;
  $('[data-action="add-rating"]', card).disabled = !first;
  $("[data-rating-all]", card).hidden = !!first || !who.options.length;
}

export function setRatings(card, list) {
  const holder = $("[data-ratings]", card);
  clear(holder);
  list.forEach((r) => holder.appendChild(ratingItem(card, r.by ? String(r.by) : "", r.value)));
  syncRatings(card);
}

/* The composer owns its element: give it a fresh one holding the chosen scene. */
function replaceScene(card, scene) {
  const old = $(".scene-editor", card);
  if (!old || old.getAttribute("data-scene") === JSON.stringify(scene)) return;
  const fresh = el("div", { className: "scene-editor" });
  ["data-panel-id", "data-storyboard-id", "data-lang1", "data-dir1", "data-name1",
    "data-lang2", "data-dir2", "data-name2"].forEach((name) => {
    if (old.hasAttribute(name)) fresh.setAttribute(name, old.getAttribute(name));
  });
  fresh.setAttribute("data-scene", JSON.stringify(scene));
  old.parentNode.replaceChild(fresh, old);
  mountScenes();
}

export function apply(card, state) {
  FIELDS.forEach((name) => {
    const control = field(card, name);
    if (control && typeof state[name] === "string") control.value = state[name];
  });
  if (state.scale && field(card, "scale.ten_means")) {
    field(card, "scale.ten_means").value = state.scale.ten_means || "";
    const ten2 = field(card, "scale.ten_means_2");
    if (ten2) ten2.value = state.scale.ten_means_2 || "";
    setRatings(card, state.scale.ratings || []);
  }
  if (state.steps && $("[data-steps]", card)) {
    const kept2 = $$("[data-step-2]", card).map((t) => t.value);
    setSteps(card, state.steps, state.steps_2 || kept2);
  }
  const toggle = $('[data-toggle="voices"]', card);
  if (toggle && state.voices) {
    toggle.checked = state.voices.length > 0;
    $("[data-voices]", card).hidden = !toggle.checked;
    $$("[data-voice]", card).forEach((v, i) => {
      const voice = state.voices[i] || { label: "", speaker: "", text: "" };
      ["label", "speaker", "text", "label_2", "text_2"].forEach((name) => {
        const control = $('[data-voice-field="' + name + '"]', v);
        if (control) control.value = voice[name] || "";
      });
    });
  }
  if (state.scene) replaceScene(card, state.scene);
  setSkipped(card, !!state.skipped);
}
