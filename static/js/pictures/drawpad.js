/* The finger drawing pad: pointer events on a 4:3 canvas, a few colours, three pen sizes, an
   eraser and undo. Lines are kept as vector strokes in the scene's units (800 x 600):
   [{color, size, erase, points: [[x, y], ...]}]. `open({onSave})` calls onSave(strokes),
   which returns a promise; the pad closes when it resolves. The size comes from the server
   (pictures_scene.PAD_SIZE), which draws the same strokes as SVG. */

import { el } from "../lib/dom.js";
import { settings } from "./settings.js";

var WIDTH = settings.pad_size[0];
var HEIGHT = settings.pad_size[1];
var COLOURS = [
  ["#333333", "Black"], ["#2f6fb3", "Blue"], ["#c0392b", "Red"],
  ["#2e8540", "Green"], ["#f2b233", "Yellow"], ["#8e5a2b", "Brown"], ["#d46aa0", "Pink"],
];
var SIZES = [[5, "Thin pen"], [12, "Middle pen"], [26, "Thick pen"]];

function Drawpad() {
  this.strokes = [];
  this.colour = COLOURS[0][0];
  this.size = SIZES[1][0];
  this.erasing = false;
  this.active = null; // {id, stroke}
  this.onSave = null;
  this.build();
}

Drawpad.prototype.build = function () {
  var self = this;
  this.canvas = el("canvas", { width: String(WIDTH), height: String(HEIGHT), className: "drawpad-canvas",
    role: "img", "aria-label": "Drawing space: draw with a finger, a pen or the mouse" });
  this.context = this.canvas.getContext("2d");
  this.colours = el("div", { className: "drawpad-colours", role: "group", "aria-label": "Colour" });
  COLOURS.forEach(function (pair) {
    var button = el("button", { type: "button", className: "drawpad-colour", "aria-label": pair[1],
      "aria-pressed": String(pair[0] === self.colour), "data-colour": pair[0] });
    button.style.backgroundColor = pair[0];
    self.colours.appendChild(button);
  });
  this.sizes = el("div", { className: "drawpad-sizes", role: "group", "aria-label": "Pen size" });
  SIZES.forEach(function (pair) {
    var dot = el("span", { className: "drawpad-dot", "aria-hidden": "true" });
    dot.style.width = dot.style.height = Math.round(pair[0] * 0.9 + 4) + "px";
    self.sizes.appendChild(el("button", { type: "button", className: "drawpad-size", "aria-label": pair[1],
      "aria-pressed": String(pair[0] === self.size), "data-size": String(pair[0]) }, [dot]));
  });
  this.eraser = el("button", { type: "button", className: "button drawpad-eraser", "aria-pressed": "false", text: "Rubber" });
  this.undoButton = el("button", { type: "button", className: "button", text: "Undo" });
  this.clearButton = el("button", { type: "button", className: "button", text: "Start again" });
  this.status = el("p", { className: "drawpad-status", role: "status" });
  this.saveButton = el("button", { type: "button", className: "button button-primary", text: "Put it in the picture" });
  this.cancelButton = el("button", { type: "button", className: "button", text: "Cancel" });
  this.dialog = el("dialog", { className: "drawpad", "aria-labelledby": "drawpad-title" }, [
    el("div", { className: "drawpad-head" }, [
      el("h2", { id: "drawpad-title", text: "Draw a picture" }),
      el("div", { className: "drawpad-actions" }, [this.cancelButton, this.saveButton]),
    ]),
    el("div", { className: "drawpad-tools" }, [this.colours, this.sizes,
      el("div", { className: "drawpad-edit" }, [this.eraser, this.undoButton, this.clearButton])]),
    el("div", { className: "drawpad-frame" }, [this.canvas]),
    this.status,
  ]);
  document.body.appendChild(this.dialog);

  this.colours.addEventListener("click", function (event) {
    var button = event.target.closest("[data-colour]");
    if (!button) return;
    self.colour = button.getAttribute("data-colour");
    self.setErasing(false);
    self.press(self.colours, button);
  });
  this.sizes.addEventListener("click", function (event) {
    var button = event.target.closest("[data-size]");
    if (!button) return;
    self.size = Number(button.getAttribute("data-size"));
    self.press(self.sizes, button);
  });
  this.eraser.addEventListener("click", function () { self.setErasing(!self.erasing); });
  this.undoButton.addEventListener("click", function () { self.undo(); });
  this.clearButton.addEventListener("click", function () {
    if (!self.strokes.length) return;
    self.cleared = self.strokes;
    self.strokes = [];
    self.redraw();
    self.say("Cleared. Undo brings it back.");
  });
  this.cancelButton.addEventListener("click", function () { self.dialog.close(); });
  this.saveButton.addEventListener("click", function () { self.save(); });

  var canvas = this.canvas;
  canvas.addEventListener("pointerdown", function (event) { self.down(event); });
  canvas.addEventListener("pointermove", function (event) { self.move(event); });
  canvas.addEventListener("pointerup", function (event) { self.up(event); });
  canvas.addEventListener("pointercancel", function (event) { self.up(event); });
  this.dialog.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "z") {
      event.preventDefault();
      self.undo();
    }
  });
};

