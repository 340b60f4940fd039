/* Point maps with one look everywhere: the resource map, a hub's dashboard and a stream's
 * matches. Points come from a json_script (data-points = its id) or a GeoJSON URL
 * (data-layer, filtered by the form named in data-filters). Each point: lat, lon, title,
 * org, category, direction, optional url and link (the pop-up's link text), and quantity
 * with unit_text (the words after the number, in the page's language).
 * Colours by category, filled for offers and ringed for needs, a legend, clusters where
 * points are dense (vendored leaflet.markercluster) and place names at zoom (app.js). */
(function () {
  "use strict";
  var COLOURS = { material: "#8a4b2f", heat: "#b3261e", cold: "#1f5fa8", water: "#0b6b75",
    gas: "#5b6770", service: "#2f6b2f" };

  function colour(c) { return COLOURS[c] || "#333"; }
  function text(v) { return window.SymbioseMap.text(v); }

  /* "2 000 tonn (én gang)": the number in the page's language, the words from the server */
  function amount(p) {
    if (p.quantity === null || p.quantity === undefined || !p.unit_text) return "";
    var lang = document.documentElement.lang || undefined;
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(p.quantity) + " " +
      p.unit_text;
  }

  function popup(p) {
    var div = document.createElement("div"), b = document.createElement("strong");
    b.textContent = p.title; div.appendChild(b);
    var line = document.createElement("div");
    line.textContent = [p.org, p.category_label, p.direction_label, amount(p)].filter(Boolean)
      .join(" · ");
    div.appendChild(line);
    if (p.url) {
      var a = document.createElement("a"); a.href = p.url; a.textContent = p.link || p.title;
      div.appendChild(a);
    }
    return div;
  }

  function marker(p) {
    var offer = p.direction !== "need";
    var m = L.circleMarker([p.lat, p.lon], { radius: 7, weight: offer ? 1.5 : 3, color: colour(p.category),
      fillColor: colour(p.category), fillOpacity: offer ? 0.85 : 0.1 });
    var div = popup(p);  // built from text nodes: Leaflet would read a string as HTML
    m.bindPopup(div);
    m.bindTooltip(text(p.title));
    return m;
  }

  function legend(el) {
    var data = el.getAttribute("data-legend");
    if (!data) return null;
    var labels = JSON.parse(data), ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      var box = L.DomUtil.create("div", "map-legend");
      Object.keys(labels.categories).forEach(function (c) {
        var row = L.DomUtil.create("div", "", box), sw = L.DomUtil.create("span", "sw", row);
        sw.style.background = colour(c);
        row.appendChild(document.createTextNode(labels.categories[c]));
      });
      var offer = L.DomUtil.create("div", "", box), need = L.DomUtil.create("div", "", box);
      L.DomUtil.create("span", "sw", offer).style.background = "#555";
      offer.appendChild(document.createTextNode(labels.offer));
      L.DomUtil.create("span", "sw ring", need);
      need.appendChild(document.createTextNode(labels.need));
      return box;
    };
    return ctl;
  }

  function pointMap(el) {
    var map = window.SymbioseMap.base(el), layer = null, form = null;
    var num = function (a) { return parseFloat(el.getAttribute(a)); };
    var lg = legend(el);
    if (lg) lg.addTo(map);
    var cLat = num("data-circle-lat"), cLon = num("data-circle-lon"), cR = num("data-circle-km");
    if (!isNaN(cLat) && !isNaN(cLon) && !isNaN(cR)) {
      L.circle([cLat, cLon], { radius: cR * 1000, fill: false, color: "#4f6b75", dashArray: "4 4", weight: 1.5 }).addTo(map);
    }
    function draw(points, fit) {
      if (layer) map.removeLayer(layer);
      layer = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false })
        : L.featureGroup();
      points.forEach(function (p) { layer.addLayer(marker(p)); });
      layer.addTo(map);
      var count = document.getElementById(el.getAttribute("data-count") || "");
      if (count) count.textContent = points.length;
      if (!fit) return;
      if (points.length > 1) map.fitBounds(layer.getBounds().pad(0.1), { maxZoom: 9 });
      else if (points.length) map.setView([points[0].lat, points[0].lon], 8);
      else if (!isNaN(cLat) && !isNaN(cLon)) map.setView([cLat, cLon], 8);
    }
    var own = el.getAttribute("data-own-lat");
    if (own) {
      L.marker([num("data-own-lat"), num("data-own-lon")]).bindTooltip(text(el.getAttribute("data-own-label"))).addTo(map);
    }
    var script = el.getAttribute("data-points");
    if (script) {
      draw(JSON.parse(document.getElementById(script).textContent), true);
      return;
    }
    var url = el.getAttribute("data-layer");
    form = document.getElementById(el.getAttribute("data-filters") || "");
    var first = true;
    function load() {
      var q = form ? new URLSearchParams(new FormData(form)).toString() : "";
      fetch(url + "?" + q).then(function (r) { return r.json(); }).then(function (g) {
        draw(g.features.map(function (f) {
          var p = Object.assign({}, f.properties);
          p.lon = f.geometry.coordinates[0]; p.lat = f.geometry.coordinates[1];
          return p;
        }), first);
        first = false;
      });
    }
    if (form) {
      form.addEventListener("change", load);
      form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
    }
    load();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.L || !window.SymbioseMap) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-point-map]"), pointMap);
  });
})();
