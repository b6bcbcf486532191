// Filters within reach, on top of plain links and a <details> that work without it:
// - on a wide screen the filters' <details> is open (CSS shows it open anyway where it can);
// - after a facet value is toggled, the page opens at #f-<facet>-<value> and focus returns
//   to that value's link, so a keyboard user carries on where they were;
// - a long facet gets a box that narrows its list to the values whose names hold the words.
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 56rem)");
  var boxes = document.querySelectorAll(".facets-box");

  function openOnWideScreens() {
    if (!wide.matches) return;
    boxes.forEach(function (box) { box.open = true; });
  }

  function returnFocus() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("f-") !== 0) return;
    var target = document.getElementById(id);
    if (!target) return;
    var box = target.closest("details");
    if (box) box.open = true;
    target.focus();
  }

  function addFilterBox(section, index) {
    var list = section.querySelector(".facet-values");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var id = "facet-filter-" + index;
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = id;
    label.textContent = "Narrow the list of " + section.getAttribute("data-filterable") + " values";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "facet-filter";
    input.placeholder = "Type to narrow…";
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "facet-filter-status";
    status.setAttribute("role", "status");
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var name = (item.querySelector(".facet-label") || item).textContent.toLowerCase();
        var match = !words || name.indexOf(words) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words ? shown + " of " + items.length + " shown" : "";
    });
    list.parentNode.insertBefore(label, list);
    list.parentNode.insertBefore(input, list);
    list.parentNode.insertBefore(status, list);
  }

  openOnWideScreens();
  if (wide.addEventListener) wide.addEventListener("change", openOnWideScreens);
  document.querySelectorAll("[data-filterable]").forEach(addFilterBox);
  returnFocus();
})();
