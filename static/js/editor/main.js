/* The editor page: autosave first, then the page list; autosave then opens the words kept on
   this tablet (once it has the key) and puts them back over the page; the recorders then
   put back the recordings kept here. */

import { startAutosave } from "./autosave.js";
import { startHelplines } from "./helplines.js";
import { startLanguages } from "./languages.js";
import { removed, restore, show, startPages } from "./pages.js";
import { startRecorder } from "./recorder.js";

const root = document.getElementById("editor");
if (root) {
  const unlocked = startAutosave(root, { show, restore, removed });
  startPages(root);
  startHelplines();
  startLanguages();
  startRecorder(root, unlocked);
}
