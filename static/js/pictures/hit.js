/* Which picture a finger is on: the topmost whose painted shape (not its box) is under the
   point. Illustrations, emoji and drawings are mostly transparent around the figure, so a tap
   there goes to the picture behind, or to the empty stage. Each picture is drawn once into a
   small offscreen canvas, kept per address and size, and its alpha read back (these files are
   ours, same-origin, so the canvas can be read). Photos and missing pictures fill their box. */

var REACH = 6;  // px: a finger just off a thin line still takes it, when nothing is hit exactly
var KEEP = 40;  // alpha maps kept; the oldest goes first
var alphas = new Map();

/* The alpha of `img` drawn at w x h, or null if it cannot be read (not loaded yet). */
function alphaMap(img, w, h) {
  var key = img.currentSrc + " " + w + "x" + h;
  if (alphas.has(key)) return alphas.get(key);
  var map = null;
  // An SVG with only a viewBox (OpenMoji) has no natural size, but draws at any size.
  if (img.complete && (img.naturalWidth > 0 || /\.svg$/.test(img.currentSrc.split("?")[0]))) {
    try {
      var canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(img, 0, 0, w, h);
      var rgba = context.getImageData(0, 0, w, h).data;
      map = new Uint8Array(w * h);
      for (var i = 0; i < map.length; i += 1) map[i] = rgba[i * 4 + 3];
    } catch (e) {
      map = null; // a canvas we may not read: the whole box counts
    }
  }
  if (map === null) return null; // try again once the picture has loaded
  if (alphas.size >= KEEP) alphas.delete(alphas.keys().next().value);
  alphas.set(key, map);
  return map;
}

function within(box, x, y, reach) {
  var r = reach || 0;
  return box.width > 0 && x >= box.left - r && x < box.right + r && y >= box.top - r && y < box.bottom + r;
}

/* Is the picture in `item` painted within `reach` px of the page point (x, y)? */
function painted(item, solid, x, y, reach) {
  var box = item.getBoundingClientRect();
  if (!within(box, x, y, reach)) return false;
  var img = item.querySelector("img");
  var w = Math.max(1, Math.round(box.width));
  var h = Math.max(1, Math.round(box.height));
  var map = solid || !img || item.classList.contains("is-missing") ? null : alphaMap(img, w, h);
  if (!map) return within(box, x, y); // the whole box counts, and only the box
  var flipped = item.classList.contains("is-flipped");
  for (var dy = -reach; dy <= reach; dy += 2) {
    for (var dx = -reach; dx <= reach; dx += 2) {
      if (dx * dx + dy * dy > reach * reach) continue;
      var px = Math.floor((x + dx - box.left) * w / box.width);
      var py = Math.floor((y + dy - box.top) * h / box.height);
      if (px < 0 || py < 0 || px >= w || py >= h) continue;
      if (flipped) px = w - 1 - px; // the image is mirrored on the stage, not in its file
      if (map[py * w + px] > 0) return true;
    }
  }
  return false;
}

/* The corner of a shown resize handle of `item` under (x, y), or null. */
function handleAt(item, x, y) {
  var handles = item.querySelectorAll(".scene-handle");
  for (var i = 0; i < handles.length; i += 1) {
    if (within(handles[i].getBoundingClientRect(), x, y)) return handles[i].getAttribute("data-corner");
  }
  return null;
}

/* The picture under the page point (x, y): {index, corner} (corner: a resize handle, or null),
   or null on the empty stage. `items` are in drawing order; `isSolid(index)` says a picture
   fills its whole box (a photo). */
export function pictureAt(items, isSolid, x, y) {
  var index;
  // The chosen picture's handles are drawn above every picture (see pictures.css).
  for (index = items.length - 1; index >= 0; index -= 1) {
    var corner = handleAt(items[index], x, y);
    if (corner) return { index: index, corner: corner };
  }
  var reaches = [0, REACH];
  for (var pass = 0; pass < reaches.length; pass += 1) {
    for (index = items.length - 1; index >= 0; index -= 1) {
      if (painted(items[index], isSolid(index), x, y, reaches[pass])) return { index: index, corner: null };
    }
  }
  return null;
}
