/* The picture picker: search by word, browse by category, recently used; big tiles.
   Opens as a modal <dialog>; `open({onPick})` calls onPick(item) with
   {src, title, alt, url}. No inline styles or scripts (strict CSP). */

import { el } from "../lib/dom.js";
import { requestJson } from "../lib/http.js";
import { settings } from "./settings.js";

var RECENT_KEY = "wordsPictures.recentPictures";
var RECENT_MAX = 24;
// The OpenMoji credit: the server's words, from the page, and from each answer that has emoji.
var openmojiCredit = settings.openmoji_credit;

function recent() {
  try {
    var items = JSON.parse(window.localStorage.getItem(RECENT_KEY) || "[]");
    return Array.isArray(items) ? items.filter(function (i) { return i && i.src && i.url; }) : [];
  } catch (e) {
    return [];
  }
}

function remember(item) {
  // Only our library and OpenMoji: never a family's photo or drawing on a shared tablet.
  if (!/^(library|emoji):/.test(item.src)) return;
  var items = recent().filter(function (i) { return i.src !== item.src; });
  items.unshift({ src: item.src, title: item.title, alt: item.alt, url: item.url });
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(items.slice(0, RECENT_MAX)));
  } catch (e) { /* private mode: recents are a nicety */ }
}

function Picker() {
  this.onPick = null;
  this.categories = null;
  this.current = "recent";
  this.timer = null;
  this.request = 0;
  this.build();
}

Picker.prototype.build = function () {
  var self = this;
  this.title = el("h2", { id: "picker-title", text: "Choose a picture" });
  this.closeButton = el("button", { type: "button", className: "button button-quiet picker-close", text: "Close" });
  this.search = el("input", { type: "search", id: "picker-search", name: "q", autocomplete: "off",
    enterkeyhint: "search", placeholder: "for example: mum, school, police" });
  var label = el("label", { for: "picker-search", className: "label", text: "Find a picture" });
  this.form = el("form", { className: "picker-search", role: "search" }, [
    label,
    el("div", { className: "picker-search-row" }, [
      this.search,
      el("button", { type: "submit", className: "button button-primary", text: "Find" }),
    ]),
  ]);
  this.chips = el("div", { className: "picker-chips", role: "group", "aria-label": "Kinds of picture" });
  this.grid = el("ul", { className: "picker-grid", "aria-labelledby": "picker-results-heading" });
  this.resultsHeading = el("h3", { id: "picker-results-heading", className: "picker-results-heading" });
  this.message = el("p", { className: "picker-message", role: "status" });
  this.credit = el("p", { className: "picker-credit", hidden: "" });
  this.body = el("div", { className: "picker-body" }, [this.resultsHeading, this.message, this.grid]);
  this.dialog = el("dialog", { className: "picker", "aria-labelledby": "picker-title" }, [
    el("div", { className: "picker-head" }, [this.title, this.closeButton]),
    this.form, this.chips, this.body, this.credit,
  ]);
  document.body.appendChild(this.dialog);

  this.closeButton.addEventListener("click", function () { self.close(); });
  this.form.addEventListener("submit", function (event) {
    event.preventDefault();
    self.find(self.search.value);
  });
  this.search.addEventListener("input", function () {
    window.clearTimeout(self.timer);
    self.timer = window.setTimeout(function () {
      if (self.search.value.trim()) self.find(self.search.value);
    }, 350);
  });
  this.grid.addEventListener("click", function (event) {
    var tile = event.target.closest(".picker-tile");
    if (tile && tile.pickerItem) self.pick(tile.pickerItem);
  });
  this.grid.addEventListener("keydown", function (event) { self.moveFocus(event); });
  this.chips.addEventListener("click", function (event) {
    var chip = event.target.closest(".picker-chip");
    if (!chip) return;
    self.search.value = "";
    self.browse(chip.getAttribute("data-category"));
  });
  this.dialog.addEventListener("close", function () { self.onPick = null; });
};

Picker.prototype.open = function (options) {
  this.onPick = options && options.onPick;
  if (!this.dialog.open) this.dialog.showModal();
  var start = recent().length ? "recent" : this.current === "recent" ? "library:people" : this.current;
  this.search.value = "";
  this.browse(start);
  this.search.focus();
};

Picker.prototype.close = function () {
  if (this.dialog.open) this.dialog.close();
};

