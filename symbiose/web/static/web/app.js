/* Small behaviours: fill a field from a suggestion, draw maps, show the visibility preview. */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-fill]");
    if (!b) return;
    ev.preventDefault();
    var input = document.getElementById(b.getAttribute("data-target"));
    if (input) { input.value = b.getAttribute("data-fill"); input.focus(); input.dispatchEvent(new Event("change")); }
    var note = document.getElementById(b.getAttribute("data-target") + "_chosen");
    if (note) note.textContent = b.textContent.trim();
  });

  function baseMap(el) {
    var map = L.map(el, { zoomSnap: 0.5 });
    var basemap = el.getAttribute("data-basemap");
    fetch(basemap + "norway.geojson").then(function (r) { return r.json(); }).then(function (g) {
      L.geoJSON(g, { style: { color: "#6b8791", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map);
    });
    map.setView([64.5, 12], 4);
    // Online tiles are optional: off by default, so every map works without the internet.
    var online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: "&copy; OpenStreetMap contributors" });
    L.control.layers(null, { "OpenStreetMap (online)": online }, { collapsed: true }).addTo(map);
    return map;
  }
  window.SymbioseMap = { base: baseMap };

  function siteMap() {
    var el = document.getElementById("site-map");
    if (!el || !window.L) return;
    var map = baseMap(el), marker = null;
    var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
    var muni = document.getElementById("id_municipality");
    var list = [];
    function place(la, lo, zoom) {
      if (marker) marker.setLatLng([la, lo]); else marker = L.marker([la, lo]).addTo(map);
      lat.value = la.toFixed(4); lon.value = lo.toFixed(4);
      if (zoom) map.setView([la, lo], 8);
    }
    if (lat.value && lon.value) place(parseFloat(lat.value.replace(",", ".")), parseFloat(lon.value.replace(",", ".")), true);
    map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, false); });
    fetch(el.getAttribute("data-basemap") + "municipalities.json").then(function (r) { return r.json(); }).then(function (d) {
      list = d.municipalities;
      var dl = document.getElementById("municipality-list");
      list.forEach(function (m) {
        var o = document.createElement("option"); o.value = m.name; o.label = m.county; dl.appendChild(o);
        L.circleMarker([m.lat, m.lon], { radius: 2, color: "#6b8791", weight: 1 })
          .bindTooltip(m.name).on("click", function () { muni.value = m.name; place(m.lat, m.lon, false); }).addTo(map);
      });
    });
    muni.addEventListener("change", function () {
      var v = muni.value.trim().toLowerCase();
      var m = list.find(function (x) { return x.name.toLowerCase() === v; });
      if (m) place(m.lat, m.lon, true);
    });
  }

  function pointsMap() {
    var el = document.getElementById("match-map");
    if (!el || !window.L) return;
    var data = JSON.parse(document.getElementById("map-data").textContent);
    var map = baseMap(el), bounds = [];
    if (data.own) { L.marker(data.own).bindTooltip(el.getAttribute("data-own")).addTo(map); bounds.push(data.own); }
    data.points.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 7, color: "#0b6e4f" }).bindTooltip(p.title).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 9 });
    else if (bounds.length) map.setView(bounds[0], 7);
  }

  function hubMap() {
    var el = document.getElementById("hub-map");
    if (!el || !window.L) return;
    var map = baseMap(el), layer = null, form = document.getElementById("map-filters");
    var colours = { material: "#8c564b", heat: "#d62728", cold: "#1f77b4", water: "#17becf", gas: "#7f7f7f", service: "#2ca02c" };
    function load() {
      var q = new URLSearchParams(new FormData(form)).toString();
      fetch(el.getAttribute("data-layer") + "?" + q).then(function (r) { return r.json(); }).then(function (g) {
        if (layer) map.removeLayer(layer);
        layer = L.geoJSON(g, { pointToLayer: function (f, ll) {
          return L.circleMarker(ll, { radius: 6, color: colours[f.properties.category] || "#333" });
        }, onEachFeature: function (f, l) {
          var p = f.properties, div = document.createElement("div");
          var b = document.createElement("strong"); b.textContent = p.title; div.appendChild(b);
          div.appendChild(document.createElement("br"));
          div.appendChild(document.createTextNode(p.organisation_name + " · " + p.category + " · " + p.direction));
          l.bindPopup(div);
        } }).addTo(map);
        document.getElementById("map-count").textContent = g.features.length;
      });
    }
    form.addEventListener("change", load);
    load();
  }

  function visibilityPreview() {
    var box = document.getElementById("preview");
    if (!box) return;
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

  document.addEventListener("DOMContentLoaded", function () { siteMap(); pointsMap(); hubMap(); visibilityPreview(); });
})();
