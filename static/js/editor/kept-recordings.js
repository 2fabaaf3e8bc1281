/* Recordings kept on this tablet until the server has them, encrypted, in IndexedDB.

   A page read aloud with no connection is kept here, sealed with AES-GCM under the same key
   as the unsent words (store.js: only the signed-in account's session is given it). The
   sound and everything about it (which page, who reads it, which recording it replaces) are
   inside the sealed bytes; beside them sit only the account's id, the storyboard's id and
   when it was kept, so offline.js can delete another account's entry, or one older than 12
   hours, without opening it.

   The database exists only while something is kept: the last entry removed deletes it, and
   looking for entries never makes it. */

import { MAX_AGE_MS, openBytes, sealBytes } from "./store.js";

export const DB_NAME = "storyboard-recordings";
const STORE = "kept";

let queue = Promise.resolve();

/* Run `work` after every earlier operation of this page, so a deleted database never takes
   an entry written meanwhile. */
function serial(work) {
  const next = queue.then(work, work);
  queue = next.catch(() => {});
  return next;
}

/* The database, or null when it does not exist (and `create` is false) or cannot be used. */
function openDb(create) {
  return new Promise((resolve) => {
    if (!window.indexedDB) return resolve(null);
    let request;
    try {
      request = window.indexedDB.open(DB_NAME, 1);
    } catch (e) {
      return resolve(null);
    }
    request.onupgradeneeded = (event) => {
      if (!create) {
        event.target.transaction.abort(); // nothing kept: leave no database behind
        return;
      }
      request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onblocked = () => resolve(null);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error || new Error("storage"));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function deleteDb() {
  return new Promise((resolve) => {
    const request = window.indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/* Close the database; delete it if nothing is left in it. */
function closeOrDelete(db) {
  const tx = db.transaction(STORE, "readonly");
  return result(tx.objectStore(STORE).count()).then((count) => {
    db.close();
    return count ? null : deleteDb();
  });
}

/* The sealed form: the length of the JSON about the recording (4 bytes), that JSON, the sound. */
function pack(about, sound) {
  const head = new TextEncoder().encode(JSON.stringify(about));
  const out = new Uint8Array(4 + head.length + sound.byteLength);
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  out.set(new Uint8Array(sound), 4 + head.length);
  return out;
}

function unpack(plain) {
  const bytes = new Uint8Array(plain);
  const size = new DataView(bytes.buffer).getUint32(0);
  const about = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
  about.blob = new Blob([bytes.subarray(4 + size)], { type: about.type || "" });
  return about;
}

/* Keep a recording ({panel, speaker, replaces, type, ext, seconds, blob}) for `user` and the
   storyboard, replacing the entry `id` if given. Resolves with the entry's id, or null when
   it could not be kept (no key yet, no storage). */
export function keep(user, storyboard, recording, id) {
  const about = {
    panel: String(recording.panel), speaker: recording.speaker || "",
    replaces: recording.replaces || "", type: recording.type || "", ext: recording.ext || "webm",
    seconds: recording.seconds || 0,
  };
  return recording.blob.arrayBuffer()
    .then((sound) => sealBytes(pack(about, sound)))
    .then((sealed) => {
      if (!sealed) return null;
      return serial(() => openDb(true).then((db) => {
        if (!db) return null;
        const entry = { user: String(user), storyboard: String(storyboard), at: Date.now(),
          iv: sealed.iv, data: sealed.data };
        if (id !== undefined && id !== null) entry.id = id;
        const tx = db.transaction(STORE, "readwrite");
        const put = result(tx.objectStore(STORE).put(entry));
        return finished(tx).then(() => put).finally(() => db.close());
      }));
    })
    .catch(() => null);
}

/* The recordings kept for `user` on this storyboard, opened: [{id, panel, speaker, replaces,
   type, ext, seconds, blob}]. An entry the key cannot open is deleted (its session ended). */
export function kept(user, storyboard) {
  return serial(() => openDb(false).then((db) => {
    if (!db) return [];
    const tx = db.transaction(STORE, "readonly");
    return result(tx.objectStore(STORE).getAll()).finally(() => db.close());
  })).then((entries) => {
    const mine = entries.filter((e) => e.user === String(user) &&
      e.storyboard === String(storyboard) && Date.now() - e.at < MAX_AGE_MS);
    return Promise.all(mine.map((entry) => openBytes(entry.iv, entry.data).then((plain) => {
      const about = unpack(plain);
      about.id = entry.id;
      return about;
    }, () => drop(entry.id).then(() => null))));
  }).then((all) => all.filter(Boolean), () => []);
}

/* Delete one kept recording (sent, or replaced by a newer one). */
export function drop(id) {
  if (id === undefined || id === null) return Promise.resolve();
  return serial(() => openDb(false).then((db) => {
    if (!db) return null;
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).delete(id);
    return finished(tx).then(() => closeOrDelete(db), () => db.close());
  })).catch(() => {});
}

/* Delete kept recordings: all of them, or those of another account than `user` (when
   someone is signed in) or older than 12 hours; the rules offline.js applies to the words. */
export function forget(all, user) {
  return serial(() => {
    if (all) return deleteDb();
    return openDb(false).then((db) => {
      if (!db) return null;
      const tx = db.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      return result(store.getAll()).then((entries) => {
        entries.forEach((entry) => {
          const theirs = user && String(entry.user) !== String(user);
          const old = !(Date.now() - entry.at < MAX_AGE_MS);
          if (theirs || old) store.delete(entry.id);
        });
        return finished(tx);
      }).then(() => closeOrDelete(db), () => db.close());
    });
  }).catch(() => {});
}