Drawpad.prototype.press = function (group, chosen) {
  Array.prototype.forEach.call(group.children, function (button) {
    button.setAttribute("aria-pressed", String(button === chosen));
  });
};

Drawpad.prototype.setErasing = function (on) {
  this.erasing = on;
  this.eraser.setAttribute("aria-pressed", String(on));
  this.canvas.classList.toggle("is-erasing", on);
};

Drawpad.prototype.say = function (words) { this.status.textContent = words; };

Drawpad.prototype.point = function (event) {
  var box = this.canvas.getBoundingClientRect();
  var x = ((event.clientX - box.left) / box.width) * WIDTH;
  var y = ((event.clientY - box.top) / box.height) * HEIGHT;
  return [Math.round(Math.min(Math.max(x, 0), WIDTH) * 10) / 10,
    Math.round(Math.min(Math.max(y, 0), HEIGHT) * 10) / 10];
};

Drawpad.prototype.down = function (event) {
  if (this.active || (event.pointerType === "mouse" && event.button !== 0)) return;
  event.preventDefault();
  this.canvas.setPointerCapture(event.pointerId);
  var stroke = { color: this.colour, size: this.size * (this.erasing ? 2 : 1), erase: this.erasing,
    points: [this.point(event)] };
  this.active = { id: event.pointerId, stroke: stroke };
  this.strokes.push(stroke);
  this.cleared = null;
  this.redraw();
};

Drawpad.prototype.move = function (event) {
  if (!this.active || event.pointerId !== this.active.id) return;
  event.preventDefault();
  var points = this.active.stroke.points;
  var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  if (!events.length) events = [event];
  for (var i = 0; i < events.length; i++) {
    var p = this.point(events[i]);
    var last = points[points.length - 1];
    // Skip points closer than 1.5 units: the line looks the same and the drawing stays small.
    if (Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) >= 1.5) points.push(p);
  }
  this.redraw();
};

Drawpad.prototype.up = function (event) {
  if (!this.active || event.pointerId !== this.active.id) return;
  this.active = null;
  this.redraw();
};

Drawpad.prototype.undo = function () {
  if (this.cleared) {
    this.strokes = this.cleared;
    this.cleared = null;
  } else if (this.strokes.length) {
    this.strokes.pop();
  } else {
    return;
  }
  this.redraw();
  this.say("Undone.");
};

Drawpad.prototype.redraw = function () {
  // Each rubbing-out hides only what was drawn before it, as the server's SVG does.
  var c = this.context;
  c.clearRect(0, 0, WIDTH, HEIGHT);
  c.lineCap = "round";
  c.lineJoin = "round";
  this.strokes.forEach(function (stroke) {
    var pts = stroke.points;
    c.globalCompositeOperation = stroke.erase ? "destination-out" : "source-over";
    c.strokeStyle = stroke.erase ? "#000" : stroke.color;
    c.lineWidth = stroke.size;
    c.beginPath();
    c.moveTo(pts[0][0], pts[0][1]);
    if (pts.length === 1) c.lineTo(pts[0][0] + 0.01, pts[0][1]);
    for (var i = 1; i < pts.length; i++) c.lineTo(pts[i][0], pts[i][1]);
    c.stroke();
  });
  c.globalCompositeOperation = "source-over";
  this.canvas.setAttribute("data-strokes", String(this.strokes.length));
  this.saveButton.disabled = !this.strokes.some(function (s) { return !s.erase; });
};

Drawpad.prototype.open = function (options) {
  this.onSave = options && options.onSave;
  this.strokes = [];
  this.cleared = null;
  this.active = null;
  this.setErasing(false);
  this.say("");
  this.redraw();
  if (!this.dialog.open) this.dialog.showModal();
  this.cancelButton.focus();
};

Drawpad.prototype.save = function () {
  var self = this;
  if (!this.onSave || this.saveButton.disabled) return;
  this.saveButton.disabled = true;
  this.say("Saving the drawing…");
  Promise.resolve(this.onSave(this.strokes.slice())).then(function () {
    self.dialog.close();
  }).catch(function (error) {
    self.saveButton.disabled = false;
    self.say((error && error.message) || "The drawing could not be saved. Please try again.");
  });
};

var instance = null;

/* Open the pad (made on first use) with an empty drawing. */
export function open(options) {
  if (!instance) instance = new Drawpad();
  instance.open(options);
}
