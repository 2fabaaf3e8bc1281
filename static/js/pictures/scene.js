/* The scene composer: mounts in every `.scene-editor` (data-panel-id, data-storyboard-id,
   data-scene) and lets people add, drag, resize, pinch, flip, reorder, label and remove
   pictures on a fixed 4:3 stage. Positions are fractions (top-left x, y and width); list order
   is drawing order. Every change dispatches a bubbling "scene-change" event
   {panelId, scene}; with data-save-url (the full-screen page) it also saves itself.
   The colours and limits are the server's (see settings.js). */

import { el, ready } from "../lib/dom.js";
import { HttpError, requestJson } from "../lib/http.js";
import { open as openDrawpad } from "./drawpad.js";
import { pictureAt } from "./hit.js";
import { open as openPicker } from "./picker.js";
import { settings } from "./settings.js";

var ROOT = settings.root;
var BACKGROUNDS = settings.backgrounds;
var DEFAULT_BACKGROUND = BACKGROUNDS[0][0];
var MIN_WIDTH = 0.05; // the smallest the composer lets a picture get (the server allows less)
var MAX_PICTURES = settings.max_pictures;
var STEP = 0.01;

function clamp(value, low, high) { return Math.min(Math.max(value, low), high); }
function round(value) { return Math.round(value * 10000) / 10000; }

/* Where the browser finds a picture named in a scene. */
export function pictureUrl(src, storyboardId) {
  var kind = src.split(":")[0];
  var name = src.slice(kind.length + 1);
  if (kind === "library") return ROOT + "/static/illustrations/" + encodeURIComponent(name) + ".svg";
  if (kind === "emoji") return ROOT + "/pictures/openmoji/" + encodeURIComponent(name) + ".svg";
  if (kind === "file" && name.indexOf("images/") === 0) {
    return ROOT + "/storyboards/" + storyboardId + "/images/" + encodeURIComponent(name.slice(7));
  }
  if (kind === "drawing") return ROOT + "/storyboards/" + storyboardId + "/drawings/" + encodeURIComponent(name) + ".svg";
  return "";
}

function normalise(raw) {
  var scene = raw && typeof raw === "object" ? raw : {};
  var pictures = Array.isArray(scene.pictures) ? scene.pictures : [];
  return {
    background: /^#[0-9a-fA-F]{3,6}$/.test(scene.background || "") ? scene.background : DEFAULT_BACKGROUND,
    pictures: pictures.filter(function (p) { return p && typeof p.src === "string"; }).map(function (p) {
      return {
        src: p.src,
        x: typeof p.x === "number" ? p.x : 0.35,
        y: typeof p.y === "number" ? p.y : 0.25,
        width: typeof p.width === "number" ? p.width : 0.3,
        label: typeof p.label === "string" ? p.label : "",
        flip: p.flip === true,
        alt: typeof p.alt === "string" ? p.alt : "",
        // In the storyboard's second language: kept (and sent back) even when not shown.
        label_2: typeof p.label_2 === "string" ? p.label_2 : "",
        alt_2: typeof p.alt_2 === "string" ? p.alt_2 : "",
      };
    }),
  };
}

var counter = 0;

function Composer(root) {
  this.root = root;
  this.id = "scene" + ++counter;
  this.panelId = root.getAttribute("data-panel-id");
  this.storyboardId = root.getAttribute("data-storyboard-id");
  this.saveUrl = root.getAttribute("data-save-url");
  this.version = Number(root.getAttribute("data-version") || "0");
  var raw = {};
  try { raw = JSON.parse(root.getAttribute("data-scene") || "{}"); } catch (e) { raw = {}; }
  this.scene = normalise(raw);
  this.selected = -1;
  this.pointers = new Map();
  this.gesture = null;
  this.missing = 0;
  this.build();
  this.render();
}

