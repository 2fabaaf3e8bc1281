/* The language switcher of a family page (templates/_language.html). It works as a plain
   form; here, what the person has typed in the page's boxes ([data-keep]) goes along with it,
   so the page comes back in the new language with their words still in the boxes, unsent. */

document.querySelectorAll("[data-language-form]").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("[data-kept]").forEach(function (old) { old.remove(); });
    document.querySelectorAll("[data-keep]").forEach(function (box) {
      if (!box.value || !box.value.trim()) return;
      var kept = document.createElement("input");
      kept.type = "hidden";
      kept.name = "keep-" + box.getAttribute("data-keep");
      kept.value = box.value;
      kept.setAttribute("data-kept", "");
      form.appendChild(kept);
    });
  });
});
