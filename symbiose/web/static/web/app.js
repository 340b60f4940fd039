/* Small behaviours: fill a field from a suggestion, draw maps, show the visibility preview. */
(function () {
  "use strict";
  // The capture grid: a new organisation's name shows in the grid's organisation choices.
  document.addEventListener("input", function (ev) {
    var key = ev.target.getAttribute && ev.target.getAttribute("data-new-org-name");
    if (!key) return;
    var name = ev.target.value.trim();
    document.querySelectorAll('option[value="' + key + '"]').forEach(function (o) {
      if (!o.hasAttribute("data-blank")) o.setAttribute("data-blank", o.textContent);
      o.textContent = name ? (o.closest("form").getAttribute("data-new-label") || "") + name
        : o.getAttribute("data-blank");
    });
  });
  // Our file picker (inputs.LocalisedFileInput): the chosen file's name beside the button.
  document.addEventListener("change", function (ev) {
    if (!ev.target.matches || !ev.target.matches(".file-pick .file-input")) return;
    var label = ev.target.parentNode.querySelector("[data-file-name]");
    var names = Array.prototype.map.call(ev.target.files || [], function (f) { return f.name; });
    if (label) label.textContent = names.length ? names.join(", ") : label.getAttribute("data-empty");
  });
  // The phone menu: the button shows (CSS keeps it hidden on wide screens) and opens the links.
  var toggle = document.querySelector(".menu-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-fill]");
    if (!b) return;
    ev.preventDefault();
    var input = document.getElementById(b.getAttribute("data-target"));
    if (input) { input.value = b.getAttribute("data-fill"); input.focus(); input.dispatchEvent(new Event("change")); }
    var note = document.getElementById(b.getAttribute("data-target") + "_chosen");
    if (note) note.textContent = b.textContent.trim();
  });

  // Offline basemap: Norway's outline, approximate county and municipality outlines (basemap/README.md).
  // Labels come from the template (data-label-*); online tiles are optional in the layer control.
  var ATTRIBUTION = "Kartverket (CC BY 4.0), Natural Earth";

  // Text for a tooltip or pop-up as a DOM node: Leaflet puts a string content in with
  // innerHTML, so a title typed by a user must never reach it as a string (stored XSS).
  function textNode(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span;
  }

  function ringHas(r, x, y) {
    var inside = false;
    for (var i = 0, j = r.length - 1; i < r.length; j = i++) {
      var xi = r[i][0], yi = r[i][1], xj = r[j][0], yj = r[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  function indexed(g) {
    g.features.forEach(function (f) {
      var b = [180, 90, -180, -90];
      f.geometry.coordinates.forEach(function (poly) { poly[0].forEach(function (p) {
        b = [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])];
      }); });
      f.bbox = b;
    });
    return g.features;
  }
  // The municipality whose (approximate) outline contains the point, else the one with the nearest point.
  function municipalityAt(features, lat, lon) {
    for (var k = 0; k < features.length; k++) {
      var f = features[k], b = f.bbox;
      if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
      for (var n = 0; n < f.geometry.coordinates.length; n++) {
        var inside = false;
        f.geometry.coordinates[n].forEach(function (r) { if (ringHas(r, lon, lat)) inside = !inside; });
        if (inside) return f;
      }
    }
    return null;
  }
  function nearestMunicipality(features, lat, lon) {
    var best = null, bestD = Infinity, c = Math.cos(lat * Math.PI / 180);
    features.forEach(function (f) {
      var dy = f.properties.lat - lat, dx = (f.properties.lon - lon) * c, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = f; }
    });
    return best;
  }

  function baseMap(el) {
    var label = function (k) { return el.getAttribute("data-label-" + k) || k; };
    // Leaflet's own zoom buttons carry English titles: give them the page's words.
    var map = L.map(el, { zoomSnap: 0.5, maxZoom: 18, zoomControl: false });
    L.control.zoom({ zoomInTitle: label("zoom-in"), zoomOutTitle: label("zoom-out") }).addTo(map);
    var base = el.getAttribute("data-basemap");
    var load = function (name) { return fetch(base + name).then(function (r) { return r.json(); }); };
    map.createPane("basemap").style.zIndex = 250;
    var renderer = L.canvas({ pane: "basemap", padding: 0.2 });
    var opts = function (style) { return { renderer: renderer, pane: "basemap", interactive: false, attribution: ATTRIBUTION, style: style }; };
    var land = L.geoJSON(null, opts({ color: "#6b8791", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 })).addTo(map);
    var munis = L.geoJSON(null, opts({ color: "#9fb3ba", weight: 0.6, fill: false })).addTo(map);
    var counties = L.geoJSON(null, opts({ color: "#4f6b75", weight: 1.6, fill: false })).addTo(map);
    map.setView([64.5, 12], 4);
    // Online tiles are optional: off by default, so every map works without the internet.
    var online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: "&copy; OpenStreetMap contributors" });
    var overlays = {};
    overlays[label("counties")] = counties;
    overlays[label("municipalities")] = munis;
    overlays[label("online")] = online;
    L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer === online) land.setStyle({ fillOpacity: e.type === "overlayadd" ? 0 : 1 });
    });
    var features = Promise.all([load("norway.geojson"), load("municipalities.geojson"), load("counties.geojson")])
      .then(function (g) { land.addData(g[0]); munis.addData(g[1]); counties.addData(g[2]); return indexed(g[1]); });
    // Municipality names as a tooltip under the pointer once zoomed in.
    var tip = L.tooltip({ direction: "top", offset: [0, -8] }), list = null, busy = false;
    features.then(function (fs) { list = fs; });
    map.on("mousemove", function (e) {
      if (busy) return;
      busy = true;
      window.requestAnimationFrame(function () { busy = false; });
      var f = list && map.getZoom() >= 7 && map.hasLayer(munis) && municipalityAt(list, e.latlng.lat, e.latlng.lng);
      if (f) tip.setLatLng(e.latlng).setContent(textNode(f.properties.name)).openOn(map);
      else map.closeTooltip(tip);
    });
    map.on("mouseout zoomstart", function () { map.closeTooltip(tip); });
    // Place names (municipality centres) once zoomed in far enough to read them.
    var places = L.layerGroup(), placesLoaded = null;
    function showPlaces() {
      var on = map.getZoom() >= 8;
      if (on && !placesLoaded) {
        placesLoaded = load("municipalities.json").then(function (d) {
          d.municipalities.forEach(function (m) {
            L.tooltip({ permanent: true, direction: "center", className: "place-label", interactive: false })
              .setLatLng([m.lat, m.lon]).setContent(textNode(m.name)).addTo(places);
          });
        });
      }
      if (on && !map.hasLayer(places)) places.addTo(map);
      if (!on && map.hasLayer(places)) map.removeLayer(places);
    }
    map.on("zoomend", showPlaces);
    map.symbiose = { municipalities: features };
    return map;
  }
  window.SymbioseMap = { text: textNode, base: baseMap, municipalityAt: municipalityAt, nearestMunicipality: nearestMunicipality };

  // Site picker for the organisation form and the stream form, driven by the map element's
  // data attributes: data-lat-input, data-lon-input (ids), optional data-municipality-input,
  // data-municipality-list, data-clear (a button), data-center-lat/-lon/-label (a site to show).
  function siteMap(el) {
    var map = baseMap(el), marker = null, home = null;
    var byAttr = function (a) { var id = el.getAttribute(a); return id ? document.getElementById(id) : null; };
    var lat = byAttr("data-lat-input"), lon = byAttr("data-lon-input");
    var muni = byAttr("data-municipality-input"), clear = byAttr("data-clear");
    if (!lat || !lon) return;
    var num = function (v) { return parseFloat(String(v || "").replace(",", ".")); };
    function place(la, lo, zoom) {
      if (marker) marker.setLatLng([la, lo]); else marker = L.marker([la, lo]).addTo(map);
      lat.value = la.toFixed(4); lon.value = lo.toFixed(4);
      if (zoom) map.setView([la, lo], 8);
      if (clear) clear.hidden = false;
    }
    var cLat = num(el.getAttribute("data-center-lat")), cLon = num(el.getAttribute("data-center-lon"));
    if (!isNaN(cLat) && !isNaN(cLon)) {
      home = [cLat, cLon];
      L.circleMarker(home, { radius: 7, color: "#6b8791", weight: 2 }).bindTooltip(textNode(el.getAttribute("data-center-label"))).addTo(map);
      map.setView(home, 8);
    }
    if (!isNaN(num(lat.value)) && !isNaN(num(lon.value))) place(num(lat.value), num(lon.value), true);
    else if (clear) clear.hidden = true;
    map.on("click", function (e) {
      place(e.latlng.lat, e.latlng.lng, false);
      if (muni) map.symbiose.municipalities.then(function (fs) {
        var f = municipalityAt(fs, e.latlng.lat, e.latlng.lng) || nearestMunicipality(fs, e.latlng.lat, e.latlng.lng);
        if (f) muni.value = f.properties.name;
      });
    });
    [lat, lon].forEach(function (input) { input.addEventListener("change", function () {
      if (!isNaN(num(lat.value)) && !isNaN(num(lon.value))) place(num(lat.value), num(lon.value), true);
    }); });
    if (clear) clear.addEventListener("click", function (ev) {
      ev.preventDefault();
      lat.value = ""; lon.value = "";
      if (marker) { map.removeLayer(marker); marker = null; }
      clear.hidden = true;
      if (home) map.setView(home, 8);
    });
    if (!muni) return;
    var list = [];
    fetch(el.getAttribute("data-basemap") + "municipalities.json").then(function (r) { return r.json(); }).then(function (d) {
      list = d.municipalities;
      var dl = byAttr("data-municipality-list");
      if (dl) list.forEach(function (m) { var o = document.createElement("option"); o.value = m.name; o.label = m.county; dl.appendChild(o); });
    });
    muni.addEventListener("change", function () {
      var v = muni.value.trim().toLowerCase();
      var m = list.find(function (x) { return x.name.toLowerCase() === v; });
      if (m) place(m.lat, m.lon, true);
    });
  }
  function siteMaps() {
    if (!window.L) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-site-map]"), siteMap);
  }

  function visibilityPreview() {
    var box = document.getElementById("preview");
    if (!box || !box.querySelector("[data-who]")) return;  // #preview is also an import button
    function update() {
      var vis = document.querySelector("input[name=visibility]:checked");
      var hidden = Array.prototype.map.call(document.querySelectorAll("input[name=sensitive_fields]:checked"), function (c) { return c.parentNode.textContent.trim(); });
      var who = box.querySelector("[data-who]"), what = box.querySelector("[data-hidden]");
      if (vis) who.textContent = box.getAttribute("data-" + vis.value);
      what.textContent = hidden.length ? hidden.join(", ") : box.getAttribute("data-none");
    }
    document.addEventListener("change", update);
    update();
  }

  // A countdown under a text area with data-counter="<id of the counter>".
  function counters() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-counter]"), function (area) {
      var out = document.getElementById(area.getAttribute("data-counter"));
      if (!out) return;
      var limit = parseInt(out.getAttribute("data-limit"), 10), words = out.getAttribute("data-template");
      function update() { out.textContent = (limit - area.value.length).toLocaleString(document.documentElement.lang) + " " + words; }
      area.addEventListener("input", update);
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { siteMaps(); visibilityPreview(); counters(); });
})();