Composer.prototype.build = function () {
  var self = this;
  var id = this.id;
  this.root.textContent = "";
  this.root.classList.add("is-mounted");

  this.addButton = el("button", { type: "button", className: "button button-primary", text: "Add a picture" });
  this.drawButton = el("button", { type: "button", className: "button", text: "Draw" });
  this.cameraInput = el("input", { type: "file", id: id + "-camera", className: "scene-file",
    accept: "image/jpeg,image/png,image/webp", capture: "environment" });
  this.fileInput = el("input", { type: "file", id: id + "-file", className: "scene-file",
    accept: "image/jpeg,image/png,image/webp" });
  var toolbar = el("div", { className: "scene-toolbar" }, [
    this.addButton, this.drawButton,
    el("span", { className: "scene-file-button" }, [this.cameraInput,
      el("label", { for: id + "-camera", className: "button", text: "Take a photo" })]),
    el("span", { className: "scene-file-button" }, [this.fileInput,
      el("label", { for: id + "-file", className: "button", text: "Choose a photo" })]),
  ]);

  this.stage = el("div", { className: "scene-stage", role: "group", id: id + "-stage",
    "aria-label": "The picture for this page. Tap a picture to choose it, then drag it." });
  this.swatches = el("div", { className: "scene-swatches", role: "group", "aria-label": "Background colour" });
  BACKGROUNDS.forEach(function (pair) {
    var swatch = el("button", { type: "button", className: "scene-swatch", "data-colour": pair[0],
      "aria-label": "Background " + pair[1].toLowerCase(), "aria-pressed": "false" });
    swatch.style.backgroundColor = pair[0];
    self.swatches.appendChild(swatch);
  });

  this.panel = el("div", { className: "scene-selected", hidden: "" });
  this.selectedName = el("p", { className: "scene-selected-name" });
  var controls = [
    ["smaller", "Smaller"], ["bigger", "Bigger"], ["flip", "Flip"],
    ["forward", "Bring forward"], ["backward", "Send back"], ["remove", "Remove"],
  ].map(function (pair) {
    return el("button", { type: "button", className: "button button-small" + (pair[0] === "remove" ? " scene-remove" : ""),
      "data-action": pair[0], text: pair[1] });
  });
  this.labelInput = el("input", { type: "text", id: id + "-label", maxlength: String(settings.max_label), autocomplete: "off" });
  this.altInput = el("input", { type: "text", id: id + "-alt", maxlength: String(settings.max_alt), autocomplete: "off" });
  /* A bilingual storyboard: each box says its language, and the second's boxes follow. */
  var root = this.root;
  var two = !!root.getAttribute("data-lang2");
  function named(words, n) {
    return two ? words + " (" + root.getAttribute("data-name" + n) + ")" : words;
  }
  function speaks(input, n) {
    input.setAttribute("lang", root.getAttribute("data-lang" + n));
    input.setAttribute("dir", root.getAttribute("data-dir" + n));
    return input;
  }
  var fields = [
    el("div", { className: "field" }, [
      el("label", { for: id + "-label", className: "label", text: named("Name under the picture", 1) }),
      this.labelInput,
      el("p", { className: "hint", text: "For example: Nan, Mum, Sam. Leave empty for no name." }),
    ]),
    el("div", { className: "field" }, [
      el("label", { for: id + "-alt", className: "label", text: named("Words for people who cannot see the picture", 1) }),
      this.altInput,
    ]),
  ];
  this.label2Input = null;
  this.alt2Input = null;
  if (two) {
    speaks(this.labelInput, 1);
    speaks(this.altInput, 1);
    this.label2Input = speaks(el("input", { type: "text", id: id + "-label-2", maxlength: String(settings.max_label), autocomplete: "off" }), 2);
    this.alt2Input = speaks(el("input", { type: "text", id: id + "-alt-2", maxlength: String(settings.max_alt), autocomplete: "off" }), 2);
    fields.splice(1, 0, el("div", { className: "field" }, [
      el("label", { for: id + "-label-2", className: "label", text: named("Name under the picture", 2) }),
      this.label2Input,
    ]));
    fields.push(el("div", { className: "field" }, [
      el("label", { for: id + "-alt-2", className: "label", text: named("Words for people who cannot see the picture", 2) }),
      this.alt2Input,
    ]));
  }
  this.panel.appendChild(this.selectedName);
  this.panel.appendChild(el("div", { className: "scene-actions" }, controls));
  this.panel.appendChild(el("div", { className: "scene-fields" }, fields));
  this.hint = el("p", { className: "hint scene-keys",
    text: "Keyboard: arrow keys move the chosen picture, + and − change its size, Delete removes it." });
  this.status = el("p", { className: "scene-status", role: "status" });
  this.alert = el("p", { className: "scene-alert", role: "alert" });

  var side = el("div", { className: "scene-side" }, [this.swatches, this.panel, this.hint]);
  /* A refused photo's message sits under the buttons that chose it, above the picture. */
  this.root.appendChild(toolbar);
  this.root.appendChild(this.alert);
  this.root.appendChild(this.stage);
  this.root.appendChild(side);
  this.root.appendChild(this.status);

  this.addButton.addEventListener("click", function () {
    openPicker({ onPick: function (item) { self.add(item); } });
  });
  this.drawButton.addEventListener("click", function () {
    openDrawpad({ onSave: function (strokes) { return self.saveDrawing(strokes); } });
  });
  [this.cameraInput, this.fileInput].forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.files && input.files[0]) self.upload(input.files[0]);
      input.value = "";
    });
  });
  this.swatches.addEventListener("click", function (event) {
    var swatch = event.target.closest("[data-colour]");
    if (!swatch) return;
    self.scene.background = swatch.getAttribute("data-colour");
    self.render();
    self.changed("Background changed.");
  });
  this.panel.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button) self.action(button.getAttribute("data-action"));
  });
  this.labelInput.addEventListener("input", function () {
    var picture = self.current();
    if (!picture) return;
    picture.label = self.labelInput.value;
    self.renderLabel(self.selected);
    self.changed();
  });
  this.altInput.addEventListener("input", function () {
    var picture = self.current();
    if (!picture) return;
    picture.alt = self.altInput.value;
    self.describe(self.selected);
    self.selectedName.textContent = "Chosen: " + (picture.alt || picture.label || "a picture");
    self.changed();
  });
  [[this.label2Input, "label_2"], [this.alt2Input, "alt_2"]].forEach(function (pair) {
    if (!pair[0]) return;
    pair[0].addEventListener("input", function () {
      var picture = self.current();
      if (!picture) return;
      picture[pair[1]] = pair[0].value;
      self.changed();
    });
  });

  this.stage.addEventListener("pointerdown", function (event) { self.pointerDown(event); });
  this.stage.addEventListener("pointermove", function (event) { self.pointerMove(event); });
  this.stage.addEventListener("pointerup", function (event) { self.pointerUp(event); });
  this.stage.addEventListener("pointercancel", function (event) { self.pointerUp(event); });
  this.stage.addEventListener("keydown", function (event) { self.key(event); });
  this.stage.addEventListener("focusin", function (event) {
    var item = event.target.closest(".scene-item");
    if (item) self.select(Number(item.getAttribute("data-index")), false);
  });
};

