/* Streek maps (Leaflet + Leaflet.markercluster, loaded before this file).
 *
 * Every element with data-streek-map gets a map; data-config names a json_script element with its settings.
 *  - data-streek-map="find": markers come from the map data URL for the current viewport and filters
 *    (the filter form named in config.form, plus fixed config.params); single points are clustered in the
 *    browser, server clusters are drawn as round markers with their count that zoom in on click.
 *  - data-streek-map="points": fixed markers from config.points (a sales point, an organisation, events),
 *    and optional lines from config.lines (a cycle route, delivery rounds).
 * Texts come translated from the server (config.i18n), with %(count)s replaced here.
 */
(function () {
  "use strict";

  function readConfig(element) {
    var source = document.getElementById(element.getAttribute("data-config"));
    return source ? JSON.parse(source.textContent) : {};
  }

  function format(text, count) {
    return String(text || "").replace("%(count)s", String(count));
  }

  function createMap(element, config) {
    // markercluster needs a maxZoom on the map, also when there is no tile layer (as in tests).
    var map = L.map(element, { scrollWheelZoom: !config.noScrollZoom, minZoom: 3, maxZoom: 19 });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.attribution || "", maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  function popupContent(point, newTab) {
    var wrapper = document.createElement("div");
    var title = document.createElement("strong");
    var link = document.createElement(point.url ? "a" : "span");
    if (point.url) link.href = point.url;
    link.textContent = point.name;
    if (newTab) {
      link.target = "_blank";
      link.rel = "noopener";
    }
    title.appendChild(link);
    wrapper.appendChild(title);
    var label = point.type_label || point.label;
    if (label) {
      var line = document.createElement("div");
      line.textContent = label;
      wrapper.appendChild(line);
    }
    return wrapper;
  }

  function pointMarker(point, newTab) {
    var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name, keyboard: true });
    marker.bindPopup(popupContent(point, newTab));
    return marker;
  }

  function fitTo(map, bounds, center) {
    if (bounds && bounds.south !== undefined) {
      map.fitBounds(
        [
          [bounds.south, bounds.west],
          [bounds.north, bounds.east],
        ],
        { padding: [24, 24], maxZoom: 15 }
      );
    } else {
      map.setView([center.lat, center.lon], center.zoom);
    }
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  function viewportBox(map) {
    var b = map.getBounds();
    return [
      clamp(b.getWest(), -180, 180).toFixed(5),
      clamp(b.getSouth(), -90, 90).toFixed(5),
      clamp(b.getEast(), -180, 180).toFixed(5),
      clamp(b.getNorth(), -90, 90).toFixed(5),
    ].join(",");
  }

  function formParams(form, fixed) {
    var params = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, key) {
        if (value !== "" && key !== "csrfmiddlewaretoken" && key !== "page") {
          params.append(key, value);
        }
      });
    }
    Object.keys(fixed || {}).forEach(function (key) {
      params.set(key, fixed[key]);
    });
    return params;
  }

  function clusterSize(count) {
    if (count < 100) return 36;
    if (count < 1000) return 44;
    return 54;
  }

  function initFindMap(element) {
    var config = readConfig(element);
    var i18n = config.i18n || {};
    var map = createMap(element, config);
    var form = config.form ? document.getElementById(config.form) : null;
    var status = config.status ? document.getElementById(config.status) : null;
    var singles = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    var serverClusters = L.layerGroup();
    var nearLayer = L.layerGroup();
    map.addLayer(nearLayer);
    map.addLayer(singles);
    map.addLayer(serverClusters);
    var controller = null;
    var timer = null;

    function say(text) {
      if (status) status.textContent = text;
    }

    function drawNear(near) {
      nearLayer.clearLayers();
      if (near && near.radius_km) {
        L.circle([near.lat, near.lon], {
          radius: near.radius_km * 1000,
          interactive: false,
          weight: 2,
          color: "#1f5f3a",
          fillOpacity: 0.04,
        }).addTo(nearLayer);
      }
    }

    function render(data) {
      singles.clearLayers();
      serverClusters.clearLayers();
      singles.addLayers(
        (data.points || []).map(function (point) {
          return pointMarker(point, config.newTab);
        })
      );
      (data.clusters || []).forEach(function (cluster) {
        var size = clusterSize(cluster.count);
        var label = format(i18n.cluster, cluster.count);
        var marker = L.marker([cluster.lat, cluster.lon], {
          icon: L.divIcon({
            html: "<span>" + Number(cluster.count) + "</span>",
            className: "server-cluster",
            iconSize: [size, size],
          }),
          title: label,
          alt: label,
          keyboard: true,
        });
        marker.on("click", function () {
          map.setView([cluster.lat, cluster.lon], Math.min(map.getZoom() + 2, 18));
        });
        serverClusters.addLayer(marker);
      });
      say(format(i18n.total, data.total));
      element.setAttribute("data-loaded", String(data.total));
    }

    function load() {
      if (controller) controller.abort();
      controller = new AbortController();
      var params = formParams(form, config.params);
      params.set("bbox", viewportBox(map));
      params.set("zoom", String(map.getZoom()));
      say(i18n.loading || "");
      fetch(config.dataUrl + "?" + params.toString(), {
        signal: controller.signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(render)
        .catch(function (error) {
          if (error.name !== "AbortError") say(i18n.error || "");
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 300);
    }

    map.on("moveend", schedule);
    if (form) {
      // The list is reloaded by htmx; the map follows the results (fit to them) once they are in.
      document.body.addEventListener("htmx:afterSwap", function (event) {
        if (!event.detail || !event.detail.target || event.detail.target.id !== config.results) return;
        var meta = document.getElementById("results-meta");
        var info = meta ? JSON.parse(meta.textContent) : null;
        drawNear(info && info.near);
        if (info && info.bounds) fitTo(map, info.bounds, config.center);
        schedule();
      });
    }
    drawNear(config.near);
    fitTo(map, config.bounds, config.center);
    schedule();
  }

  function initPointsMap(element) {
    var config = readConfig(element);
    var map = createMap(element, config);
    var markers = (config.points || []).map(function (point) {
      return pointMarker(point, config.newTab);
    });
    var layer = config.cluster && markers.length > 1 ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
    markers.forEach(function (marker) {
      layer.addLayer(marker);
    });
    // Routes: config.lines = [{coords: [[lat, lon], ...], color: "#hex"}], drawn under the markers.
    (config.lines || []).forEach(function (line) {
      layer.addLayer(L.polyline(line.coords, { color: line.color || "#1b5e20", weight: 4, opacity: 0.85 }));
    });
    map.addLayer(layer);
    if (markers.length === 1 && !(config.lines || []).length) {
      map.setView(markers[0].getLatLng(), config.zoom || 15);
    } else if (markers.length > 1) {
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView([config.center.lat, config.center.lon], config.center.zoom);
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
    if (typeof L === "undefined") return;
    var elements = document.querySelectorAll("[data-streek-map]");
    Array.prototype.forEach.call(elements, function (element) {
      if (element.getAttribute("data-streek-map") === "find") {
        initFindMap(element);
      } else {
        initPointsMap(element);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
