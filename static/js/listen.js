/* Pages read aloud: each [data-read-aloud] box has one button that plays and pauses its
   recording. One recording plays at a time. `playPage(box)` returns a promise that settles
   when the recording ends (or is paused or cannot play), for "play the whole story".
   The button's words come from the page, in its language (data-listen-label, -pause-label). */

const boxes = Array.prototype.slice.call(document.querySelectorAll("[data-read-aloud]"));

function parts(box) {
  return {
    audio: box.querySelector("[data-audio]"),
    button: box.querySelector("[data-play]"),
    label: box.querySelector("[data-play-label]"),
  };
}

function show(box, playing) {
  var p = parts(box);
  p.button.setAttribute("aria-pressed", playing ? "true" : "false");
  p.label.textContent = box.getAttribute(playing ? "data-pause-label" : "data-listen-label");
  box.classList.toggle("is-playing", playing);
}

export function stopAll(except) {
  boxes.forEach(function (box) {
    if (box !== except) parts(box).audio.pause();
  });
}

/* Play a page's recording from where it was; resolves "ended", "paused" or "failed". */
export function playPage(box) {
  var audio = parts(box).audio;
  stopAll(box);
  return new Promise(function (resolve) {
    function done(how) {
      audio.removeEventListener("ended", ended);
      audio.removeEventListener("pause", paused);
      audio.removeEventListener("error", failed);
      resolve(how);
    }
    function ended() { done("ended"); }
    function paused() { if (!audio.ended) done("paused"); }
    function failed() { done("failed"); }
    audio.addEventListener("ended", ended);
    audio.addEventListener("pause", paused);
    audio.addEventListener("error", failed);
    var started = audio.play();
    if (started && started.catch) started.catch(failed);
  });
}

boxes.forEach(function (box) {
  var p = parts(box);
  p.button.hidden = false;
  p.audio.controls = false;
  p.audio.addEventListener("play", function () { show(box, true); });
  p.audio.addEventListener("pause", function () { show(box, false); });
  p.audio.addEventListener("ended", function () { p.audio.currentTime = 0; show(box, false); });
  p.button.addEventListener("click", function (event) {
    event.stopPropagation();
    if (p.audio.paused) playPage(box);
    else p.audio.pause();
  });
  // A tap on the button is not a tap that turns the page (read mode listens on the stage).
  p.button.addEventListener("pointerup", function (event) { event.stopPropagation(); });
});
