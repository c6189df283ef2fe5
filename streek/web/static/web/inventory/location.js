/* Position of a sales point: a draggable marker fills the hidden lat/lon inputs (exact position);
   "Locate from address" asks the offline geocoder for the point of the postal code (approximate). */
(function () {
  "use strict";
  var box = document.getElementById("location-map");
  if (!box || typeof L === "undefined") { return; }
  var form = box.closest("form");
  function field(name) { return form.querySelector('[name="' + name + '"]'); }
  var lat = field("lat"), lon = field("lon"), exact = field("position_exact");
  var status = document.getElementById("location-status");
  var texts = JSON.parse(document.getElementById("location-texts").textContent);

  var start = [parseFloat(lat.value), parseFloat(lon.value)];
  var known = !isNaN(start[0]) && !isNaN(start[1]);
  if (!known) { start = [parseFloat(box.dataset.lat) || 50.85, parseFloat(box.dataset.lon) || 4.35]; }

  var map = L.map(box, { scrollWheelZoom: false }).setView(start, known ? 16 : 9);
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var marker = L.marker(start, { draggable: true, autoPan: true, keyboard: true, title: texts.marker }).addTo(map);

  function show(message) { if (status) { status.textContent = message; } }
  function describe() {
    var where = parseFloat(lat.value).toFixed(5) + ", " + parseFloat(lon.value).toFixed(5);
    show((exact.value === "1" ? texts.exact : texts.approximate).replace("%(position)s", where));
  }
  function place(latlng, isExact) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    exact.value = isExact ? "1" : "0";
    describe();
  }

  marker.on("dragend", function () { place(marker.getLatLng(), true); });
  map.on("click", function (event) { marker.setLatLng(event.latlng); place(event.latlng, true); });
  if (known) { describe(); } else { show(texts.none); }

  var button = document.getElementById("locate-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var params = new URLSearchParams({
        postal_code: (field("postal_code") || {}).value || "",
        locality: (field("locality") || {}).value || "",
        country: (field("country") || {}).value || "BE"
      });
      show(texts.searching);
      fetch(button.dataset.url + "?" + params.toString(), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
        .then(function (result) {
          if (!result.ok) { show(result.body.error || texts.unknown); return; }
          var latlng = L.latLng(result.body.lat, result.body.lon);
          marker.setLatLng(latlng);
          map.setView(latlng, 14);
          place(latlng, false);
          var municipality = field("municipality");
          if (municipality && municipality.querySelector('option[value="' + result.body.municipality.id + '"]')) {
            municipality.value = String(result.body.municipality.id);
          }
        })
        .catch(function () { show(texts.unknown); });
    });
  }
})();
