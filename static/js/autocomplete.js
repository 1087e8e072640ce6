// Title suggestions under every search box, as an accessible list box.
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
        var link = document.createElement("a");
        item.setAttribute("role", "option");
        item.id = list.id + "-" + index;
        link.href = result.url;
        link.textContent = result.title;
        link.lang = result.lang;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
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
        list.querySelectorAll("a")[active].click();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
})();
