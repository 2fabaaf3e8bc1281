// Plain-words hints while writing. Any <textarea data-plainwords-url="..."> gets hints after a
// short pause: jargon and other words are underlined in the box, and listed below it with a
// suggestion that one tap applies. Typing and saving are never blocked: checks run in the
// background and late answers are ignored. Applying a suggestion fires an "input" event, so
// the editor's autosave sends the new words.

import { el, ready } from "./lib/dom.js";
import { requestJson, requestText } from "./lib/http.js";

var PAUSE_MS = 700;
var KIND_LABELS = {
  "jargon": "Jargon",
  "long-sentence": "Long sentence",
  "too-many-sentences": "Many sentences",
  "long-word": "Long word",
  "child-name": "Use the child's name",
  "family-word": "Family's word",
  "passive": "Who did it?",
  "identifying": "Private detail"
};
var MARKED = { "jargon": 1, "family-word": 1, "child-name": 1, "identifying": 1, "passive": 1 };

function post(url, body) {
  return requestJson(url, { method: "POST", json: body });
}

function Checker(textarea) {
  this.textarea = textarea;
  this.url = textarea.getAttribute("data-plainwords-url");
  this.panelId = parseInt(textarea.getAttribute("data-panel-id") || "", 10);
  // A bilingual story's box in its second language: checked as that language.
  this.second = textarea.hasAttribute("data-plainwords-second");
  this.sequence = 0;
  this.timer = null;
  this.hints = [];
  this.build();
  var self = this;
  textarea.addEventListener("input", function () { self.schedule(); self.paint(); });
  textarea.addEventListener("scroll", function () { self.syncScroll(); });
  window.addEventListener("resize", function () { self.copyMetrics(); });
  // Scripts may set the words without an input event (restoring kept text, a conflict):
  // notice that too, so the underlines never drift from the words.
  this.painted = textarea.value;
  setInterval(function () {
    if (textarea.value !== self.painted) { self.paint(); self.schedule(); }
  }, 1000);
  this.schedule(0);
}

Checker.prototype.build = function () {
  var t = this.textarea;
  var wrap = el("div", { className: "pw-wrap" });
  t.parentNode.insertBefore(wrap, t);
  this.backdrop = el("div", { className: "pw-backdrop" });
  this.backdrop.setAttribute("aria-hidden", "true");
  wrap.appendChild(this.backdrop);
  wrap.appendChild(t);
  t.classList.add("pw-textarea");
  this.list = el("div", { className: "pw-hints" });
  this.list.setAttribute("aria-live", "polite");
  this.list.id = (t.id || "panel-text") + "-hints";
  wrap.parentNode.insertBefore(this.list, wrap.nextSibling);
  var described = t.getAttribute("aria-describedby");
  t.setAttribute("aria-describedby", (described ? described + " " : "") + this.list.id);
  this.copyMetrics();
};

Checker.prototype.copyMetrics = function () {
  var style = window.getComputedStyle(this.textarea);
  ["fontFamily", "fontSize", "fontWeight", "lineHeight", "letterSpacing", "paddingTop",
   "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
   "borderBottomWidth", "borderLeftWidth", "textAlign", "direction"].forEach(function (name) {
    this.backdrop.style[name] = style[name];
  }, this);
  this.syncScroll();
};

Checker.prototype.syncScroll = function () {
  this.backdrop.scrollTop = this.textarea.scrollTop;
};

Checker.prototype.schedule = function (delay) {
  var self = this;
  clearTimeout(this.timer);
  this.timer = setTimeout(function () { self.check(); }, delay === undefined ? PAUSE_MS : delay);
};

Checker.prototype.check = function () {
  var self = this;
  var sequence = ++this.sequence;
  var text = this.textarea.value;
  var body = { text: text };
  if (!isNaN(this.panelId)) { body.panel_id = this.panelId; }
  if (this.second) { body.second = true; }
  post(this.url, body).then(function (report) {
    if (sequence !== self.sequence || text !== self.textarea.value) { return; }
    self.hints = report.hints || [];
    self.paint();
    self.render(report);
  }).catch(function () {
    // Offline or signed out: hints wait for the next pause; the words are never touched.
  });
};

