/* Words kept on this tablet until the server has them: one localStorage entry per storyboard,
   holding for each panel the words not yet saved and the server version they were typed on.
   It is emptied panel by panel as saves succeed, so nothing stays once it is saved. */

/* The localStorage key of a storyboard's unsaved words (offline.js reads it too). */
export function unsavedKey(storyboardId) {
  return "storyboard:" + storyboardId + ":unsaved";
}

export class Store {
  constructor(storyboardId) {
    this.key = unsavedKey(storyboardId);
    this.memory = {};
  }

  all() {
    try {
      const raw = window.localStorage.getItem(this.key);
      return raw ? JSON.parse(raw) || {} : Object.assign({}, this.memory);
    } catch (e) {
      return Object.assign({}, this.memory);
    }
  }

  get(panelId) {
    return this.all()[panelId] || null;
  }

  put(panelId, entry) {
    const all = this.all();
    all[panelId] = entry;
    this.write(all);
  }

  remove(panelId) {
    const all = this.all();
    delete all[panelId];
    this.write(all);
  }

  count() {
    return Object.keys(this.all()).length;
  }

  write(all) {
    this.memory = all;
    try {
      if (Object.keys(all).length) window.localStorage.setItem(this.key, JSON.stringify(all));
      else window.localStorage.removeItem(this.key);
    } catch (e) {
      /* Storage full or blocked: the words stay in this page's memory and in the boxes. */
    }
  }
}
