"""Italian text of the co-planning pages."""
from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from geo.territory import ZONES
from lib import config
from lib.event import model as m
from lib.submissions import guessing
from lib.views import fmt

if TYPE_CHECKING:
    from lib.event.saving import Conflict, Save

FACILITATOR_TITLE = "Tavolo di lavoro"
CODE_LABEL = "Codice del tavolo (es. K7QM-2XPA)"
CODE_HELP = "Il codice è sulla scheda del tavolo, con il QR code. Apre solo il tavolo della tua zona."
CODE_WRONG = "Codice non valido o non più attivo: controlla la scheda del tavolo o chiedi alla regia."
SAVE_PAUSED = ("Database non raggiungibile: il salvataggio è in pausa e riprova da solo (prossimo tentativo tra "
               "{seconds} secondi). Quanto hai scritto resta qui.")
READ_PAUSED = ("Database non raggiungibile: vedi quanto letto alle {time}. La pagina riprova da sola; puoi "
               "continuare a scrivere.")
OPEN_PAUSED = "Database non raggiungibile: la pagina riprova da sola tra pochi secondi."
NOT_SAVED_INVALID = "Non salvato: il testo contiene caratteri non accettati o è troppo lungo. Correggilo e riprova."
AUTHOR_LABEL = "Il tuo nome (facoltativo: lo vedono gli altri telefoni dello stesso tavolo)"
SOMEONE = "un altro telefono"
# Why the table's access ended (lib.event.access reasons), said at the next save.
ENDED = {
    "revoked": "La regia ha dato un nuovo codice a questo tavolo: quello con cui l'hai aperto non vale più. "
               "Inserisci il nuovo codice per continuare.",
    "closed": "La regia ha chiuso la giornata: non si può più salvare.",
    "expired": "I codici di questa giornata sono scaduti: chiedi alla regia di prorogarli.",
}
UNSAVED_TITLE = "Non ancora salvato (resta qui: copialo o salvalo quando il tavolo è di nuovo aperto):"
CONFLICT_NOTICE = "Qualcuno ha salvato la stessa cosa mentre scrivevi: scegli qui sotto cosa tenere."
CONFLICT_TITLE = "Da decidere"
CONFLICT_RANKING = "Le priorità: {who} le ha salvate alle {time}."
CONFLICT_EDITED = "Un contributo: {who} lo ha modificato alle {time}."
CONFLICT_DELETED = "Un contributo: {who} lo ha eliminato alle {time}."
CONFLICT_MINE, CONFLICT_THEIRS = "La tua versione", "La sua versione"
# Choices in a conflict, by what happened meanwhile (lib.event.saving: MINE, THEIRS, BOTH).
CHOICES_EDITED = {"mine": "Tieni la mia", "theirs": "Tieni la sua", "both": "Tienile entrambe"}
CHOICES_DELETED = {"mine": "Ripristina con il mio testo", "theirs": "Lascia eliminato"}
CHOICES_MY_DELETE = {"mine": "Elimina comunque", "theirs": "Tieni la sua"}
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
CODES_ONCE = ("Giornata creata. Ecco i codici dei tavoli, mostrati solo adesso: stampa le schede (PDF qui sotto) "
              "o annotali. Se una scheda si perde, genera un nuovo codice per quel tavolo.")
CARDS_NEED_ADDRESS = ("Le schede con il QR code non si stampano senza l'indirizzo pubblico dell'app (variabile "
                      f"{config.PUBLIC_URL.name}, vedi il README): i telefoni non aprirebbero un indirizzo interno. "
                      "Annota i "
                      "codici qui sopra, oppure imposta l'indirizzo e genera nuovi codici.")
PLENARY_TITLE = "Plenaria"
NO_EVENT = "Nessuna giornata di co-pianificazione è stata ancora creata: la crea la regia."
# The plenary synthesis' three parts, shown in turn on the room's screen (lib/event/plenary.py).
PLENARY_PARTS = ("Le priorità più scelte", "Priorità scoperte: scelte dove il piano in vigore non ha progetti",
                 "Dai tavoli, per tema")
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


def _short(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _ranking_text(priorities: tuple[m.Priority, ...] | list[m.Priority]) -> str:
    return " · ".join(f"{p.rank}. {p.item}" + (f" ({p.reason})" if p.reason else "") for p in priorities) or "nessuna"


def save_text(save: Save) -> str:
    """What one unsaved save holds, in words: a ranking, a contribution's text, or its deletion."""
    if save.ranking or not save.kind:
        return "Priorità: " + _ranking_text(save.ranking)
    return ("Eliminare: " if save.deleted else f"{kind_label(save.kind)}: ") + save.text


def current_text(current: m.Ranking | m.Contribution | None) -> str:
    """What is saved now, against which a save conflicted."""
    if current is None:
        return "niente"
    if isinstance(current, m.Ranking):
        return _ranking_text(current.priorities)
    return f"(eliminato) {_short(current.text)}" if current.deleted else current.text


def conflict_heading(conflict: Conflict) -> str:
    """'Le priorità: Marta le ha salvate alle 10:42.' and the like."""
    current = conflict.current
    who = (current.author if current is not None else "") or SOMEONE
    when = fmt.date_time(current.saved_at)[-5:] if current is not None else ""
    if isinstance(current, m.Ranking) or current is None:
        return CONFLICT_RANKING.format(who=who, time=when)
    return (CONFLICT_DELETED if current.deleted else CONFLICT_EDITED).format(who=who, time=when)


def conflict_choices(conflict: Conflict) -> dict[str, str]:
    """The buttons of a conflict: a deletion is undone only by restoring the text on purpose."""
    current = conflict.current
    if isinstance(current, m.Contribution) and current.deleted:
        return CHOICES_DELETED
    if conflict.save.deleted:
        return CHOICES_MY_DELETE
    return CHOICES_EDITED


def plenary_stale(read_at: str) -> str:
    """The line above the plenary's synthesis while the database does not answer (HTML, escaped)."""
    return (f'<p class="psm-hint psm-stale">Sintesi aggiornata alle {html.escape(read_at)}: il database non '
            "risponde, la pagina riprova da sola.</p>")


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
