/* Words kept on this tablet until the server has them: one localStorage entry per storyboard,
   holding for each panel the words not yet saved and the server version they were typed on.
   It is emptied panel by panel as saves succeed, so nothing stays once it is saved. */
(function () {
  "use strict";

  function Store(storyboardId) {
    this.key = "storyboard:" + storyboardId + ":unsaved";
    this.memory = {};
  }

  Store.prototype.all = function () {
    try {
      var raw = window.localStorage.getItem(this.key);
      return raw ? JSON.parse(raw) || {} : Object.assign({}, this.memory);
    } catch (e) {
      return Object.assign({}, this.memory);
    }
  };

  Store.prototype.get = function (panelId) {
    return this.all()[panelId] || null;
  };

  Store.prototype.put = function (panelId, entry) {
    var all = this.all();
    all[panelId] = entry;
    this.write(all);
  };

  Store.prototype.remove = function (panelId) {
    var all = this.all();
    delete all[panelId];
    this.write(all);
  };

  Store.prototype.count = function () {
    return Object.keys(this.all()).length;
  };

  Store.prototype.write = function (all) {
    this.memory = all;
    try {
      if (Object.keys(all).length) window.localStorage.setItem(this.key, JSON.stringify(all));
      else window.localStorage.removeItem(this.key);
    } catch (e) {
      /* Storage full or blocked: the words stay in this page's memory and in the boxes. */
    }
  };

  window.EditorStore = Store;
})();