Composer.prototype.current = function () {
  return this.selected >= 0 ? this.scene.pictures[this.selected] : null;
};

/* ---- drawing the stage ------------------------------------------------------------ */

Composer.prototype.render = function () {
  var self = this;
  var focused = document.activeElement && this.stage.contains(document.activeElement);
  this.stage.style.backgroundColor = this.scene.background;
  Array.prototype.forEach.call(this.swatches.children, function (swatch) {
    swatch.setAttribute("aria-pressed", String(swatch.getAttribute("data-colour") === self.scene.background));
  });
  this.stage.textContent = "";
  this.items = this.scene.pictures.map(function (picture, index) { return self.renderItem(picture, index); });
  if (!this.items.length) {
    this.stage.appendChild(el("p", { className: "scene-empty",
      text: "No pictures yet. Add a picture, draw one, or take a photo." }));
  }
  this.showSelected();
  if (focused && this.selected >= 0) this.items[this.selected].focus();
};

Composer.prototype.renderItem = function (picture, index) {
  var self = this;
  var img = el("img", { src: pictureUrl(picture.src, this.storyboardId), alt: "", draggable: "false" });
  var item = el("div", { className: "scene-item", tabindex: "0", role: "button", "data-index": String(index) }, [img]);
  img.addEventListener("error", function () {
    item.classList.add("is-missing");
    self.missing += 1;
    self.say("A picture on this page could not be found. It is shown as a grey box and " +
      "will be left out of the booklet; remove it or add another.", true);
  });
  ["nw", "ne", "sw", "se"].forEach(function (corner) {
    item.appendChild(el("span", { className: "scene-handle scene-handle-" + corner, "data-corner": corner, "aria-hidden": "true" }));
  });
  this.stage.appendChild(item);
  this.place(item, picture);
  if (picture.label) this.renderLabelOn(item, picture.label);
  this.describeItem(item, picture, index);
  return item;
};

