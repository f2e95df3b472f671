"""Italian text of the co-planning pages."""
from __future__ import annotations

from datetime import datetime

from geo.territory import ZONES
from lib.event import model as m
from lib.submissions import guessing
from lib.views import fmt

FACILITATOR_TITLE = "Tavolo di lavoro"
CODE_LABEL = "Codice del tavolo (es. K7QM-2XPA)"
CODE_HELP = "Il codice è sulla scheda del tavolo, con il QR code. Apre solo il tavolo della tua zona."
CODE_WRONG = "Codice non valido o non più attivo: controlla la scheda del tavolo o chiedi alla regia."
STORAGE_DOWN = ("Il salvataggio non è riuscito: il database non risponde. Quanto scritto è ancora qui: "
                "riprova tra poco.")
SESSION1 = "Sessione 1 · Le priorità della zona"
SESSION1_HELP = ("Scegli e metti in ordine fino a {n} voci che contano di più per la zona, ciascuna con un motivo "
                 "in una riga. Ogni scelta è salvata subito.")
SESSION2 = "Sessione 2 · Come si declinano sul territorio"
SESSION2_HELP = ("Per ogni priorità aggiungi progetti e programmi in corso, reti di attori, fattori abilitanti e "
                 "precondizioni. Premi Invio: il contributo è salvato subito.")
NO_PRIORITY_YET = "Scegli prima le priorità nella sessione 1."
RANK_LABEL = "Priorità {rank}"
REASON_LABEL = "Motivo (una riga)"
NEW_TEXT_LABEL = "Nuovo contributo ({kind}) · Invio per salvare"
COMUNI_LABEL = "Comuni coinvolti (facoltativo)"
SAVED = "Salvato alle {time}."
DELETE = "Elimina"
EMPTY_CHOICE = "— nessuna —"
REGIA_TITLE = "Regia della giornata di co-pianificazione"
PLENARY_TITLE = "Plenaria"
NO_EVENT = "Nessuna giornata di co-pianificazione è stata ancora creata: la crea la regia."
# The plenary's screens ask for news this often (seconds): a save shows within this plus the version cache's
# lifetime (lib/data/event.py); more often would cost the server more than a room of screens allows.
PLENARY_REFRESH_S = 3.0
REGIA_REFRESH_S = 5.0
# What is being guessed, as the regia's alert names it.
GUESSED = {guessing.CODE: "Codici del tavolo errati",
           guessing.LOGIN: "Accessi alla regia o alla moderazione falliti"}
GUESSING_NOBODY_LOCKED = ("Nessuno è bloccato: le verifiche rallentano, e un telefono che non ha sbagliato "
                          "entra entro 2 secondi.")


def table_title(zone_id: int) -> str:
    """'Tavolo della Zona 7 – Ciriacese-Valli di Lanzo'."""
    return f"Tavolo della Zona {zone_id} – {ZONES[zone_id].name}"


def kind_label(kind: str) -> str:
    """The Italian name of a kind of contribution."""
    return m.CONTRIBUTION_KINDS[kind]


def limit_help(name: str) -> str:
    """The tooltip of a text field with a length limit."""
    return f"Al massimo {m.TEXT_LIMITS[name]} caratteri."


def too_long(name: str, size: int) -> str:
    """Why a text was not saved: the limit and how long it is (nothing typed is cut)."""
    return f"Non salvato: al massimo {m.TEXT_LIMITS[name]} caratteri (ora {size}). Accorcia il testo."


def applied_notice(done: int, when: datetime) -> str:
    """What the regia's «Applica» did, kept on screen: '2 azioni registrate alle 10:42.'."""
    if done == 0:
        return f"Nessuna modifica da registrare ({fmt.date_time(when)[-5:]})."
    return f"{fmt.count(done, 'azione registrata', 'azioni registrate')} alle {fmt.date_time(when)[-5:]}."


def guessing_alert(report: guessing.Report) -> str | None:
    """The regia's warning, or None if nothing failed: 'Codici del tavolo errati negli ultimi 15 minuti:
    1.000 da 3 indirizzi (più attivi: 151.0.0.1 950, …).' Nobody is locked out; checks only slow down."""
    lines = []
    for kind, label in GUESSED.items():
        if report.failures[kind]:
            top = ", ".join(f"{client} {fmt.number(n)}" for client, n in report.top[kind])
            lines.append(f"{label} negli ultimi {fmt.number(report.window_s // 60)} minuti: "
                         f"{fmt.number(report.failures[kind])} da "
                         f"{fmt.count(report.addresses[kind], 'indirizzo', 'indirizzi')} "
                         f"(più attivi: {top}).")
    if not lines:
        return None
    return "  \n".join(lines) + " " + GUESSING_NOBODY_LOCKED
