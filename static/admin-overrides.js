/* Names for the admin's autocomplete boxes (Select2), which screen readers otherwise announce
   without a name: Select2 hides the labelled <select> and names its own box only by the
   option chosen, which is nothing while none is. Each box, the text showing the choice, and
   the typing field of a many-choice box are named by the <select>'s own label (the box then
   by the choice too). Run after Django's autocomplete.js has built the boxes (its jQuery
   ready handler, registered before this deferred script runs), and for each inline row added. */
"use strict";
{
  const labelSelect2 = (root) => {
    for (const select of root.querySelectorAll("select.admin-autocomplete")) {
      const label = select.labels && select.labels[0];
      const box = select.nextElementSibling;
      if (!label || !box || !box.classList.contains("select2")) continue;
      label.id = label.id || `${select.id}-label`;
      const chosen = box.querySelector(".select2-selection__rendered");
      const selection = box.querySelector(".select2-selection");
      if (selection) {
        const names = [label.id, chosen && chosen.id].filter(Boolean);
        selection.setAttribute("aria-labelledby", names.join(" "));
      }
      for (const part of box.querySelectorAll(
        ".select2-selection__rendered[role=textbox], .select2-search__field"
      )) {
        part.setAttribute("aria-labelledby", label.id);
      }
    }
  };
  const whenBuilt = window.django && window.django.jQuery;
  if (whenBuilt) whenBuilt(() => labelSelect2(document));
  else window.addEventListener("load", () => labelSelect2(document));
  document.addEventListener("formset:added", (event) => labelSelect2(event.target));
}