Composer.prototype.place = function (item, picture) {
  item.style.left = picture.x * 100 + "%";
  item.style.top = picture.y * 100 + "%";
  item.style.width = picture.width * 100 + "%";
  item.classList.toggle("is-flipped", picture.flip);
};

Composer.prototype.renderLabel = function (index) {
  var item = this.items[index];
  var old = item.querySelector(".scene-label");
  if (old) old.remove();
  var text = this.scene.pictures[index].label.trim();
  if (text) this.renderLabelOn(item, text);
  this.describe(index);
};

Composer.prototype.renderLabelOn = function (item, text) {
  item.appendChild(el("span", { className: "scene-label", text: text, "aria-hidden": "true" }));
};

Composer.prototype.describe = function (index) {
  this.describeItem(this.items[index], this.scene.pictures[index], index);
};

Composer.prototype.describeItem = function (item, picture, index) {
  var name = (picture.alt || picture.label || "Picture").trim().replace(/[.!?]+$/, "");
  var label = name + (picture.label && picture.alt ? ", named " + picture.label.trim() : "") +
    ". Picture " + (index + 1) + " of " + this.scene.pictures.length + ".";
  item.setAttribute("aria-label", label);
  item.setAttribute("aria-pressed", String(index === this.selected));
};

Composer.prototype.aspect = function (index) {
  var img = this.items[index] && this.items[index].querySelector("img");
  if (img && img.offsetWidth) return img.offsetHeight / img.offsetWidth;
  return 1;
};

Composer.prototype.heightFraction = function (index, width) {
  var box = this.stage.getBoundingClientRect();
  return (width * box.width * this.aspect(index)) / (box.height || 1);
};

/* ---- choosing and changing ---------------------------------------------------------- */

Composer.prototype.select = function (index, focus) {
  if (index === this.selected) return;
  this.selected = index;
  this.showSelected();
  if (focus && index >= 0) this.items[index].focus();
};

Composer.prototype.showSelected = function () {
  var self = this;
  (this.items || []).forEach(function (item, index) {
    item.classList.toggle("is-selected", index === self.selected);
    item.setAttribute("aria-pressed", String(index === self.selected));
  });
  var picture = this.current();
  this.panel.hidden = !picture;
  if (!picture) return;
  this.selectedName.textContent = "Chosen: " + (picture.alt || picture.label || "a picture");
  if (document.activeElement !== this.labelInput) this.labelInput.value = picture.label;
  if (document.activeElement !== this.altInput) this.altInput.value = picture.alt;
  if (this.label2Input && document.activeElement !== this.label2Input) this.label2Input.value = picture.label_2;
  if (this.alt2Input && document.activeElement !== this.alt2Input) this.alt2Input.value = picture.alt_2;
};

