// Title suggestions under every search box, as an accessible list box
// (the ARIA combobox pattern: focus stays in the box, the options are not links).
(function () {
  "use strict";
  var DELAY = 150;

  function setUp(input) {
    var url = input.getAttribute("data-autocomplete");
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    list.id = input.id + "-suggestions";
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var label = document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      label.id = label.id || input.id + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }
    input.parentNode.appendChild(list);

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(results) {
      list.innerHTML = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.id = list.id + "-" + index;
        item.textContent = result.title;
        item.lang = result.lang;
        item.dataset.url = result.url;
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }

    // Only the portal's own pages: the addresses come from its API.
    function go(item) {
      var url = item.dataset.url || "";
      if (url.charAt(0) === "/" && url.charAt(1) !== "/") window.location.assign(url);
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var lang = document.documentElement.lang || "sv";
        fetch(url + "?q=" + encodeURIComponent(q) + "&lang=" + encodeURIComponent(lang), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (input.value.trim() === q) show(data.results || []); })
          .catch(close);
      }, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        go(list.querySelectorAll("li")[active]);
      }
    });
    // mousedown, not click: it comes before the box's blur closes the list.
    list.addEventListener("mousedown", function (event) {
      var item = event.target.closest("li[data-url]");
      if (!item) return;
      event.preventDefault();
      go(item);
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
})();
