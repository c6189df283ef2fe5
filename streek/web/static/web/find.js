/* The filter form of the map and the list: after htmx has loaded new results, tell screen reader users how many
 * there are, mark the fields that have an error, and keep the "map" / "list" links on the same filters.
 * Without JavaScript the form is a plain GET form and none of this is needed.
 */
(function () {
  "use strict";

  var FIELDS = ["q", "near", "radius_km", "type", "category", "label", "area", "open_now", "open_on"];

  function markInvalidFields(form) {
    FIELDS.forEach(function (name) {
      var slot = document.getElementById("find-" + name + "-error");
      var invalid = Boolean(slot && slot.textContent.trim());
      Array.prototype.forEach.call(form.querySelectorAll('[name="' + name + '"]'), function (input) {
        if (invalid) {
          input.setAttribute("aria-invalid", "true");
        } else {
          input.removeAttribute("aria-invalid");
        }
      });
    });
  }

  function announceCount() {
    var heading = document.getElementById("results-heading");
    var live = document.getElementById("results-status");
    if (heading && live) live.textContent = heading.textContent.trim();
  }

  function updateLinks(search) {
    Array.prototype.forEach.call(document.querySelectorAll(".map-links a[data-keep-filters]"), function (link) {
      link.href = link.getAttribute("data-keep-filters") + search;
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "results") return;
    var form = document.getElementById("find-form");
    if (form) markInvalidFields(form);
    announceCount();
  });

  document.addEventListener("htmx:pushedIntoHistory", function () {
    updateLinks(window.location.search);
  });
})();
