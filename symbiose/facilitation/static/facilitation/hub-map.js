// Hub map: stream points on the vendored Leaflet basemap. Does nothing without Leaflet.
window.addEventListener("load", function () {
  var el = document.getElementById("hub-map");
  var data = document.getElementById("hub-points");
  if (!el || !data || typeof L === "undefined") { if (el) el.hidden = true; return; }
  var points = JSON.parse(data.textContent);
  // Tooltip text as a DOM node: a string would go in as HTML (stored XSS through a title).
  var text = function (value) { var s = document.createElement("span"); s.textContent = value; return s; };
  var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
  var map = L.map(el);
  if (el.dataset.basemap && window.fetch) {
    fetch(el.dataset.basemap).then(function (r) { return r.ok ? r.json() : null; }).then(function (g) {
      if (g) L.geoJSON(g, { style: { color: "#999", weight: 1, fillOpacity: 0.05 } }).addTo(map).bringToBack();
    }).catch(function () {});
  }
  var group = L.featureGroup().addTo(map);
  points.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 6, className: "pt " + p.direction + " " + p.category })
      .bindTooltip(text(p.title + " — " + p.org)).addTo(group);
  });
  if (!isNaN(lat) && !isNaN(lon) && el.dataset.radius) {
    L.circle([lat, lon], { radius: parseFloat(el.dataset.radius) * 1000, fill: false }).addTo(map);
  }
  if (points.length) map.fitBounds(group.getBounds().pad(0.2));
  else if (!isNaN(lat)) map.setView([lat, lon], 9);
  else map.setView([62, 10], 4);
});
