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
  if (ten) {
    const checked = $('[data-field="scale.value"]:checked', card);
    state.scale = { value: checked ? Number(checked.value) : null, ten_means: ten.value };
  }
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
    $$('[data-field="scale.value"]', card).forEach((radio) => {
      radio.checked = state.scale.value !== null && Number(radio.value) === state.scale.value;
    });
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
