"""What every page carries around its content: the page's language, Streamlit's own interface words in Italian,
and the shared style (contrast, legends drawn outside maps, chart and table sizes).

Streamlit has no Italian interface: its placeholders, keyboard hints, uploader and toolbar words are English
and written by its frontend. They are replaced in the browser by a small script of ours, from the tables
below (tests/browser/test_screens_browser.py fails on any English word left). The script only swaps whole
known strings for fixed Italian ones: no text from users, the registry or the URL is in it.
"""
from __future__ import annotations

import functools
import html
import json

from lib.views import labels as lb
from lib.views import state as k
from lib.views.params import CODE, EMBED

# Streamlit's default placeholders, in Italian.
PLACEHOLDER = "Scegli…"
PLACEHOLDER_MANY = "Scegli una o più voci…"

# Streamlit's interface phrases, replaced wherever they are a whole text or a placeholder, aria-label or title.
INTERFACE_WORDS: dict[str, str] = {
    "Choose an option": PLACEHOLDER,
    "Choose options": PLACEHOLDER_MANY,
    "No results": "Nessun risultato",
    "No options to select": "Nessuna voce da scegliere",
    "Press Enter to apply": "Premi Invio per applicare",
    "Press Enter to submit form": "Premi Invio per inviare",
    "Press ⌘+Enter to apply": "Premi ⌘+Invio per applicare",
    "Press Ctrl+Enter to apply": "Premi Ctrl+Invio per applicare",
    "Drag and drop file here": "Trascina qui il file",
    "Drag and drop files here": "Trascina qui i file",
    "Browse files": "Sfoglia i file",
    "Show password text": "Mostra la password",
    "Hide password text": "Nascondi la password",
    "Close fullscreen": "Esci dallo schermo intero",
    "Copy to clipboard": "Copia",
    "Collapse sidebar": "Chiudi il menu laterale",
    "Expand sidebar": "Apri il menu laterale",
    "View more": "Mostra altre",
    "View less": "Mostra meno",
    "Running...": "In corso…",
    "Please wait...": "Attendi…",
    "Connection error": "Errore di connessione",
    "Show/hide columns": "Mostra o nascondi colonne",
    "Sort ascending": "Ordina crescente",
    "Sort descending": "Ordina decrescente",
    "Download as CSV": "Scarica come CSV",
    "Increment value": "Aumenta",
    "Decrement value": "Diminuisci",
    "Page not found": "Pagina non trovata",
    "Skip to main content": "Vai al contenuto principale",
    "App pages": "Pagine",
    "Link to heading": "Collegamento a questa sezione",
    "Choose date": "Scegli la data",
    "Choose or add options": "Scegli o aggiungi voci",
    "Dismiss": "Chiudi",
}
# Short words replaced only in attributes (Streamlit's buttons name themselves with them) and in Streamlit's
# status corner; as page text they could be a project's own words, which are always shown as written.
INTERFACE_SHORT_WORDS: dict[str, str] = {
    "Search": "Cerca",
    "Fullscreen": "Schermo intero",
    "Clear": "Cancella",
    "Clear all": "Cancella tutto",
    "Clear value": "Cancella",
    "Remove": "Togli",
    "Delete": "Elimina",
    "Open": "Apri",
    "Close": "Chiudi",
    "Upload": "Carica",
    "Stop": "Ferma",
    "Rerun": "Aggiorna",
    "Main menu": "Menu",
    "More options": "Altre opzioni",
    "Select all": "Seleziona tutto",
    "Show password": "Mostra la password",
    "Hide password": "Nascondi la password",
    "Sidebar": "Barra laterale",
    # The titles Streamlit gives the frames of st.iframe and of our map component (lib/loaders, "map_frame"):
    # every one of them on our pages is a map.
    "st.iframe": "Mappa",
    "lib.loaders.map_frame": "Mappa",
}
# Strings with a number in them: a pattern and its Italian, applied as the phrases are.
INTERFACE_PATTERNS: list[tuple[str, str]] = [
    (r"^Limit (\d+)MB per file(.*)$", "Massimo $1 MB per file$2"),
    (r"^(\d+) more$", "Altre $1"),  # the top navigation's overflow menu
    (r"^Help for (.+)$", "Aiuto: $1"),  # the (?) beside a widget's label
    (r"^Shortcut (.+)$", "Tasto $1"),  # a button with a keyboard shortcut
    (r"^(\d+) options? available\.?$", "$1 voci disponibili"),  # what a screen reader hears in a select
    (r"^Remove (.+)$", "Togli $1"),  # a multiselect's chip
    (r"^Add: (.+)$", "Aggiungi: $1"),  # a multiselect that accepts new options
]
# Where page content lives: text there is never touched (a title reading "No results" stays as written).
CONTENT = ('[data-testid="stMarkdownContainer"], [data-testid="stHtml"], [data-testid="stText"], '
           '[data-testid="stCode"], [data-testid="stTable"], [data-testid="stDataFrame"]')
