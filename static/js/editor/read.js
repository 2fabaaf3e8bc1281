/* Reading with the child: one page at a time. Swipe either way anywhere on the page, or tap
   the right half for the next page and the left half to go back (taps on the words do not
   turn: a finger following the words, or stopping them scrolling, stays on the page); the
   arrow keys and the buttons do the same. The pages are all in the document, one shown.

   "Play the whole story" plays each page's recording and turns the page when it ends; a page
   with no recording stays a few seconds. Turning a page by hand, or pausing, stops it.
   The words it writes come from the page, in its language (the reader's data-words-*). */

import { playPage, stopAll } from "../listen.js";

const QUIET_PAGE_MS = 6000;

const reader = document.getElementById("reader");
if (reader) startReader();

function startReader() {
  var stage = document.getElementById("reader-stage");
  var count = document.getElementById("reader-count");
  var prev = document.getElementById("reader-prev");
  var next = document.getElementById("reader-next");
  var pages = Array.prototype.slice.call(stage.querySelectorAll(".read-page"));
  var page = 1;
  var playAll = document.getElementById("reader-play-all");
  var playing = 0; // which run of "play the whole story" is going (0: none)

  function stopStory() {
    playing = 0;
    if (playAll) {
      playAll.setAttribute("aria-pressed", "false");
      playAll.textContent = reader.dataset.wordsPlay;
    }
  }

  function playFrom(n, run) {
    if (run !== playing) return;
    show(n);
    var box = pages[n - 1].querySelector("[data-read-aloud]");
    var next = function (how) {
      if (run !== playing) return;
      if (how === "paused" || n >= pages.length) { stopStory(); return; }
      playFrom(n + 1, run);
    };
    if (box) playPage(box).then(next);
    else setTimeout(function () { next("ended"); }, QUIET_PAGE_MS);
  }

  if (playAll) {
    playAll.addEventListener("click", function () {
      if (playing) { stopStory(); stopAll(); return; }
      playing = Date.now();
      playAll.setAttribute("aria-pressed", "true");
      playAll.textContent = reader.dataset.wordsStop;
      playFrom(page, playing);
    });
  }

  function go(n) {
    if (playing) stopStory();
    stopAll();
    show(n);
  }

  function show(n) {
    n = Math.max(1, Math.min(pages.length, n));
    if (n !== page) {
      pages[page - 1].hidden = true;
      pages[n - 1].hidden = false;
      var words = pages[n - 1].querySelector(".read-words");
      if (words) words.scrollTop = 0;
    }
    page = n;
    count.textContent = reader.dataset.wordsPage
      .replace("%(page)s", page).replace("%(pages)s", pages.length);
    prev.disabled = page === 1;
    next.disabled = page === pages.length;
  }

  prev.addEventListener("click", function () { go(page - 1); });
  next.addEventListener("click", function () { go(page + 1); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === "PageDown") go(page + 1);
    if (event.key === "ArrowLeft" || event.key === "PageUp") go(page - 1);
  });

  // The stage lets the browser scroll the words up and down (touch-action: pan-y), so a
  // finger moving sideways reaches us as a swipe and one moving up or down is cancelled.
  var start = null;
  stage.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY, onWords: !!event.target.closest(".read-words") };
  });
  stage.addEventListener("pointercancel", function () { start = null; });
  stage.addEventListener("pointerup", function (event) {
    if (!start) return;
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    var onWords = start.onWords;
    start = null;
    var forward = stage.getAttribute("dir") === "rtl" ? -1 : 1;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(page + (dx < 0 ? forward : -forward));
    else if (!onWords && Math.abs(dx) < 10 && Math.abs(dy) < 10) {
      var box = stage.getBoundingClientRect();
      go(page + (event.clientX > box.left + box.width / 2 ? forward : -forward));
    }
  });

  document.getElementById("reader-full").addEventListener("click", function () {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (reader.requestFullscreen) reader.requestFullscreen().catch(function () {});
  });
  go(1);
}