Composer.prototype.add = function (item, place) {
  if (this.scene.pictures.length >= MAX_PICTURES) {
    this.say("This page already has " + MAX_PICTURES + " pictures. Remove one to add another.", true);
    return;
  }
  var spot = place || this.freeSpot(0.3);
  var picture = {
    src: item.src,
    x: round(spot.x),
    y: round(spot.y),
    width: spot.width || 0.3,
    label: "",
    flip: false,
    alt: item.alt || "",
    label_2: "",
    alt_2: "",
  };
  this.scene.pictures.push(picture);
  this.selected = this.scene.pictures.length - 1;
  this.render();
  this.items[this.selected].focus();
  this.changed("Added " + (picture.alt || "a picture") + ".");
};

/* Where a new picture of `width` covers the others least: the middle first, then the corners.
   Heights are taken as for a square picture on the 4:3 scene (most of ours are). */
var SPOTS = [[0.35, 0.25], [0.05, 0.08], [0.65, 0.08], [0.05, 0.55], [0.65, 0.55], [0.35, 0.55]];
Composer.prototype.freeSpot = function (width) {
  var tall = width * 4 / 3;
  var boxes = this.scene.pictures.map(function (p) {
    return { x: p.x, y: p.y, w: p.width, h: p.width * 4 / 3 };
  });
  function overlap(x, y) {
    return boxes.reduce(function (sum, b) {
      var w = Math.min(x + width, b.x + b.w) - Math.max(x, b.x);
      var h = Math.min(y + tall, b.y + b.h) - Math.max(y, b.y);
      return sum + (w > 0 && h > 0 ? w * h : 0);
    }, 0);
  }
  var best = null;
  SPOTS.forEach(function (spot) {
    var x = Math.min(spot[0], 1 - width);
    var y = Math.min(spot[1], Math.max(0, 1 - tall));
    var cover = overlap(x, y);
    if (!best || cover < best.cover - 1e-9) best = { x: x, y: y, width: width, cover: cover };
  });
  return best;
};

Composer.prototype.action = function (name) {
  var index = this.selected;
  var picture = this.current();
  if (!picture) return;
  var list = this.scene.pictures;
  if (name === "bigger" || name === "smaller") {
    this.resizeBy(index, name === "bigger" ? 1.15 : 1 / 1.15);
    return;
  }
  if (name === "flip") {
    picture.flip = !picture.flip;
    this.place(this.items[index], picture);
    this.changed("Flipped.");
    return;
  }
  if (name === "forward" || name === "backward") {
    var to = name === "forward" ? index + 1 : index - 1;
    if (to < 0 || to >= list.length) {
      this.say(name === "forward" ? "It is already at the front." : "It is already at the back.");
      return;
    }
    list.splice(to, 0, list.splice(index, 1)[0]);
    this.selected = to;
    this.render();
    this.changed(name === "forward" ? "Brought forward." : "Sent back.");
    return;
  }
  if (name === "remove") {
    var gone = list.splice(index, 1)[0];
    this.selected = -1;
    this.render();
    this.changed("Removed " + (gone.alt || "the picture") + ".");
    var next = this.items[Math.min(index, this.items.length - 1)];
    (next || this.addButton).focus();
  }
};

Composer.prototype.resizeBy = function (index, factor) {
  var picture = this.scene.pictures[index];
  var width = clamp(picture.width * factor, MIN_WIDTH, this.widest(index));
  var grow = width - picture.width;
  // Grow around the middle, so the picture stays where it was (and inside the frame).
  var x = picture.x - grow / 2;
  var y = picture.y - this.heightFraction(index, grow) / 2;
  picture.width = round(width);
  this.moveTo(index, x, y);
  this.changed(factor > 1 ? "Bigger." : "Smaller.");
};

