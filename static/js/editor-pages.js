/* The editor's pages: one panel shown at a time, the page list (go, drag or arrows to
   reorder), insert, duplicate, skip, delete with undo, numbered steps, family words and the
   preview beside the editor. Saving is editor.js's job; this file calls Editor.changed(). */
(function () {
  "use strict";

  var root = document.getElementById("editor");
  var Editor = window.Editor;
  if (!root || !Editor) return;

  var sbId = root.getAttribute("data-storyboard-id");
  var api = Editor.api;
  var cards = document.getElementById("panel-cards");
  var list = document.getElementById("page-list");
  var preview = document.getElementById("preview-frame");
  var undoBar = document.getElementById("undo-bar");
  var undoText = document.getElementById("undo-text");
  var CURRENT_KEY = "storyboard:" + sbId + ":current";
  var current = null;
  var lastDeleted = null;
  var lastField = null;

  function each(items, fn) {
    return Array.prototype.map.call(items, fn);
  }

  function allCards() {
    return Array.prototype.slice.call(cards.querySelectorAll(".panel-card"));
  }

  function card(id) {
    return document.getElementById("panel-" + id);
  }

  function row(id) {
    return list.querySelector('.page-row[data-panel-id="' + id + '"]');
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  /* --- showing one panel at a time ---------------------------------------------------- */

  function renumber() {
    var all = allCards();
    all.forEach(function (el, i) {
      el.querySelector(".panel-number").textContent = String(i + 1);
      el.querySelector(".panel-total").textContent = String(all.length);
    });
    each(list.querySelectorAll(".page-row"), function (r, i) {
      r.querySelector(".page-num").textContent = i + 1 + ".";
      r.querySelector('[data-action="row-up"]').setAttribute("aria-label", "Move page " + (i + 1) + " earlier");
      r.querySelector('[data-action="row-down"]').setAttribute("aria-label", "Move page " + (i + 1) + " later");
    });
    document.getElementById("page-count").textContent = String(all.length);
  }

  function show(id, focus) {
    var el = card(id);
    if (!el) return;
    allCards().forEach(function (c) { c.hidden = c !== el; });
    each(list.querySelectorAll(".page-row"), function (r) {
      if (r.getAttribute("data-panel-id") === String(id)) r.setAttribute("aria-current", "step");
      else r.removeAttribute("aria-current");
    });
    current = String(id);
    try { window.sessionStorage.setItem(CURRENT_KEY, current); } catch (e) { /* private mode */ }
    var all = allCards();
    var index = all.indexOf(el);
    document.querySelector('[data-action="prev"]').disabled = index <= 0;
    document.querySelector('[data-action="next"]').disabled = index >= all.length - 1;
    document.dispatchEvent(new CustomEvent("panel-shown", { detail: { panelId: current } }));
    refreshPreview();
    if (focus) el.querySelector("h2").focus();
  }

  function step(delta) {
    var all = allCards();
    var index = all.indexOf(card(current)) + delta;
    if (index >= 0 && index < all.length) show(all[index].getAttribute("data-panel-id"), true);
  }

  var previewTimer = null;
  var previewOffline = document.getElementById("preview-offline");
  function refreshPreview() {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(function () {
      if (!current) return;
      // Offline, the sandboxed frame would only show the browser's error page: say so instead.
      var offline = navigator.onLine === false;
      if (previewOffline) previewOffline.hidden = !offline;
      preview.hidden = offline;
      if (offline) return;
      preview.src = root.getAttribute("data-preview") + "?panel=" + current + "&t=" + Date.now();
    }, 150);
  }
  window.addEventListener("online", refreshPreview);
  window.addEventListener("offline", refreshPreview);

  document.addEventListener("panel-saved", function (event) {
    if (event.detail.panelId === current) refreshPreview();
  });

  /* The page list's short name follows the heading as it is typed. */
  document.addEventListener("panel-edited", function (event) {
    var el = card(event.detail.panelId);
    var r = row(event.detail.panelId);
    if (!el || !r) return;
    var heading = el.querySelector('[data-field="heading"]').value.trim();
    r.querySelector(".page-name").textContent = heading || el.querySelector(".panel-section").textContent;
    var skipped = el.classList.contains("is-skipped");
    r.classList.toggle("is-skipped", skipped);
    r.querySelector(".page-state").textContent = skipped ? "Skipped" : "";
  });

  /* --- order --------------------------------------------------------------------------- */

  function order() {
    return each(list.querySelectorAll(".page-row"), function (r) { return Number(r.getAttribute("data-panel-id")); });
  }

  /* Put the cards in the list's order and tell the server. */
  function saveOrder() {
    var ids = order();
    ids.forEach(function (id) { cards.appendChild(card(id)); });
    renumber();
    show(current);
    return Editor.send("PUT", api + "/storyboards/" + sbId + "/order", { order: ids }).then(function (res) {
      if (res.ok) return;
      if (Editor.isSignedOut(res)) Editor.needSignIn();
      window.alert(res.body.message || "The new order could not be saved. Please reload the page.");
    }, function () {
      window.alert("The new order could not be saved: no connection. Please try again when you are back online.");
    });
  }

  function move(id, delta) {
    var r = row(id);
    if (!r) return;
    if (delta < 0 && r.previousElementSibling) list.insertBefore(r, r.previousElementSibling);
    else if (delta > 0 && r.nextElementSibling) list.insertBefore(r.nextElementSibling, r);
    else return;
    saveOrder();
  }

  /* Dragging a row by its handle (pointer events: mouse, pen and touch alike). */
  var dragging = null;
  list.addEventListener("pointerdown", function (event) {
    var handle = event.target.closest(".drag-handle");
    if (!handle) return;
    event.preventDefault();
    dragging = { row: handle.closest(".page-row"), before: order().join(",") };
    dragging.row.classList.add("is-dragging");
    handle.setPointerCapture(event.pointerId);
  });
  list.addEventListener("pointermove", function (event) {
    if (!dragging) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll(".page-row")).filter(function (r) {
      return r !== dragging.row;
    });
    var target = rows.find(function (r) {
      var box = r.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    });
    if (target) list.insertBefore(dragging.row, target);
    else list.appendChild(dragging.row);
  });
  function endDrag() {
    if (!dragging) return;
    dragging.row.classList.remove("is-dragging");
    var moved = order().join(",") !== dragging.before;
    dragging = null;
    if (moved) saveOrder();
  }
  list.addEventListener("pointerup", endDrag);
  list.addEventListener("pointercancel", endDrag);

  /* --- adding, copying, deleting -------------------------------------------------------- */

  function placed(body) {
    var el = fromHtml(body.html);
    var r = fromHtml(body.row);
    var cardsNow = allCards();
    var rows = list.querySelectorAll(".page-row");
    cards.insertBefore(el, cardsNow[body.index] || null);
    list.insertBefore(r, rows[body.index] || null);
    renumber();
    if (window.Pictures && window.Pictures.mountScenes) window.Pictures.mountScenes();
    if (window.Plainwords) window.Plainwords.mount();
    return el;
  }

  function operation(method, url, body) {
    return Editor.send(method, url, body).then(function (res) {
      if (res.ok) return res.body;
      if (Editor.isSignedOut(res)) Editor.needSignIn();
      else window.alert(res.body.message || "That did not work. Please try again.");
      throw new Error("refused");
    }, function (error) {
      window.alert("That needs a connection to the server. Please try again when you are back online.");
      throw error;
    });
  }

  function insert(where) {
    var section = document.getElementById("add-section").value;
    var kind = document.getElementById("add-kind").value;
    var index = where === "end" ? allCards().length : allCards().indexOf(card(current)) + 1;
    return operation("POST", api + "/storyboards/" + sbId + "/panels", {
      index: index, section: section, kind: kind,
    }).then(function (body) {
      placed(body);
      show(body.panel.id, true);
    });
  }

  function duplicate(id) {
    Editor.flush(id);
    return operation("POST", api + "/panels/" + id + "/duplicate").then(function (body) {
      placed(body);
      show(body.panel.id, true);
    });
  }

  /* Take a panel out of the page (deleted here or on another device). */
  function removed(id) {
    var all = allCards();
    var index = all.indexOf(card(id));
    var el = card(id);
    if (el) el.remove();
    if (row(id)) row(id).remove();
    renumber();
    var rest = allCards();
    if (rest.length) show(rest[Math.min(index, rest.length - 1)].getAttribute("data-panel-id"), true);
  }

  function remove(id) {
    var el = card(id);
    var number = el.querySelector(".panel-number").textContent;
    return operation("POST", api + "/panels/" + id + "/delete").then(function () {
      Editor.rec(id).version += 1;
      removed(id);
      lastDeleted = id;
      undoText.textContent = "Page " + number + " deleted.";
      undoBar.hidden = false;
      document.getElementById("undo-button").focus();
    });
  }

  function restore(id) {
    return operation("POST", api + "/panels/" + id + "/restore").then(function (body) {
      var el = placed(body);
      var r = Editor.rec(id);
      r.version = body.panel.version;
      /* Words typed before the delete and not yet saved are put back and sent. */
      var kept = Editor.store.get(id);
      if (kept) {
        kept.base = r.version;
        Editor.store.put(id, kept);
        Editor.apply(el, kept.state);
        Editor.flush(id);
      }
      undoBar.hidden = true;
      lastDeleted = null;
      show(id, true);
    });
  }

  document.getElementById("undo-button").addEventListener("click", function () {
    if (lastDeleted) restore(lastDeleted);
  });

  /* --- numbered steps ------------------------------------------------------------------- */

  function stepItem(el, value, n) {
    var id = el.id + "-step-" + n + "-" + Date.now();
    var li = document.createElement("li");
    li.className = "step";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.setAttribute("for", id);
    label.textContent = "Step " + n;
    var box = document.createElement("textarea");
    box.id = id;
    box.rows = 2;
    box.setAttribute("data-step", "");
    box.value = value;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-quiet button-small";
    button.setAttribute("data-action", "remove-step");
    button.textContent = "Remove";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " step " + n;
    button.appendChild(hidden);
    li.appendChild(label);
    li.appendChild(box);
    li.appendChild(button);
    return li;
  }

  Editor.setSteps = function (el, steps) {
    var holder = el.querySelector("[data-steps]");
    while (holder.firstChild) holder.removeChild(holder.firstChild);
    steps.forEach(function (s, i) { holder.appendChild(stepItem(el, s, i + 1)); });
  };

  /* --- family words --------------------------------------------------------------------- */

  var wordList = document.getElementById("word-list");

  function drawWords(words) {
    while (wordList.firstChild) wordList.removeChild(wordList.firstChild);
    words.forEach(function (w) {
      var li = document.createElement("li");
      li.setAttribute("data-word", w.word);
      var word = document.createElement("span");
      word.className = "word";
      word.textContent = w.word;
      li.appendChild(word);
      if (w.means) {
        var means = document.createElement("span");
        means.className = "muted";
        means.textContent = " for " + w.means;
        li.appendChild(means);
      }
      var buttons = document.createElement("span");
      buttons.className = "word-buttons";
      [["insert-word", "Put in", "button button-small"], ["remove-word", "Remove", "button button-quiet button-small"]].forEach(function (spec) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = spec[2];
        b.setAttribute("data-action", spec[0]);
        b.textContent = spec[1];
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " “" + w.word + "”";
        b.appendChild(hidden);
        buttons.appendChild(b);
      });
      li.appendChild(buttons);
      wordList.appendChild(li);
    });
  }

  /* Remember the last box the person typed in, to put a family word there. */
  cards.addEventListener("focusin", function (event) {
    if (event.target.matches("textarea, input[type=text]")) lastField = event.target;
  });

  function insertWord(word) {
    var box = lastField && document.body.contains(lastField) && !lastField.closest("[hidden]") ? lastField : null;
    if (!box) box = card(current) && card(current).querySelector('[data-field="text"]');
    if (!box) return;
    var start = box.selectionStart === undefined ? box.value.length : box.selectionStart;
    var end = box.selectionEnd === undefined ? start : box.selectionEnd;
    var before = box.value.slice(0, start);
    var spaced = (before && !/\s$/.test(before) ? " " : "") + word;
    box.value = before + spaced + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + spaced.length;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.getElementById("word-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var word = document.getElementById("word-new");
    var means = document.getElementById("word-means");
    if (!word.value.trim()) {
      word.focus();
      return;
    }
    operation("POST", api + "/storyboards/" + sbId + "/family-words", {
      word: word.value, means: means.value,
    }).then(function (body) {
      drawWords(body.words);
      word.value = "";
      means.value = "";
      word.focus();
    });
  });

  wordList.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var word = button.closest("li").getAttribute("data-word");
    if (button.getAttribute("data-action") === "insert-word") insertWord(word);
    else {
      operation("POST", api + "/storyboards/" + sbId + "/family-words/remove", { word: word })
        .then(function (body) { drawWords(body.words); });
    }
  });

  /* --- buttons -------------------------------------------------------------------------- */

  function toggle(buttonId, sectionId) {
    var button = document.getElementById(buttonId);
    var section = document.getElementById(sectionId);
    button.addEventListener("click", function () {
      section.hidden = !section.hidden;
      button.setAttribute("aria-expanded", section.hidden ? "false" : "true");
      if (!section.hidden) section.querySelector("h2").focus();
    });
  }
  toggle("pages-toggle", "pages");
  toggle("words-toggle", "family-words");
  each(document.querySelectorAll("#pages h2, #family-words h2, .panel-card h2"), function (h) {
    h.tabIndex = -1;
  });

  document.querySelector(".page-nav").addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (button) step(button.getAttribute("data-action") === "next" ? 1 : -1);
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var id = button.closest(".page-row").getAttribute("data-panel-id");
    var action = button.getAttribute("data-action");
    if (action === "go") show(id, true);
    if (action === "row-up" || action === "row-down") {
      move(id, action === "row-up" ? -1 : 1);
      button.focus();
    }
  });

  cards.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var el = button.closest(".panel-card");
    var id = el.getAttribute("data-panel-id");
    var action = button.getAttribute("data-action");
    if (action === "move-up" || action === "move-down") {
      move(id, action === "move-up" ? -1 : 1);
      button.focus();
    } else if (action === "duplicate") duplicate(id);
    else if (action === "delete") remove(id);
    else if (action === "skip") {
      Editor.setSkipped(el, button.getAttribute("aria-pressed") !== "true");
      Editor.changed(el);
    } else if (action === "add-step") {
      var holder = el.querySelector("[data-steps]");
      var li = stepItem(el, "", holder.children.length + 1);
      holder.appendChild(li);
      li.querySelector("textarea").focus();
      Editor.changed(el);
    } else if (action === "remove-step") {
      var steps = Editor.collect(el).steps;
      var index = Array.prototype.indexOf.call(el.querySelector("[data-steps]").children, button.closest("li"));
      steps.splice(index, 1);
      Editor.setSteps(el, steps);
      Editor.changed(el);
    }
  });

  document.getElementById("add-page").addEventListener("submit", function (event) {
    event.preventDefault();
    var where = event.submitter ? event.submitter.getAttribute("data-where") : "end";
    insert(where);
  });

  Editor.show = show;
  Editor.restore = restore;
  Editor.removed = removed;

  /* Start on the page last worked on in this tab, then put back any words kept here. */
  renumber();
  var first = allCards()[0];
  var remembered = null;
  try { remembered = window.sessionStorage.getItem(CURRENT_KEY); } catch (e) { /* private mode */ }
  if (remembered && card(remembered)) show(remembered);
  else if (first) show(first.getAttribute("data-panel-id"));
  Editor.restoreKept();
})();
