"""How an area's tooltip behaves on the coverage maps, as a Leaflet script and style shared by every area layer.

A mouse shows the tooltip while hovering (it follows the pointer). A finger has no hover: a tap shows the
area's tooltip, a second tap on it, a tap elsewhere on the map or a pan closes it, so none stays stuck over the
map. Either way the tooltip wraps within the frame and is moved back inside it whenever it would cross an
edge (a phone's frame is narrower than a zone's figures), and below the zoom buttons when it would cover them.
Tooltips sit above the area labels.

The script runs inside the area layer's closure (geo.map_layers.AreaLayer), where `map` is the Leaflet map and
`layer` the areas' GeoJSON layer; it defines `touch`, `psmTapTip(lyr, latlng)` and the shared tap tooltip. Texts
are DOM nodes built with textContent (each area's `lyr.psmTip`), never HTML.
"""
from __future__ import annotations

TOOLTIP_STYLE = """
/* A tooltip wraps rather than run past a narrow frame (its position is kept inside by psmKeepInside). */
.leaflet-tooltip:has(.psm-tip) { white-space: normal; width: max-content; max-width: min(340px, calc(100vw - 16px));
  box-sizing: border-box; }
"""

# Defined before the areas are added (their handlers call psmTapTip), used once they are.
TOOLTIP_SCRIPT = """
  var touch = window.matchMedia('(hover: none)').matches;
  map.getPane('tooltipPane').style.zIndex = 680;
  function psmKeepInside(tooltip) {
    var el = tooltip && tooltip.getElement && tooltip.getElement();
    if (!el) { return; }
    el.style.marginLeft = ''; el.style.marginTop = '';
    var r = el.getBoundingClientRect(), w = document.documentElement.clientWidth,
        h = document.documentElement.clientHeight, pad = 4, style = getComputedStyle(el);
    var dx = r.left < pad ? pad - r.left : (r.right > w - pad ? Math.max(pad - r.left, w - pad - r.right) : 0);
    var dy = r.top < pad ? pad - r.top : (r.bottom > h - pad ? Math.max(pad - r.top, h - pad - r.bottom) : 0);
    /* Clear of the zoom buttons too: below them when it overlaps them and still fits the frame there. */
    var left = r.left + dx, top = r.top + dy, bottom = r.bottom + dy;
    document.querySelectorAll('.leaflet-top .leaflet-control').forEach(function (control) {
      var c = control.getBoundingClientRect();
      if (left < c.right && left + r.width > c.left && top < c.bottom && bottom > c.top &&
          c.bottom + pad + r.height <= h - pad) {
        dy += c.bottom + pad - top; top = c.bottom + pad; bottom = top + r.height;
      }
    });
    if (dx) { el.style.marginLeft = (parseFloat(style.marginLeft) || 0) + dx + 'px'; }
    if (dy) { el.style.marginTop = (parseFloat(style.marginTop) || 0) + dy + 'px'; }
  }
  var tapTip = L.tooltip({opacity: 1, direction: 'top'}), tapped = null;
  function psmTapTip(lyr, latlng) {
    if (tapped === lyr) { map.closeTooltip(tapTip); tapped = null; return; }
    tapped = lyr;
    tapTip.setContent(lyr.psmTip).setLatLng(latlng);
    map.openTooltip(tapTip);
  }
"""

# After the areas are added: keep every open tooltip inside the frame, close the tap tooltip off the areas.
TOOLTIP_EVENTS = """
  map.on('tooltipopen', function (ev) { psmKeepInside(ev.tooltip); });
  map.on('mousemove zoomend moveend', function () {
    layer.eachLayer(function (lyr) {
      if (lyr.getTooltip() && lyr.isTooltipOpen()) { psmKeepInside(lyr.getTooltip()); }  /* none bound on touch */
    });
    if (tapped) { psmKeepInside(tapTip); }
  });
  map.on('click movestart', function (ev) {
    if (tapped && !(ev.originalEvent && ev.originalEvent.psmArea)) { map.closeTooltip(tapTip); tapped = null; }
  });
"""