Composer.prototype.moveBy = function (index, dx, dy) {
  var picture = this.scene.pictures[index];
  this.moveTo(index, picture.x + dx, picture.y + dy);
  this.changed();
};

/* The widest a picture may be and still fit inside the frame, height included. */
Composer.prototype.widest = function (index) {
  var tall = this.heightFraction(index, 1);
  return Math.max(MIN_WIDTH, Math.min(1, tall > 0 ? 1 / tall : 1));
};

Composer.prototype.moveTo = function (index, x, y) {
  var picture = this.scene.pictures[index];
  var h = this.heightFraction(index, picture.width);
  // The whole picture stays inside the frame: what is on the stage is what prints.
  picture.x = round(clamp(x, 0, Math.max(0, 1 - picture.width)));
  picture.y = round(clamp(y, 0, Math.max(0, 1 - h)));
  this.place(this.items[index], picture);
};

Composer.prototype.key = function (event) {
  var item = event.target.closest(".scene-item");
  if (!item) return;
  var index = Number(item.getAttribute("data-index"));
  this.select(index, false);
  var step = event.shiftKey ? STEP * 5 : STEP;
  var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (moves[event.key]) {
    event.preventDefault();
    this.moveBy(index, moves[event.key][0], moves[event.key][1]);
  } else if (event.key === "+" || event.key === "=") {
    event.preventDefault();
    this.resizeBy(index, 1.1);
  } else if (event.key === "-" || event.key === "_") {
    event.preventDefault();
    this.resizeBy(index, 1 / 1.1);
  } else if (event.key === "Delete" || event.key === "Backspace") {
    event.preventDefault();
    this.action("remove");
  } else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    this.labelInput.focus();
  }
};

/* ---- touch, pen and mouse ----------------------------------------------------------- */

Composer.prototype.stageBox = function () { return this.stage.getBoundingClientRect(); };

Composer.prototype.pointerDown = function (event) {
  if (event.pointerType === "mouse" && event.button !== 0) return;
  var self = this;
  // The picture painted under the finger, not the first box around it.
  var hit = pictureAt(this.items, function (index) {
    return /^file:/.test(self.scene.pictures[index].src); // photos are opaque
  }, event.clientX, event.clientY);
  var item = hit ? this.items[hit.index] : null;
  this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  if (this.pointers.size === 2 && this.selected >= 0) {
    this.startPinch();
    event.preventDefault();
    return;
  }
  if (!item) {
    if (event.target.closest(".scene-item")) {
      // Through a picture's empty corner to the stage: as on the stage, no picture takes focus.
      event.preventDefault();
      if (this.stage.contains(document.activeElement)) document.activeElement.blur();
    }
    if (this.pointers.size === 1) this.select(-1, false);
    return;
  }
  event.preventDefault();
  var index = Number(item.getAttribute("data-index"));
  this.select(index, false);
  item.focus({ preventScroll: true });
  var picture = this.scene.pictures[index];
  this.gesture = {
    kind: hit.corner && item.classList.contains("is-selected") ? "resize" : "drag",
    corner: hit.corner,
    index: index,
    pointerId: event.pointerId,
    startX: event.clientX,
    startY: event.clientY,
    x: picture.x,
    y: picture.y,
    width: picture.width,
    height: this.heightFraction(index, picture.width),
    moved: false,
  };
  try { this.stage.setPointerCapture(event.pointerId); } catch (e) { /* pointer already gone */ }
};

Composer.prototype.startPinch = function () {
  var points = Array.from(this.pointers.values());
  var picture = this.current();
  this.gesture = {
    kind: "pinch",
    index: this.selected,
    distance: Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y) || 1,
    width: picture.width,
    centreX: picture.x + picture.width / 2,
    centreY: picture.y + this.heightFraction(this.selected, picture.width) / 2,
    moved: false,
  };
  var self = this;
  this.pointers.forEach(function (_, id) {
    try { self.stage.setPointerCapture(id); } catch (e) { /* ignore */ }
  });
};