STATUS = '[data-testid="stStatusWidget"], [data-testid="stToolbar"]'
# Streamlit's navigation renders its words as Markdown: they are the interface's, not content.
NAVIGATION = '[data-testid="stTopNavSection"], [data-testid="stSidebarNav"], header'
# Regions that scroll sideways on a phone: reachable with Tab and named, so the arrow keys scroll them (WCAG 2.1.1).
# (Streamlit's element container is the box that scrolls, not the keyed container around it.)
SCROLL_REGIONS = {f'.st-key-{k.COVERAGE_HEATMAP} > [data-testid="stElementContainer"]':
                  "Copertura zone × strategie: scorre di lato con le frecce"}

_SCRIPT = """<script>
(function () {
  document.documentElement.lang = 'it';
  // Streamlit's own embed mode (?embed=true, kept by every link): show our compact bar (embed_bar_html).
  if (new URLSearchParams(location.search).get(%(embed)s) === 'true') {
    document.documentElement.classList.add('psm-embedded');
  }
  // A table's access code arrives in the QR card's link: out of the address bar and this history entry at
  // once, and out of every address Streamlit writes to the history later (it keeps the query it started with).
  if (!window.psmCodeGuard) {
    window.psmCodeGuard = true;
    var strip = function (address) {
      if (address === undefined || address === null) { return address; }
      var parsed = new URL(String(address), location.href);
      if (!parsed.searchParams.has(%(code_param)s)) { return address; }
      parsed.searchParams.delete(%(code_param)s);
      return parsed.pathname + parsed.search + parsed.hash;
    };
    ['pushState', 'replaceState'].forEach(function (name) {
      var original = history[name].bind(history);
      history[name] = function (state, title, address) { return original(state, title, strip(address)); };
    });
    history.replaceState(history.state, '', location.href);
  }
  if (window.psmItalian) { return; }
  window.psmItalian = true;
  var words = %(words)s, short = %(short)s, content = %(content)s, status = %(status)s,
      navigation = %(navigation)s, regions = %(regions)s;
  var patterns = %(patterns)s.map(function (p) { return [new RegExp(p[0]), p[1]]; });
  var attributes = ['placeholder', 'aria-label', 'title', 'data-title'];
  function italian(value, table) {
    var text = value.trim();
    if (Object.prototype.hasOwnProperty.call(words, text)) { return value.replace(text, words[text]); }
    if (table && Object.prototype.hasOwnProperty.call(table, text)) { return value.replace(text, table[text]); }
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i][0].test(text)) { return value.replace(text, text.replace(patterns[i][0], patterns[i][1])); }
    }
    return null;
  }
  function fixText(node) {
    var parent = node.parentElement;
    if (!parent || (parent.closest(content) && !parent.closest(navigation))) { return; }
    var t = italian(node.nodeValue, parent.closest(status) ? short : null);
    if (t !== null) { node.nodeValue = t; }
  }
  function fixAttributes(el) {
    Object.keys(regions).forEach(function (sel) {
      if (el.matches(sel) && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0'); el.setAttribute('role', 'region');
        el.setAttribute('aria-label', regions[sel]);
      }
    });
    attributes.forEach(function (name) {
      var v = el.getAttribute(name); if (v) { var t = italian(v, short); if (t !== null) { el.setAttribute(name, t); } }
    });
  }
  function fix(node) {
    if (node.nodeType === 3) { fixText(node); return; }
    if (node.nodeType !== 1) { return; }
    fixAttributes(node);
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    while (walker.nextNode()) {
      var n = walker.currentNode;
      if (n.nodeType === 3) { fixText(n); } else { fixAttributes(n); }
    }
  }
  fix(document.body);
  new MutationObserver(function (records) {
    if (document.documentElement.lang !== 'it') { document.documentElement.lang = 'it'; }
    records.forEach(function (r) {
      if (r.type === 'childList') { r.addedNodes.forEach(fix); }
      else if (r.type === 'characterData') { fix(r.target); }
      else if (r.type === 'attributes') { fix(r.target); }
    });
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true, attributes: true,
                                        attributeFilter: attributes.concat(['lang'])});
})();
</script>"""