Picker.prototype.pick = function (item) {
  remember(item);
  var callback = this.onPick;
  this.close();
  if (callback) callback(item);
};

Picker.prototype.fetch = function (params, heading) {
  var self = this;
  var ticket = ++this.request;
  this.message.textContent = "Looking…";
  var query = Object.keys(params).map(function (k) {
    return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
  }).join("&");
  return requestJson(settings.search_url + "?" + query).then(function (data) {
    if (ticket !== self.request) return;
    if (!self.categories) self.showCategories(data.categories);
    self.show(data.results, heading, data.credit);
  }).catch(function () {
    if (ticket !== self.request) return;
    self.message.textContent = "The pictures could not be loaded. Check the connection and try again.";
  });
};

Picker.prototype.find = function (words) {
  words = words.trim();
  if (!words) return this.browse(this.current);
  this.markChip(null);
  this.fetch({ q: words }, "Pictures for “" + words + "”");
};

Picker.prototype.browse = function (category) {
  this.current = category;
  this.markChip(category);
  if (category === "recent") {
    if (!this.categories) this.fetch({ category: "library:people" }, "").then(this.showRecent.bind(this));
    else this.showRecent();
    return;
  }
  var chip = this.chips.querySelector('[data-category="' + category + '"]');
  this.fetch({ category: category }, chip ? chip.textContent : "Pictures");
};

Picker.prototype.showRecent = function () {
  if (this.current !== "recent") return;
  this.request++;
  var items = recent();
  this.show(items, "Recently used", items.some(function (i) { return /^emoji:/.test(i.src); }) ? openmojiCredit : null);
  if (!items.length) this.message.textContent = "Pictures you use will be kept here on this tablet.";
};

Picker.prototype.showCategories = function (categories) {
  var self = this;
  this.categories = categories;
  var all = [{ id: "recent", label: "Recently used" }].concat(categories);
  all.forEach(function (category) {
    var chip = el("button", { type: "button", className: "picker-chip", "data-category": category.id,
      "aria-pressed": "false", text: category.label });
    if (/^emoji:/.test(category.id)) chip.classList.add("picker-chip-emoji");
    self.chips.appendChild(chip);
  });
  this.markChip(this.current);
};

Picker.prototype.markChip = function (category) {
  Array.prototype.forEach.call(this.chips.children, function (chip) {
    chip.setAttribute("aria-pressed", String(chip.getAttribute("data-category") === category));
  });
};

Picker.prototype.show = function (items, heading, credit) {
  var self = this;
  this.grid.textContent = "";
  this.resultsHeading.textContent = heading || "";
  this.message.textContent = items.length ? "" : "No pictures found. Try another word, or draw one.";
  items.forEach(function (item) {
    var tile = el("button", { type: "button", className: "picker-tile", "aria-description": item.alt || "" }, [
      el("img", { src: item.url, alt: "", loading: "lazy", width: "96", height: "96" }),
      el("span", { className: "picker-title", text: item.title }),
    ]);
    tile.pickerItem = { src: item.src, title: item.title, alt: item.alt || "", url: item.url };
    self.grid.appendChild(el("li", {}, [tile]));
  });
  if (credit) {
    openmojiCredit = credit;
    this.credit.textContent = credit;
    this.credit.hidden = false;
  } else {
    this.credit.hidden = true;
  }
  this.body.scrollTop = 0;
};

Picker.prototype.moveFocus = function (event) {
  var keys = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: "down", ArrowUp: "up", Home: "home", End: "end" };
  var move = keys[event.key];
  if (!move) return;
  var tiles = Array.prototype.slice.call(this.grid.querySelectorAll(".picker-tile"));
  var index = tiles.indexOf(document.activeElement);
  if (index < 0) return;
  var perRow = Math.max(1, Math.round(this.grid.clientWidth / tiles[0].parentNode.offsetWidth));
  var next = index;
  if (move === "down") next = index + perRow;
  else if (move === "up") next = index - perRow;
  else if (move === "home") next = 0;
  else if (move === "end") next = tiles.length - 1;
  else next = index + move;
  if (next >= 0 && next < tiles.length) {
    event.preventDefault();
    tiles[next].focus();
  }
};

var instance = null;

/* Open the picker (made on first use). */
export function open(options) {
  if (!instance) instance = new Picker();
  instance.open(options);
}

export function close() {
  if (instance) instance.close();
}
