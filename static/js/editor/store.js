/* Words kept on this tablet until the server has them, encrypted.

   The words not yet saved live in this page's memory; what is written to the tablet's storage
   (one localStorage entry per storyboard) is them encrypted with AES-GCM (WebCrypto) under a
   key only the signed-in account's session is given (/api/session). Beside the ciphertext sit
   only the account's id and when it was written, so offline.js can delete another account's
   entry, or one older than 12 hours, without reading it.

   The key is kept in this tab's sessionStorage while the session lasts (an offline reload of
   the editor can then still open the words) and dropped at sign-out, idle or the signed-out
   box; a closed tab forgets it. Without the key, new words stay in memory and the entry on
   the tablet is left as it is, until the key comes back (the same person signing in again). */

const KEY_SLOT = "storyboard:offline-key";
export const MAX_AGE_MS = 12 * 60 * 60 * 1000;

let cryptoKey = null;
let keyUser = "";

/* The localStorage key of a storyboard's kept words (offline.js reads it too). */
export function unsavedKey(storyboardId) {
  return "storyboard:" + storyboardId + ":unsaved";
}

export function isUnsavedKey(name) {
  return /^storyboard:\d+:unsaved$/.test(name);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes) {
  let text = "";
  new Uint8Array(bytes).forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text);
}

/* Take the key the server handed this account's session; resolves when it can be used. */
export function setKey(base64, user) {
  if (!window.crypto || !window.crypto.subtle || !base64) return Promise.resolve(false);
  return window.crypto.subtle.importKey("raw", fromBase64(base64), "AES-GCM", false,
    ["encrypt", "decrypt"]).then((key) => {
    cryptoKey = key;
    keyUser = String(user);
    try {
      window.sessionStorage.setItem(KEY_SLOT, JSON.stringify({ user: keyUser, key: base64 }));
    } catch (e) { /* No session storage: the key lasts as long as this page. */ }
    return true;
  }, () => false);
}

/* The key this tab kept for `user` (an offline reload), if any. */
export function keptKey(user) {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(KEY_SLOT) || "null");
    return kept && kept.user === String(user) ? kept.key : null;
  } catch (e) {
    return null;
  }
}

/* Forget the key: sign-out, idle, the signed-out box (offline.js calls this too). */
export function dropKey() {
  cryptoKey = null;
  keyUser = "";
  try { window.sessionStorage.removeItem(KEY_SLOT); } catch (e) { /* nothing kept */ }
}

/* Whether this tab holds the key of `user`'s session (recordings wait for it too). */
export function hasKey(user) {
  return !!cryptoKey && keyUser === String(user);
}

/* Seal bytes (a recording kept by kept-recordings.js) under the session's key: {iv, data},
   or null without the key. Never stored in plain form. */
export function sealBytes(plain) {
  if (!cryptoKey) return Promise.resolve(null);
  const iv = window.crypto.getRandomValues(new Uint8Array(12));
  return window.crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, cryptoKey, plain)
    .then((data) => ({ iv: iv, data: data }));
}

/* Open what sealBytes sealed; rejects if the key is missing or is not the one it was
   sealed under. */
export function openBytes(iv, data) {
  if (!cryptoKey) return Promise.reject(new Error("no key"));
  return window.crypto.subtle.decrypt({ name: "AES-GCM", iv: iv }, cryptoKey, data);
}

function readEntry(name) {
  try {
    return JSON.parse(window.localStorage.getItem(name) || "null");
  } catch (e) {
    return null;
  }
}

export class Store {
  constructor(storyboardId, user) {
    this.key = unsavedKey(storyboardId);
    this.user = String(user);
    this.memory = {};
    this.writing = Promise.resolve();
    /* An entry already on the tablet is opened (with the key) before anything overwrites it. */
    this.opened = readEntry(this.key) === null;
  }

  all() {
    return Object.assign({}, this.memory);
  }

  get(panelId) {
    return this.memory[panelId] || null;
  }

  put(panelId, entry) {
    this.memory[panelId] = entry;
    this.persist();
  }

  remove(panelId) {
    delete this.memory[panelId];
    this.persist();
  }

  count() {
    return Object.keys(this.memory).length;
  }

  /* Delete everything kept for this storyboard, here and on the tablet. */
  forget() {
    this.memory = {};
    this.opened = true;
    dropKey();
    this.writing = this.writing.then(() => window.localStorage.removeItem(this.key));
    return this.writing;
  }

  /* Open the entry kept on this tablet, if the key opens it, and take in its words (the
     words in memory win). Resolves with the panel ids taken in. An entry of another account,
     too old, or that the key cannot open is deleted. */
  open() {
    const entry = readEntry(this.key);
    if (!entry) return Promise.resolve([]);
    const stale = entry.user !== this.user || !(Date.now() - entry.at < MAX_AGE_MS);
    if (stale || !entry.iv || !entry.data) {
      window.localStorage.removeItem(this.key);
      this.opened = true;
      return Promise.resolve([]);
    }
    if (!cryptoKey || keyUser !== this.user) return Promise.resolve([]);
    return window.crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(entry.iv) }, cryptoKey,
      fromBase64(entry.data)).then((plain) => {
      const kept = JSON.parse(new TextDecoder().decode(plain)) || {};
      const taken = Object.keys(kept).filter((id) => !this.memory[id]);
      taken.forEach((id) => { this.memory[id] = kept[id]; });
      this.opened = true;
      this.persist();
      return taken;
    }, () => {
      /* Sealed under a key that no longer exists (the sessions were ended): unreadable. */
      window.localStorage.removeItem(this.key);
      this.opened = true;
      return [];
    });
  }

  /* Write the words in memory to the tablet, encrypted; never in plain text. */
  persist() {
    const words = this.all();
    this.writing = this.writing.then(() => {
      if (!Object.keys(words).length) {
        /* Nothing left to send. An entry not yet opened (no key) is left for its owner. */
        if (this.opened || !readEntry(this.key)) window.localStorage.removeItem(this.key);
        return null;
      }
      if (!cryptoKey || keyUser !== this.user) return null; // kept in memory until the key comes
      if (!this.opened && readEntry(this.key)) return null; // open the kept entry first
      const iv = window.crypto.getRandomValues(new Uint8Array(12));
      const plain = new TextEncoder().encode(JSON.stringify(words));
      return window.crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, cryptoKey, plain)
        .then((sealed) => {
          window.localStorage.setItem(this.key, JSON.stringify({
            user: this.user, at: Date.now(), iv: toBase64(iv), data: toBase64(sealed),
          }));
          this.opened = true;
        });
    }).catch(() => {
      /* Storage full or blocked: the words stay in this page's memory and in the boxes. */
    });
    return this.writing;
  }
}
