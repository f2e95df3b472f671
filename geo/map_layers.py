"""folium elements of the coverage map, written as small Leaflet scripts fed with JSON.

All text reaches the page as JSON data and is put into the DOM with `textContent`, never as HTML, so
names, titles and promoters cannot inject markup whatever they contain. Links are built only from
validated ids and fixed paths.
"""
from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.map_tooltips import TOOLTIP_EVENTS, TOOLTIP_SCRIPT, TOOLTIP_STYLE

# Shared by every layer: DOM helpers, and telling the frame around the map that an area was clicked
# (geo/map_frame/index.html passes it on to Streamlit).
_HELPERS = """
function psmEl(tag, cls, text) {
  var el = document.createElement(tag);
  if (cls) { el.className = cls; }
  if (text !== undefined && text !== null) { el.textContent = String(text); }
  return el;
}
function psmSelect(param, value) {
  if (window.parent !== window) { window.parent.postMessage({type: 'psm:select', param: param, value: value}, '*'); }
}
"""

_STYLE = """
/* Sized from the frame's height: 15 px on a page, 24 px or more on a 1080p projector. */
.psm-label { font: 700 clamp(15px, 3.2vh, 32px)/1.1 system-ui, sans-serif; color: #111; text-align: center;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; white-space: nowrap; pointer-events: none; }
.psm-tip { font: 15px/1.35 system-ui, sans-serif; }
.psm-tip b { font-size: 16px; }
.psm-popup { font: 14px/1.4 system-ui, sans-serif; max-width: 320px; }
.psm-popup h4 { font-size: 16px; margin: 0 0 6px 0; }
.psm-popup dt { font-weight: 600; } .psm-popup dd { margin: 0 0 4px 0; }
.psm-popup-link { display: block; margin-top: 4px; }
.psm-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font: 13px/1.4 system-ui, sans-serif;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.psm-legend i { display: inline-block; width: 18px; height: 14px; margin-right: 6px; vertical-align: -2px;
  border: 1px solid #555; }
.psm-legend .psm-dot { border-radius: 50%; width: 12px; height: 12px; margin-right: 3px; }
.psm-legend .psm-row { display: flex; flex-wrap: wrap; gap: 1px 9px; max-width: 340px; }
.psm-legend .psm-item { white-space: nowrap; }
.psm-legend .psm-ring { background: #fff !important; border: 2.5px solid #444; }
.psm-cluster { background: #3a3a3a; color: #fff; border: 2px solid #fff; border-radius: 50%;
  box-shadow: 0 0 0 1px #3a3a3a; font: 700 13px/30px system-ui, sans-serif; text-align: center; }
.psm-area:focus { outline: none; stroke: #000; stroke-width: 4px; }
.leaflet-container:focus { outline: none; }
"""


