/* The storyboard's second language: choose it (or go back to one) and type the title in it.
   Each page's boxes for the second language come from the server, so after a change the
   editor is loaded again; the words not yet sent are kept on this tablet first (store.js)
   and put back after. The list of pages missing words in the second language links to them.
   Nothing here translates: the worker or an interpreter types the words. */

import { HttpError, requestJson } from "../lib/http.js";
import { keptWords, needSignIn } from "./autosave.js";
import { show } from "./pages.js";

const WAIT_MS = 5000;

/* Resolve once every page's words are sent (or after WAIT_MS: they stay kept here). */
function settled() {
  const store = keptWords();
  const start = Date.now();
  return new Promise((resolve) => {
    (function wait() {
      if (!store || !store.count() || Date.now() - start > WAIT_MS) resolve();
      else window.setTimeout(wait, 200);
    })();
  }).then(() => store && store.writing);
}

function languagesForm() {
  const section = document.getElementById("languages");
  const button = document.getElementById("languages-toggle");
  if (!section || !button) return;
  button.addEventListener("click", () => {
    section.hidden = !section.hidden;
    button.setAttribute("aria-expanded", section.hidden ? "false" : "true");
    if (!section.hidden) section.querySelector("h2").focus();
  });
  section.querySelector("h2").tabIndex = -1;
  const form = document.getElementById("languages-form");
  const error = document.getElementById("languages-error");
  const submit = form.querySelector('button[type="submit"]');
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    const body = {
      second_language: document.getElementById("second-language").value || null,
      title_2: document.getElementById("title-2").value,
    };
    requestJson(section.getAttribute("data-url"), { method: "PATCH", json: body })
      .then(settled)
      .then(() => window.location.reload(), (problem) => {
        submit.disabled = false;
        if (problem instanceof HttpError && problem.signedOut) needSignIn();
        error.textContent = problem instanceof HttpError
          ? problem.message
          : "The languages need a connection to change. Nothing is lost.";
        error.hidden = false;
      });
  });
}

/* A link in the "missing in ..." list shows its page in the editor. */
function missingLinks() {
  const list = document.getElementById("missing-second");
  if (!list) return;
  list.addEventListener("click", (event) => {
    const link = event.target.closest("[data-show-panel]");
    if (!link) return;
    event.preventDefault();
    show(link.getAttribute("data-show-panel"), true);
  });
}

export function startLanguages() {
  languagesForm();
  missingLinks();
}
