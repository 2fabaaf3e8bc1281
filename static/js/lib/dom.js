/* Small DOM helpers shared by the page scripts. Words are only ever put into the page as
   text (textContent, value, attributes), never as HTML. */

/* A new element: attrs.text becomes its text, attrs.className its class, any other key an
   attribute; children are appended in order. Undefined values are left out. */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (value === undefined) return;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  });
  (children || []).forEach((child) => node.appendChild(child));
  return node;
}

/* The first element matching `selector` (in `root`, or the document), or null. */
export function $(selector, root) {
  return (root || document).querySelector(selector);
}

/* Every element matching `selector`, as an array. */
export function $$(selector, root) {
  return Array.from((root || document).querySelectorAll(selector));
}

/* Remove every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/* The first element of a piece of HTML the server rendered (panel cards, page rows). */
export function fromHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

/* Run `fn` once the document is parsed and every page script has run (DOMContentLoaded comes
   after all <script type="module">). So a widget mounts after the editor has put back the
   words kept on this tablet, as it did when it was a deferred classic script. */
export function ready(fn) {
  if (document.readyState === "complete") fn();
  else document.addEventListener("DOMContentLoaded", () => fn(), { once: true });
}

/* Settings the server put in the page: <script type="application/json" id="...">. That is
   data, not script, so the strict CSP allows it. Missing or unreadable: an empty object. */
export function pageData(id) {
  const block = document.getElementById(id);
  if (!block) return {};
  try {
    return JSON.parse(block.textContent) || {};
  } catch (e) {
    return {};
  }
}

/* The <script type="module"> element that loaded a module (pass it import.meta.url), to read
   the data- attributes the server put on it; null when it was imported by another module. */
export function ownScript(moduleUrl) {
  return Array.from(document.scripts).find((script) => script.src === moduleUrl) || null;
}
