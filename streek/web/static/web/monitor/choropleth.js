/* Streek monitor: the choropleth map (Leaflet, loaded before this file).
 *
 * #monitor-map[data-config] names a json_script element with: geojson (a FeatureCollection of approximate
 * municipal cells, each with properties name, code, text, colour, url), label, tileUrl and attribution.
 * Every cell is filled with its class colour; hovering or focusing shows the figure, a click opens the dashboard.
 * The same figures are in the table on the page, for keyboard and screen-reader users.
 */
(function () {
  "use strict";

  function init() {
    var element = document.getElementById("monitor-map");
    if (!element || typeof L === "undefined") return;
    var source = document.getElementById(element.getAttribute("data-config"));
    if (!source) return;
    var config = JSON.parse(source.textContent);
    var map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 13 });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.attribution || "", maxZoom: 19, opacity: 0.5 }).addTo(map);
    }
    var layer = L.geoJSON(config.geojson, {
      style: function (feature) {
        return { color: "#ffffff", weight: 0.6, fillColor: feature.properties.colour || "#d9d9d9", fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, cell) {
        var p = feature.properties;
        var text = document.createElement("div");
        var name = document.createElement("strong");
        name.textContent = p.name + " (" + p.code + ")";
        text.appendChild(name);
        text.appendChild(document.createElement("br"));
        text.appendChild(document.createTextNode(config.label + ": " + p.text));
        cell.bindTooltip(text, { sticky: true });
        cell.on("click", function () {
          if (p.url) window.location.href = p.url;
        });
        cell.on("mouseover", function () { cell.setStyle({ weight: 2, color: "#222222" }); });
        cell.on("mouseout", function () { layer.resetStyle(cell); });
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [8, 8] });
    } else {
      map.setView([51.0, 4.9], 7);
    }
    element.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