class _Rendered(Element):
    """Output that is already rendered: placed in the page as it is, never parsed as a template again."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class DataElement(MacroElement):
    """A MacroElement whose rendered header and script reach the page as final text.

    branca's own `MacroElement.render` wraps each rendered macro in `Element(text)`, which compiles that
    text as a new Jinja template: a title containing `{{ 7*7 }}` or `{#` in the JSON data would be
    evaluated, or crash the page, on the server. Here the macros are rendered once, with the data as
    JSON, and the result is added as is.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as branca's MacroElement.render (untyped)
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a DataElement can only be rendered inside a Figure")
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(_Rendered(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class AreaLayer(DataElement):
    """Choropleth of zones or tables with labels, tooltips and click-to-select (posted to the parent frame)."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>""" + _STYLE + TOOLTIP_STYLE + """</style>{% endmacro %}
{% macro script(this, kwargs) %}
""" + _HELPERS + """
(function () {
  var map = {{ this._parent.get_name() }};
  var data = {{ this.data|tojson }};
""" + TOOLTIP_SCRIPT + """
  var layer = L.geoJSON(data.geojson, {
    style: function (f) { return Object.assign({className: 'psm-area'}, f.properties.style); },
    onEachFeature: function (f, lyr) {
      var tip = psmEl('div', 'psm-tip');
      tip.appendChild(psmEl('b', null, f.properties.label));
      f.properties.lines.forEach(function (line) { tip.appendChild(psmEl('div', null, line)); });
      if (data.clickHint) { tip.appendChild(psmEl('div', null, data.clickHint)); }
      lyr.psmTip = tip;
      if (!touch) { lyr.bindTooltip(tip, {sticky: true, opacity: 1}); }  /* a finger: psmTapTip */
      lyr.on('click', function (ev) { if (touch) { ev.originalEvent.psmArea = true; psmTapTip(lyr, ev.latlng); } });
      if (data.param) {
        lyr.on('click', function () { psmSelect(data.param, f.properties.key); });
        /* Reachable with Tab and selectable with Enter or Space, like a button. */
        lyr.on('add', function () {
          var path = lyr.getElement();
          path.setAttribute('tabindex', '0'); path.setAttribute('role', 'button');
          path.setAttribute('aria-label', f.properties.label + '. ' + data.clickHint);
          path.addEventListener('keydown', function (ev) {
            if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); psmSelect(data.param, f.properties.key); }
          });
        });
      }
    }
  }).addTo(map);
""" + TOOLTIP_EVENTS + """
  /* Area labels in a pane of their own, above markers and clusters, so no cluster hides a zone number. */
  map.createPane('psmLabels').style.zIndex = 650;
  map.getPane('psmLabels').style.pointerEvents = 'none';
  var labelEls = {};
  data.labels.forEach(function (lab, i) {
    var el = psmEl('div', 'psm-label', lab.text);
    labelEls[data.geojson.features[i].properties.key] = el;
    L.marker([lab.lat, lab.lon], {icon: L.divIcon({className: '', html: el, iconSize: null}), pane: 'psmLabels',
                                  interactive: false, keyboard: false}).addTo(map);
  });
  /* A live view (the plenary) keeps this document and sends only what changed: per area a fill colour,
     a label and tooltip lines, all set as plain text. Only the frame around the map may send it. */
  window.addEventListener('message', function (ev) {
    var d = ev.data || {};
    if (ev.source !== window.parent || d.type !== 'psm:overlay' || !d.overlay) { return; }
    layer.eachLayer(function (lyr) {
      var key = lyr.feature.properties.key, o = d.overlay[key];
      if (!o) { return; }
      lyr.setStyle({fillColor: String(o.fill)});
      if (labelEls[key]) { labelEls[key].textContent = String(o.label); }
      var tip = psmEl('div', 'psm-tip');
      tip.appendChild(psmEl('b', null, lyr.feature.properties.label));
      (o.lines || []).forEach(function (line) { tip.appendChild(psmEl('div', null, line)); });
      lyr.psmTip = tip;
      lyr.setTooltipContent(tip);
      if (tapped === lyr) { tapTip.setContent(tip); }
    });
  });
  /* A label that would cover a marker, a cluster or another label moves just clear of it, away from it
     (up when the label's middle is above the obstacle's, else down); again after every zoom, pan and
     cluster change (ProjectMarkers calls window.psmDeclutter). */
  window.psmDeclutter = function () {
    var obstacles = Array.prototype.map.call(document.querySelectorAll('.psm-cluster, path.psm-marker'),
                                             function (o) { return o.getBoundingClientRect(); });
    var els = Object.keys(labelEls).map(function (key) { labelEls[key].style.transform = ''; return labelEls[key]; });
    var boxes = els.map(function (el) { return el.getBoundingClientRect(); });
    els.forEach(function (el, i) {
      var r = boxes[i], shift = 0;
      for (var round = 0; round < 6; round++) {
        var hit = null;
        obstacles.forEach(function (o) {
          if (!hit && r.left < o.right && r.right > o.left && r.top + shift < o.bottom && r.bottom + shift > o.top) {
            hit = o;
          }
        });
        if (!hit) { break; }
        var up = (r.top + r.bottom) / 2 + shift < (hit.top + hit.bottom) / 2;
        shift = up ? hit.top - r.bottom - 2 : hit.bottom - r.top + 2;
      }
      if (shift) { el.style.transform = 'translateY(' + shift + 'px)'; }
      obstacles.push({left: r.left, right: r.right, top: r.top + shift, bottom: r.bottom + shift});
    });
  };
  map.on('zoomend moveend resize', function () { setTimeout(window.psmDeclutter, 0); });
  if (data.fit) {
    /* Fitted to the areas, and fitted again when the frame is resized (a slide sized from the screen, a
       rotated phone), until the user zooms or pans. */
    var touched = false;
    ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (name) {
      map.getContainer().addEventListener(name, function () { touched = true; }, {passive: true});
    });
    map.fitBounds(layer.getBounds(), {padding: [8, 8]});
    map.on('resize', function () {
      if (!touched) { map.fitBounds(layer.getBounds(), {padding: [8, 8], animate: false}); }
    });
  }
  /* Controls in Italian, distances in kilometres only. */
  L.control.zoom({zoomInTitle: 'Ingrandisci', zoomOutTitle: 'Riduci'}).addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  if (data.attribution) { map.attributionControl.addAttribution(data.attribution); }
})();
{% endmacro %}""")

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AreaLayer"
        self.data = data


class ProjectMarkers(JSCSSMixin, DataElement):
    """Clustered circle markers coloured by axis, each with a popup built from plain text fields."""

    default_js = [("markerclusterjs", "leaflet.markercluster.js")]
    default_css = [("markerclustercss", "MarkerCluster.css"),
                   ("markerclusterdefaultcss", "MarkerCluster.Default.css")]

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var data = {{ this.data|tojson }};
  /* Clusters are neutral grey with their count: only single markers carry an axis colour. */
  var group = L.markerClusterGroup({maxClusterRadius: 40, showCoverageOnHover: false,
    iconCreateFunction: function (cluster) {
      return L.divIcon({html: psmEl('div', 'psm-cluster', cluster.getChildCount()), className: '',
                        iconSize: L.point(34, 34)});
    }});
  /* p = [lat, lon, colour (index into data.palette), title, values (one per data.labels), project id or null,
     radius, 1 if the place is inferred (drawn as a ring) else 0] */
  data.points.forEach(function (p) {
    var colour = data.palette[p[2]], ring = p[7] === 1;
    var marker = L.circleMarker([p[0], p[1]], {radius: p[6], color: ring ? colour : '#222', weight: ring ? 3.5 : 1.5,
                                               className: ring ? 'psm-marker psm-inferred' : 'psm-marker',
                                               fillColor: ring ? '#ffffff' : colour, fillOpacity: 0.9});
    marker.bindPopup(function () {
      var box = psmEl('div', 'psm-popup');
      box.appendChild(psmEl('h4', null, p[3]));
      var dl = psmEl('dl');
      p[4].forEach(function (value, i) {
        if (!value) { return; }
        dl.appendChild(psmEl('dt', null, data.labels[i])); dl.appendChild(psmEl('dd', null, value));
      });
      box.appendChild(dl);
      if (data.note) { box.appendChild(psmEl('p', null, data.note)); }
      if (p[5]) {
        /* The project's own page first, then the correction form, each opened in a new tab. */
        [[data.projectLabel, data.projectPath], [data.reportLabel, data.reportPath]].forEach(function (link) {
          if (!link[0]) { return; }
          var a = psmEl('a', 'psm-popup-link', link[0]);
          a.href = link[1] + encodeURIComponent(p[5]);
          a.target = '_blank'; a.rel = 'noopener';
          box.appendChild(a);
        });
      }
      return box;
    }, {maxWidth: 340});
    group.addLayer(marker);
  });
  map.addLayer(group);
  group.on('animationend', function () { if (window.psmDeclutter) { window.psmDeclutter(); } });
  setTimeout(function () { if (window.psmDeclutter) { window.psmDeclutter(); } }, 0);
})();
{% endmacro %}""")

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "ProjectMarkers"
        self.data = data


class Legend(DataElement):
    """A legend control: a title, colour swatches for areas, dots for marker colours, and a note."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var data = {{ this.data|tojson }};
  var ctl = L.control({position: 'bottomleft'});
  ctl.onAdd = function () {
    var box = psmEl('div', 'psm-legend');
    box.appendChild(psmEl('b', null, data.title));
    /* Classes and marker colours each wrap on a short row: a low, wide legend in the bottom-left corner
       stays clear of Torino and its first belt, where the map is densest. */
    var classes = psmEl('div', 'psm-row'); var dots = psmEl('div', 'psm-row');
    data.items.forEach(function (it) {
      var sw = psmEl('i', it.ring ? 'psm-dot psm-ring' : it.dot ? 'psm-dot' : null);
      if (!it.ring) { sw.style.background = it.color; } if (it.dashed) { sw.style.borderStyle = 'dashed'; }
      var item = psmEl('span', 'psm-item');
      item.appendChild(sw); item.appendChild(document.createTextNode(it.label));
      (it.dot || it.ring ? dots : classes).appendChild(item);
    });
    box.appendChild(classes);
    if (dots.childNodes.length) { box.appendChild(dots); }
    if (data.note) { box.appendChild(psmEl('div', null, data.note)); }
    return box;
  };
  ctl.addTo(map);
})();
{% endmacro %}""")

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Legend"
        self.data = data
