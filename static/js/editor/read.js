/* Reading with the child: one booklet page at a time, as large as the screen allows. Swipe or
   tap the right half for the next page, the left half to go back; arrow keys and the buttons
   do the same. The page itself is the booklet's own HTML in a frame without scripts. */

const reader = document.getElementById("reader");
if (reader) startReader();

function startReader() {
  var frame = document.getElementById("reader-frame");
  var stage = document.getElementById("reader-stage");
  var touch = document.getElementById("reader-touch");
  var count = document.getElementById("reader-count");
  var prev = document.getElementById("reader-prev");
  var next = document.getElementById("reader-next");
  var pages = Number(reader.getAttribute("data-pages"));
  var width = Number(reader.getAttribute("data-page-width")) * 4 / 3;
  var height = Number(reader.getAttribute("data-page-height")) * 4 / 3;
  var base = frame.getAttribute("src").split("#")[0];
  var page = 1;

  function fit() {
    var box = stage.getBoundingClientRect();
    var scale = Math.min(box.width / width, box.height / height);
    frame.style.width = width + "px";
    frame.style.height = height + "px";
    frame.style.transform = "scale(" + scale + ")";
    frame.style.left = Math.max(0, (box.width - width * scale) / 2) + "px";
  }

  function go(n) {
    page = Math.max(1, Math.min(pages, n));
    frame.setAttribute("src", base + "#page-" + page);
    count.textContent = "Page " + page + " of " + pages;
    prev.disabled = page === 1;
    next.disabled = page === pages;
  }

  prev.addEventListener("click", function () { go(page - 1); });
  next.addEventListener("click", function () { go(page + 1); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === "PageDown") go(page + 1);
    if (event.key === "ArrowLeft" || event.key === "PageUp") go(page - 1);
  });

  var start = null;
  touch.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY };
  });
  touch.addEventListener("pointerup", function (event) {
    if (!start) return;
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(page + (dx < 0 ? 1 : -1));
    else if (Math.abs(dx) < 10 && Math.abs(dy) < 10) {
      var box = touch.getBoundingClientRect();
      go(page + (event.clientX > box.left + box.width / 2 ? 1 : -1));
    }
  });

  document.getElementById("reader-full").addEventListener("click", function () {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (reader.requestFullscreen) reader.requestFullscreen().catch(function () {});
  });
  document.addEventListener("fullscreenchange", fit);
  window.addEventListener("resize", fit);
  fit();
  go(1);
}
