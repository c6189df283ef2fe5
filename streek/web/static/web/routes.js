/* Streek route maps (Leaflet, loaded before this file).
 *
 * Every element with data-streek-routes gets a map; data-config names a json_script element with
 * config.routes (each: colour, name, line [[lat, lon], ...] from the depot and back, stops with their sequence),
 * config.depots and config.unplanned (grey markers). Texts come translated from the server (config.i18n).
 */
(function () {
  "use strict";

  function readConfig(element) {
    var source = document.getElementById(element.getAttribute("data-config"));
    return source ? JSON.parse(source.textContent) : {};
  }

  function popup(title, text) {
    var wrapper = document.createElement("div");
    var strong = document.createElement("strong");
    strong.textContent = title;
    wrapper.appendChild(strong);
    if (text) {
      var line = document.createElement("div");
      line.textContent = text;
      wrapper.appendChild(line);
    }
    return wrapper;
  }

  function numberIcon(sequence, colour) {
    var span = document.createElement("span");
    span.className = "route-stop-number";
    span.style.background = colour;
    span.textContent = String(sequence);
    return L.divIcon({ html: span.outerHTML, className: "route-stop", iconSize: [24, 24], iconAnchor: [12, 12] });
  }

  function init(element) {
    var config = readConfig(element);
    var i18n = config.i18n || {};
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.attribution || "", maxZoom: 19 }).addTo(map);
    }
    var layer = L.featureGroup().addTo(map);
    (config.routes || []).forEach(function (route) {
      if (route.line && route.line.length > 1) {
        L.polyline(route.line, { color: route.colour, weight: 4, opacity: 0.85 }).bindTooltip(route.name).addTo(layer);
      }
      (route.stops || []).forEach(function (stop) {
        L.marker([stop.lat, stop.lon], {
          icon: numberIcon(stop.sequence, route.colour),
          title: stop.sequence + ". " + stop.name,
          alt: stop.name,
          keyboard: true,
        })
          .bindPopup(popup(stop.sequence + ". " + stop.name, route.name + " · " + (stop.label || "")))
          .addTo(layer);
      });
    });
    (config.depots || []).forEach(function (depot) {
      L.marker([depot.lat, depot.lon], { title: depot.name, alt: depot.name, keyboard: true })
        .bindPopup(popup(depot.name, i18n.depot || ""))
        .addTo(layer);
    });
    (config.unplanned || []).forEach(function (stop) {
      L.circleMarker([stop.lat, stop.lon], { radius: 7, color: "#555", fillColor: "#fff", fillOpacity: 1, weight: 2 })
        .bindPopup(popup(stop.name, i18n.unplanned || ""))
        .addTo(layer);
    });
    if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
    } else if (config.center) {
      map.setView([config.center.lat, config.center.lon], config.center.zoom);
    }
    element.setAttribute("data-loaded", String((config.routes || []).length));
    // A map inside a closed <details> has no size until it opens.
    var details = element.closest("details");
    if (details) {
      details.addEventListener("toggle", function () {
        map.invalidateSize();
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
      });
    }
  }

  function start() {
    if (typeof L === "undefined") return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-streek-routes]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
