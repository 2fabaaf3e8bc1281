/* A panel card's fields: read them all into the state a save sends, and put a state back
   (a conflict choice, words kept on this tablet). Words are only ever put into the page as
   text (value / textContent), never as HTML. */

import { $, $$, clear, el } from "../lib/dom.js";
import { mountScenes } from "../pictures/scene.js";

export function field(card, name) {
  return card.querySelector('[data-field="' + name + '"]');
}

export function collect(card) {
  const state = {};
  ["heading", "text", "speaker"].forEach((name) => {
    const control = field(card, name);
    if (control) state[name] = control.value;
  });
  const ten = field(card, "scale.ten_means");
  if (ten) state.scale = { ratings: ratings(card), ten_means: ten.value };
  const steps = $("[data-steps]", card);
  if (steps) state.steps = $$("[data-step]", steps).map((t) => t.value);
  const toggle = $('[data-toggle="voices"]', card);
  if (toggle) {
    state.voices = !toggle.checked ? [] : $$("[data-voice]", card).map((v) => ({
      label: $('[data-voice-field="label"]', v).value,
      speaker: $('[data-voice-field="speaker"]', v).value,
      text: $('[data-voice-field="text"]', v).value,
    }));
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

/* One numbered step: its box, a label for screen readers and a Remove button. */
export function stepItem(card, value, n) {
  const id = card.id + "-step-" + n + "-" + Date.now();
  const box = el("textarea", { id: id, rows: "2", dir: "auto", "data-step": "" });
  box.value = value;
  return el("li", { className: "step" }, [
    el("label", { className: "visually-hidden", for: id, text: "Step " + n }),
    box,
    el("button", { type: "button", className: "button button-quiet button-small",
      "data-action": "remove-step", text: "Remove" }, [
      el("span", { className: "visually-hidden", text: " step " + n }),
    ]),
  ]);
}

export function setSteps(card, steps) {
  const holder = $("[data-steps]", card);
  clear(holder);
  steps.forEach((s, i) => holder.appendChild(stepItem(card, s, i + 1)));
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
  ["data-panel-id", "data-storyboard-id"].forEach((name) => {
    fresh.setAttribute(name, old.getAttribute(name));
  });
  fresh.setAttribute("data-scene", JSON.stringify(scene));
  old.parentNode.replaceChild(fresh, old);
  mountScenes();
}

export function apply(card, state) {
  ["heading", "text", "speaker"].forEach((name) => {
    const control = field(card, name);
    if (control && typeof state[name] === "string") control.value = state[name];
  });
  if (state.scale && field(card, "scale.ten_means")) {
    field(card, "scale.ten_means").value = state.scale.ten_means || "";
    setRatings(card, state.scale.ratings || []);
  }
  if (state.steps && $("[data-steps]", card)) setSteps(card, state.steps);
  const toggle = $('[data-toggle="voices"]', card);
  if (toggle && state.voices) {
    toggle.checked = state.voices.length > 0;
    $("[data-voices]", card).hidden = !toggle.checked;
    $$("[data-voice]", card).forEach((v, i) => {
      const voice = state.voices[i] || { label: "", speaker: "", text: "" };
      ["label", "speaker", "text"].forEach((name) => {
        $('[data-voice-field="' + name + '"]', v).value = voice[name] || "";
      });
    });
  }
  if (state.scene) replaceScene(card, state.scene);
  setSkipped(card, !!state.skipped);
}