Composer.prototype.pointerMove = function (event) {
  if (!this.pointers.has(event.pointerId)) return;
  this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  var g = this.gesture;
  if (!g) return;
  event.preventDefault();
  var box = this.stageBox();
  var picture = this.scene.pictures[g.index];
  if (g.kind === "pinch") {
    var points = Array.from(this.pointers.values());
    if (points.length < 2) return;
    var distance = Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
    picture.width = round(clamp(g.width * (distance / g.distance), MIN_WIDTH, this.widest(g.index)));
    var h = this.heightFraction(g.index, picture.width);
    this.moveTo(g.index, g.centreX - picture.width / 2, g.centreY - h / 2);
    g.moved = true;
    return;
  }
  if (event.pointerId !== g.pointerId) return;
  var dx = (event.clientX - g.startX) / box.width;
  var dy = (event.clientY - g.startY) / box.height;
  if (!g.moved && Math.abs(dx * box.width) + Math.abs(dy * box.height) < 3) return;
  g.moved = true;
  if (g.kind === "drag") {
    this.moveTo(g.index, g.x + dx, g.y + dy);
    return;
  }
  // Resize from a corner: the opposite corner stays put; the height keeps the aspect.
  var west = g.corner === "nw" || g.corner === "sw";
  var north = g.corner === "nw" || g.corner === "ne";
  // No wider than the room between the fixed corner and the frame's edge.
  var room = Math.min(west ? g.x + g.width : 1 - g.x, this.widest(g.index));
  var tallRoom = north ? g.y + g.height : 1 - g.y;
  var perWidth = g.height / g.width;
  var width = clamp(g.width + (west ? -dx : dx), MIN_WIDTH,
    Math.max(MIN_WIDTH, Math.min(room, perWidth > 0 ? tallRoom / perWidth : room)));
  var height = perWidth * width;
  picture.width = round(width);
  picture.x = round(clamp(west ? g.x + g.width - width : g.x, 0, 1));
  picture.y = round(clamp(north ? g.y + g.height - height : g.y, 0, 1));
  this.place(this.items[g.index], picture);
};

Composer.prototype.pointerUp = function (event) {
  if (!this.pointers.has(event.pointerId)) return;
  this.pointers.delete(event.pointerId);
  var g = this.gesture;
  if (!g) return;
  if (g.kind === "pinch") {
    if (this.pointers.size === 0) {
      this.gesture = null;
      if (g.moved) this.changed("Resized.");
    }
    return;
  }
  if (event.pointerId !== g.pointerId) return;
  this.gesture = null;
  if (g.moved) this.changed(g.kind === "drag" ? "Moved." : "Resized.");
};

/* ---- photos and drawings ------------------------------------------------------------ */

Composer.prototype.upload = function (file) {
  var self = this;
  var form = new FormData();
  form.append("photo", file);
  form.append("kind", "photo");
  this.root.classList.add("is-busy");
  this.say("Adding the photo…");
  return requestJson(ROOT + "/api/storyboards/" + this.storyboardId + "/images", { method: "POST", body: form })
    .then(function (body) {
      // Where there is room, like any new picture (an empty scene: the middle).
      var width = body.width >= body.height ? 0.5 : 0.3;
      self.add({ src: body.src, alt: "A photo." }, self.freeSpot(width));
    })
    .catch(function (error) { self.say(error.message, true); })
    .then(function () { self.root.classList.remove("is-busy"); });
};

Composer.prototype.saveDrawing = function (strokes) {
  var self = this;
  return requestJson(ROOT + "/api/storyboards/" + this.storyboardId + "/drawings", {
    method: "POST",
    json: { strokes: strokes },
  }).then(function (body) {
    self.add({ src: body.src, alt: "A drawing." }, { x: body.x, y: body.y, width: body.width });
  });
};

