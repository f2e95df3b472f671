"""Session keys of the pages, declared once (widget keys included); pages never spell a key themselves.

The report and moderation forms declare their own keys in lib/submissions (form.py, moderation.py), the
co-planning day in lib/event/keys.py.
"""
from __future__ import annotations

# Home map: the widgets, and the value the map frame returns on a click.
# Set by dashboard.py on every run: this session has been through the entry point (lib.loaders.through_entrypoint).
ENTRYPOINT_SEEN = "entrypoint_seen"
MAP_EDITION = "map_edition"
MAP_LAYER = "map_layer"
MAP_AXIS = "map_axis"
MAP_STRATEGY = "map_strategy"
MAP_MEASURE = "map_measure"
MAP_BASIS = "map_basis"
MAP_SELECTED = "map_selected"
MAP_CLICK = "map_click"
# Whether the home map's two lists are open (they are built only then).
MAP_UNPLACED_OPEN = "map_unplaced_open"
MAP_PLACED_OPEN = "map_placed_open"
# The container of the home map's axis and strategy pickers: above the map on a phone.
MAP_FILTERS = "map_filters"
# Zone page: the zone shown, the comune used to find a zone, the search within the zone.
ZONE_PICK = "zone_pick"
ZONE_FIND_COMUNE = "zone_find_comune"
ZONE_SEARCH = "zone_search"
# The container of the zone page's report link: drawn as a button that wraps (lib/views/chrome.py).
ZONE_REPORT = "zone_report"
# The container of the zone page's four figures: two by two on a phone, like the needs page's.
ZONE_FIGURES = "zone_figures"
# Search across the registry.
SEARCH_TEXT = "search_text"
# Novità: the zone and the release the changes are counted from.
CHANGES_ZONE = "changes_zone"
CHANGES_FROM = "changes_from"
CHANGES_FEED = "changes_feed"
# Dati e fonti: the open-data download.
SOURCES_OPENDATA = "sources_opendata"
# Coverage page.
COVERAGE_EDITION = "coverage_edition"
COVERAGE_AXIS = "coverage_axis"
# The container of the zone × strategy heatmap: it scrolls sideways on a phone.
COVERAGE_HEATMAP = "coverage_heatmap"
# Needs page.
NEEDS_AXIS = "needs_axis"
NEEDS_PICK = "needs_pick"
# The container of the needs page's four figures: two by two on a phone (lib/views/chrome.py).
NEEDS_FIGURES = "needs_figures"
# Whether the recommendations' expander is open: its table is built and sent only then.
NEEDS_RECOMMENDATIONS_OPEN = "needs_recommendations_open"
# Presentation: the step shown, and whether each slide shows its QR code.
PRESENTATION_STEP = "presentation_step"
PRESENTATION_QR = "presentation_qr"
# The button that shows or hides it (a button, not a toggle: a focused toggle swallows the arrow keys).
PRESENTATION_QR_BUTTON = "presentation_qr_button"
# The step last written to the URL: a different step in the URL means Back, Forward or an edited link.
PRESENTATION_WRITTEN = "presentation_written"
# The value the presentation map returns when an arrow key is pressed on it.
PRESENTATION_MAP_KEY = "presentation_map_key"
PRESENTATION_PREV = "presentation_prev"
PRESENTATION_NEXT = "presentation_next"