// Underline each hint's words in the backdrop behind the (transparent) textarea.
Checker.prototype.paint = function () {
  var text = this.textarea.value;
  var marks = this.hints.filter(function (h) {
    return h.field === "text" && MARKED[h.kind] && h.start !== null && h.end !== null &&
      h.end <= text.length && text.slice(h.start, h.end) === h.words;
  }).sort(function (a, b) { return a.start - b.start; });
  this.backdrop.textContent = "";
  var at = 0;
  marks.forEach(function (h) {
    if (h.start < at) { return; }
    this.backdrop.appendChild(document.createTextNode(text.slice(at, h.start)));
    this.backdrop.appendChild(el("mark", { className: "pw-mark pw-" + h.kind, text: text.slice(h.start, h.end) }));
    at = h.end;
  }, this);
  this.backdrop.appendChild(document.createTextNode(text.slice(at) + "\n"));
  this.painted = text;
  this.syncScroll();
};

Checker.prototype.apply = function (hint) {
  var t = this.textarea;
  var text = t.value;
  if (text.slice(hint.start, hint.end) !== hint.words) { this.schedule(0); return; }
  t.value = text.slice(0, hint.start) + hint.suggestion + text.slice(hint.end);
  var caret = hint.start + hint.suggestion.length;
  t.setSelectionRange(caret, caret);
  t.dispatchEvent(new Event("input", { bubbles: true }));
  t.focus();
};

Checker.prototype.dismiss = function (hint, item) {
  if (isNaN(this.panelId)) { item.remove(); return; }
  var url = this.url.replace(/\/plainwords$/, "/panels/" + this.panelId + "/dismiss-hint");
  var self = this;
  post(url, { key: hint.key }).then(function () {
    self.hints = self.hints.filter(function (h) { return h.key !== hint.key; });
    item.remove();
    self.paint();
  }).catch(function () { item.querySelector(".pw-note").textContent = "Could not dismiss now."; });
};

Checker.prototype.render = function (report) {
  var self = this;
  this.list.textContent = "";
  var head = el("p", { className: "pw-summary" });
  var words = report.words === 1 ? "1 word" : report.words + " words";
  var sentences = report.sentences === 1 ? "1 sentence" : report.sentences + " sentences";
  head.textContent = sentences + ", " + words +
    (report.reading_age ? ", reading age about " + Math.round(report.reading_age) : "") +
    " · target for this age: " + report.band.words + " words a sentence";
  this.list.appendChild(head);
  (report.notes || []).forEach(function (note) { self.list.appendChild(el("p", { className: "hint", text: note })); });
  if (!this.hints.length) { return; }
  var ul = el("ul", { className: "pw-list" });
  this.hints.forEach(function (hint) {
    var item = el("li", { className: "pw-item pw-item-" + hint.kind });
    item.appendChild(el("span", { className: "pw-kind", text: KIND_LABELS[hint.kind] || hint.kind }));
    item.appendChild(el("span", { className: "pw-words", text: hint.words }));
    item.appendChild(el("span", { className: "pw-note", text: hint.suggestion }));
    var actions = el("span", { className: "pw-actions" });
    var applicable = hint.field === "text" && hint.start !== null &&
      (hint.kind === "jargon" || hint.kind === "family-word" || hint.kind === "child-name");
    if (applicable) {
      var use = el("button", { className: "button button-small", text: "Use “" + hint.suggestion + "”" });
      use.type = "button";
      use.addEventListener("click", function () { self.apply(hint); });
      actions.appendChild(use);
    }
    var dismiss = el("button", { className: "button button-quiet button-small", text: "Dismiss" });
    dismiss.type = "button";
    dismiss.setAttribute("aria-label", "Dismiss this hint: " + hint.words);
    dismiss.addEventListener("click", function () { self.dismiss(hint, item); });
    actions.appendChild(dismiss);
    item.appendChild(actions);
    ul.appendChild(item);
  });
  this.list.appendChild(ul);
};

/* Give every plain-words box not yet checked its hints (the editor calls this for new panels). */
export function mount(root) {
  (root || document).querySelectorAll("textarea[data-plainwords-url]").forEach(function (t) {
    if (!t.plainwords) { t.plainwords = new Checker(t); }
  });
}

// The whole-booklet summary (reading age, panels over the target, jargon left in), fetched
// fresh each time it is opened. The server renders it; its text is escaped there.
function summaryToggle() {
  var button = document.getElementById("words-check-toggle");
  var box = document.getElementById("words-check");
  if (!button || !box) { return; }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    box.hidden = open;
    if (open) { return; }
    box.textContent = "Checking the words…";
    requestText(button.getAttribute("data-summary-url"))
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { box.textContent = "The words check needs a connection. Nothing is lost."; });
  });
}

summaryToggle();
ready(function () { mount(); });
