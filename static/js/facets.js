// On narrow screens the search filters start folded, so that the results come
// first; the panel stays open on wide screens and without JavaScript.
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 56rem)").matches) return;
  document.querySelectorAll("details.facets__panel").forEach(function (panel) {
    panel.open = false;
  });
})();
