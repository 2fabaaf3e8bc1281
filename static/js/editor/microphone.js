/* The tablet's microphone for the recorder (recorder.js): what this browser can record, one
   recording at a time with MediaRecorder, its length as it goes and the sound level (Web
   Audio's AnalyserNode) for the meter. Nothing here talks to the server. */

/* What to ask MediaRecorder for, best first, and the file name each is sent with: Opus in
   WebM (Chromium, Firefox), AAC in MP4 (Safari), Opus in Ogg. The server reads the content,
   not the name, but a true name helps anyone looking at a request. */
const TYPES = [
  ["audio/webm;codecs=opus", "webm"],
  ["audio/webm", "webm"],
  ["audio/mp4", "m4a"],
  ["audio/ogg;codecs=opus", "ogg"],
  ["audio/ogg", "ogg"],
];
const BITS_PER_SECOND = 64000; // clear speech, small enough to keep on the tablet offline

const CANNOT = {
  insecure: "Recording needs the secure address of this site (starting https://). Open the editor from that address to record.",
  none: "This browser cannot use a microphone. Use an up-to-date Chrome, Edge, Firefox or Safari to record.",
  recorder: "This browser cannot record sound. Use an up-to-date Chrome, Edge, Firefox or Safari to record.",
  refused: "The tablet did not let this page use the microphone. To allow it, tap the lock or the settings sign beside the web address, set Microphone to Allow, then tap Record again.",
  absent: "No microphone was found. Check that the tablet has one switched on (or plug one in), then tap Record again.",
  busy: "The microphone is being used by another app. Close that app, then tap Record again.",
  failed: "The recording could not start. Please tap Record again.",
};

/* What to tell the person when recording cannot start: `why` is unsupported()'s answer or
   the browser's error. */
export function cannotRecord(why) {
  if (typeof why === "string") return CANNOT[why] || CANNOT.failed;
  const name = why && why.name;
  if (name === "NotAllowedError" || name === "SecurityError") return CANNOT.refused;
  if (name === "NotFoundError" || name === "OverconstrainedError") return CANNOT.absent;
  if (name === "NotReadableError" || name === "AbortError") return CANNOT.busy;
  return CANNOT.failed;
}

/* Why this browser cannot record, or null when it can: "insecure" (not https), "none" (no
   microphone access at all), "recorder" (no MediaRecorder). */
export function unsupported() {
  if (window.isSecureContext === false) return "insecure";
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return "none";
  if (typeof window.MediaRecorder !== "function") return "recorder";
  return null;
}

function chosenType() {
  const can = window.MediaRecorder.isTypeSupported;
  const found = TYPES.find((t) => typeof can === "function" && can(t[0]));
  return found || ["", "webm"];
}

/* The file extension for what a recorder actually made. */
function extension(mime, fallback) {
  if (/mp4|aac|m4a/.test(mime)) return "m4a";
  if (/ogg/.test(mime)) return "ogg";
  if (/webm/.test(mime)) return "webm";
  return fallback;
}

/* A sound level from 0 to 1 for a frame of samples: decibels from -60 (quiet) to 0. */
function level(samples) {
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / samples.length);
  const db = rms > 0 ? 20 * Math.log10(rms) : -100;
  return Math.max(0, Math.min(1, (db + 60) / 60));
}

/* Start recording. `on.level(0..1)` about 60 times a second, `on.tick(seconds)` four times a
   second, `on.limit()` when `maxSeconds` is reached (the recording then stops by itself).
   Resolves, once recording has begun, with {stop(), stopped}: `stopped` (also what stop()
   returns) gives {blob, type, ext, seconds, limited}. Rejects with the browser's error
   (NotAllowedError...). */
export function startRecording(maxSeconds, on) {
  return navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
    const [mime, ext] = chosenType();
    const options = { audioBitsPerSecond: BITS_PER_SECOND };
    if (mime) options.mimeType = mime;
    let recorder;
    try {
      recorder = new window.MediaRecorder(stream, options);
    } catch (e) {
      stream.getTracks().forEach((t) => t.stop());
      throw e;
    }
    const chunks = [];
    let began = 0;
    let limited = false;
    let clock = null;
    let frame = null;
    let audio = null;

    function meter() {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      try {
        audio = new Context();
        const analyser = audio.createAnalyser();
        analyser.fftSize = 1024;
        audio.createMediaStreamSource(stream).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        let shown = 0;
        const draw = () => {
          analyser.getFloatTimeDomainData(samples);
          shown = Math.max(level(samples), shown * 0.85); // falls back gently
          on.level(shown);
          frame = window.requestAnimationFrame(draw);
        };
        if (audio.state === "suspended") audio.resume();
        draw();
      } catch (e) { /* No meter on this browser; recording still works. */ }
    }

    function release() {
      window.clearInterval(clock);
      if (frame) window.cancelAnimationFrame(frame);
      stream.getTracks().forEach((t) => t.stop()); // the tablet's "microphone on" sign goes
      if (audio) audio.close().catch(() => {});
      on.level(0);
    }

    const stopped = new Promise((resolve, reject) => {
      recorder.ondataavailable = (event) => {
        if (event.data && event.data.size) chunks.push(event.data);
      };
      recorder.onstop = () => {
        const seconds = (performance.now() - began) / 1000;
        release();
        const type = recorder.mimeType || mime || "audio/webm";
        resolve({ blob: new Blob(chunks, { type: type }), type: type,
          ext: extension(type, ext), seconds: seconds, limited: limited });
      };
      recorder.onerror = (event) => {
        release();
        reject(event.error || new Error("recording failed"));
      };
    });

    function stop() {
      if (recorder.state !== "inactive") recorder.stop();
      return stopped;
    }

    return new Promise((resolve, reject) => {
      recorder.onstart = () => {
        began = performance.now();
        meter();
        clock = window.setInterval(() => {
          const seconds = (performance.now() - began) / 1000;
          on.tick(seconds);
          if (seconds >= maxSeconds && !limited) {
            limited = true;
            on.limit();
            stop();
          }
        }, 250);
        resolve({ stop: stop, stopped: stopped });
      };
      try {
        recorder.start(1000); // a piece every second, so a long recording is never one buffer
      } catch (e) {
        release();
        reject(e);
      }
    });
  });
}

/* "1:05" for 65 seconds. */
export function clockText(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
}