# Shared style. Captions and hints at 4.5:1 or more on white; legends drawn outside maps; the home map sized
# from the screen so it is wholly on the first screen.
STYLE = """<style>
[data-testid="stElementContainer"]:has(#psm-chrome) { display: none; }
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] small, .psm-muted { color: #4a4a4a !important;
  opacity: 1 !important; }
kbd { border: 1px solid #888; border-radius: 3px; padding: 0 .25em; background: #f4f4f4; color: #1a1a1a; }
.psm-legend-out { font-size: clamp(13px, 1.75vh, 20px); line-height: 1.5; color: #1a1a1a; }
.psm-legend-out .psm-leg-item { white-space: nowrap; margin-right: .9em; }
.psm-legend-out i { display: inline-block; width: 1.1em; height: .85em; margin-right: .3em; vertical-align: -1px;
  border: 1px solid #555; }
.psm-legend-out .psm-sw-dot { border-radius: 50%; width: .8em; height: .8em; }
.psm-legend-out .psm-sw-ring { border-radius: 50%; width: .8em; height: .8em; border: 2.5px solid #444;
  background: #fff; }
.psm-leg-note { color: #333; }
.psm-attribution { font-size: 13px; color: #4a4a4a; margin: 0; }
[data-testid="stMainBlockContainer"] { padding-top: 4.2rem; }
h1 { font-size: clamp(1.7rem, 2.2vw + .6rem, 2.4rem) !important; padding-top: .2rem !important; }
/* A page's sections are h2 under its h1 title (no level skipped for a screen reader), at the size Streamlit
   gives a subheader. */
[data-testid="stMain"] h2 { font-size: 1.5rem !important; }
table.psm-ranking { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.psm-ranking caption { caption-side: top; text-align: left; color: #4a4a4a; font-size: .9rem;
  padding-bottom: .3rem; }
table.psm-ranking th, table.psm-ranking td { text-align: left; padding: .18rem .3rem;
  border-bottom: 1px solid #e3e3e3; }
table.psm-ranking td:last-child, table.psm-ranking th:last-child { text-align: right; white-space: nowrap; }
dl.psm-project { margin: 0; padding: 0; } dl.psm-project dt { font-weight: 600; margin-top: .45rem; }
dl.psm-project dd { margin: 0; }
/* The home map: as tall as the screen allows below the title, so it is wholly on the first screen. */
.st-key-@HOME_MAP@ iframe { height: max(340px, calc(100vh - 14rem)) !important; }
@media (max-width: 640px) {
  /* On a phone the axis and strategy pickers come first, then the map, then the other controls: the controls'
     column dissolves into the row, so its parts can be placed around the map. */
  [data-testid="stColumn"]:has(.st-key-@FILTERS@),
  [data-testid="stColumn"]:has(.st-key-@FILTERS@) > [data-testid="stVerticalBlock"] { display: contents; }
  [data-testid="stColumn"]:has(.st-key-@FILTERS@) > [data-testid="stVerticalBlock"] > * { flex: 1 1 100%;
    width: 100%; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-@FILTERS@) { order: -2; }
  [data-testid="stColumn"]:has(.st-key-@HOME_MAP@) { order: -1; }
  .st-key-@HOME_MAP@ iframe { height: 62vh !important; }
}
/* The embed bar: only inside another site's page (?embed=true), where Streamlit hides its own header. */
.psm-embed-bar, html:not(.psm-embedded) [data-testid="stElementContainer"]:has(.psm-embed-bar) { display: none; }
html.psm-embedded .psm-embed-bar { display: flex; flex-wrap: wrap; gap: 2px 12px; align-items: baseline;
  font-size: 13px; color: #4a4a4a; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
html.psm-embedded .psm-embed-bar a { font-weight: 600; }
/* Another site's page shows one view: no navigation to the app's other pages (the link above opens them). */
html.psm-embedded header[data-testid="stHeader"] { display: none; }
html.psm-embedded [data-testid="stMainBlockContainer"] { padding-top: 1rem; }
/* The zone × strategy heatmap keeps readable cells on a phone and scrolls sideways. The minimum is on the frame
   Streamlit measures: Plotly draws at that width (on the chart itself, the figure stayed 356 px inside 920). */
.st-key-@HEATMAP@ { overflow-x: auto; }
.st-key-@HEATMAP@ [data-testid="stFullScreenFrame"] { min-width: 920px; }
/* The zone page's report link is a button, and its words wrap on a phone instead of being cut. */
.st-key-@ZONE_REPORT@ a { display: inline-flex; max-width: 100%; height: auto; padding: .55rem .9rem;
  border: 1px solid #0b3a82; border-radius: .5rem; background: #eef3fb; }
.st-key-@ZONE_REPORT@ a:hover { background: #dde8f8; }
.st-key-@ZONE_REPORT@ a, .st-key-@ZONE_REPORT@ a * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; color: #0b3a82 !important; font-weight: 600; line-height: 1.4; }
/* The needs and zone pages' four figures two by two on a phone, not four rows filling its first screen. */
@media (max-width: 640px) {
  .st-key-@NEEDS_FIGURES@ [data-testid="stHorizontalBlock"],
  .st-key-@ZONE_FIGURES@ [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
  .st-key-@NEEDS_FIGURES@ [data-testid="stColumn"], .st-key-@ZONE_FIGURES@ [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; }
}
</style>""".replace("@HOME_MAP@", k.MAP_CLICK).replace("@FILTERS@", k.MAP_FILTERS).replace(
    "@HEATMAP@", k.COVERAGE_HEATMAP).replace("@ZONE_REPORT@", k.ZONE_REPORT).replace(
    "@NEEDS_FIGURES@", k.NEEDS_FIGURES).replace("@ZONE_FIGURES@", k.ZONE_FIGURES)


def _json(value: object) -> str:
    """JSON for a script block: '</' cannot end the block early."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def embed_bar_html(full_view_url: str) -> str:
    """The compact header of an embedded view (hidden elsewhere by STYLE): where the data come from, and the
    same view in the full app, in a new tab. The address is escaped: it carries the URL's query."""
    return (f'<div class="psm-embed-bar"><span>{html.escape(lb.EMBED_TITLE)} · {html.escape(lb.ATTRIBUTION)}</span>'
            f'<a href="{html.escape(full_view_url)}" target="_blank" rel="noopener">{html.escape(lb.EMBED_LINK)}</a>'
            '</div>')


@functools.cache  # fixed text: made once per process, not on every run of every session
def head_html() -> str:
    """The style and the script every page starts with (one element)."""
    script = _SCRIPT % {"code_param": _json(CODE.name), "words": _json(INTERFACE_WORDS),
                        "short": _json(INTERFACE_SHORT_WORDS),
                        "patterns": _json(INTERFACE_PATTERNS), "content": _json(CONTENT), "status": _json(STATUS),
                        "navigation": _json(NAVIGATION), "regions": _json(SCROLL_REGIONS), "embed": _json(EMBED)}
    return '<div id="psm-chrome"></div>' + STYLE + script