/* ---- telling the page, and saving on the full-screen page ---------------------------- */

Composer.prototype.say = function (words, isAlert) {
  this.alert.textContent = isAlert ? words : "";
  this.status.textContent = isAlert ? "" : words;
  if (!isAlert) return;
  /* Where the person is looking, and in the editor's save state too. */
  if (this.alert.scrollIntoView) this.alert.scrollIntoView({ block: "center" });
  this.root.dispatchEvent(new CustomEvent("scene-error", { bubbles: true, detail: { message: words } }));
};

Composer.prototype.snapshot = function () {
  return {
    background: this.scene.background,
    pictures: this.scene.pictures.map(function (p) {
      var out = { src: p.src, x: p.x, y: p.y, width: p.width, label: p.label.trim(), flip: p.flip, alt: p.alt.trim() };
      // The second language's words go only when there are some (the server keeps no empty ones).
      if (p.label_2.trim()) out.label_2 = p.label_2.trim();
      if (p.alt_2.trim()) out.alt_2 = p.alt_2.trim();
      return out;
    }),
  };
};

Composer.prototype.changed = function (words) {
  if (words) this.say(words);
  var scene = this.snapshot();
  this.root.setAttribute("data-scene", JSON.stringify(scene));
  this.root.dispatchEvent(new CustomEvent("scene-change", {
    bubbles: true, detail: { panelId: this.panelId, scene: scene },
  }));
  if (this.saveUrl) this.scheduleSave();
};

Composer.prototype.scheduleSave = function () {
  var self = this;
  window.clearTimeout(this.saveTimer);
  this.root.setAttribute("data-save-state", "pending");
  this.saveTimer = window.setTimeout(function () { self.save(); }, 600);
};

Composer.prototype.save = function () {
  var self = this;
  if (this.saving) {
    this.saveAgain = true;
    return;
  }
  this.saving = true;
  this.saveAgain = false;
  this.root.setAttribute("data-save-state", "saving");
  requestJson(this.saveUrl, {
    method: "PUT",
    json: { scene: this.snapshot(), version: this.version },
  }).then(function (body) {
    self.version = body.version;
    self.root.setAttribute("data-version", String(body.version));
    self.root.setAttribute("data-save-state", "saved");
    if (body.problems && body.problems.length) self.say(body.problems.join(" "), true);
    else self.say("Saved.");
    self.root.dispatchEvent(new CustomEvent("scene-saved", { bubbles: true, detail: body }));
    self.refreshPage(body.scene);
  }).catch(function (error) {
    self.root.setAttribute("data-save-state", "error");
    var refused = error instanceof HttpError;
    if (refused && error.status === 409 && error.body.scene) {
      self.version = error.body.version;
      self.scene = normalise(error.body.scene);
      self.selected = -1;
      self.render();
      self.saveAgain = false;
    }
    self.say(refused ? error.message : "Not saved yet: no connection. Your change is kept on this page and will be saved when you change something again.", true);
  }).then(function () {
    self.saving = false;
    if (self.saveAgain) self.save();
  });
};

/* On the full-screen page: redraw the booklet preview and show the emoji credit if needed. */
Composer.prototype.refreshPage = function (scene) {
  var preview = document.querySelector("img[data-scene-preview]");
  if (preview) preview.src = preview.src.split("?")[0] + "?v=" + this.version;
  var credit = document.getElementById("scene-credit");
  if (credit) {
    credit.hidden = !(scene.pictures || []).some(function (p) { return /^emoji:/.test(p.src); });
  }
};

/* Give every `.scene-editor` not yet mounted its composer (the editor calls this for new
   panels). */
export function mountScenes() {
  Array.prototype.forEach.call(document.querySelectorAll(".scene-editor:not(.is-mounted)"), function (root) {
    root.sceneComposer = new Composer(root);
  });
}

ready(mountScenes);
