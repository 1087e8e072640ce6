// A followed result is counted through its ping (<a ping>). Firefox sends no
// pings unless its users turn them on, so where JavaScript runs the click is
// sent as a beacon instead, and the ping is dropped so that no browser counts
// a click twice. Without JavaScript the ping remains.
(function () {
  "use strict";
  if (!navigator.sendBeacon) return;
  document.querySelectorAll("a[ping]").forEach(function (link) {
    var target = link.getAttribute("ping");
    link.removeAttribute("ping");
    function followed(event) {
      // The main button (a tap, Enter) or the middle one (a new tab).
      if (event.type === "click" || event.button === 1) navigator.sendBeacon(target);
    }
    link.addEventListener("click", followed);
    link.addEventListener("auxclick", followed);
  });
})();
