/* The picture tools' settings, from the server (templates/pictures/_scene_assets.html puts
   storyboard.pictures.picture_settings() in the page): the site root, the picker's search
   address, the background colours, the scene limits, the drawing pad's size and the OpenMoji credit. */

import { pageData } from "../lib/dom.js";

export const settings = Object.assign(
  { root: "", search_url: "", backgrounds: [], max_pictures: 0, max_label: 0, max_alt: 0, pad_size: [0, 0], openmoji_credit: "" },
  pageData("picture-settings"),
);
