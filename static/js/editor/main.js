/* The editor page: autosave first, then the page list, then the words kept on this tablet are
   put back over the page (offline.js, loaded before this, has already corrected the panel
   versions of a kept copy of the page). */

import { restoreKept, startAutosave } from "./autosave.js";
import { removed, restore, show, startPages } from "./pages.js";

const root = document.getElementById("editor");
if (root) {
  startAutosave(root, { show, restore, removed });
  startPages(root);
  restoreKept();
}
