"""Italian text of the reporting and moderation pages, keyed by field names and status codes."""
from __future__ import annotations

from datetime import datetime

from lib.safe_text import escape_markdown
from lib.submissions import fields as f
from lib.submissions import tracking
from lib.submissions.tracking import ReceiptLookup
from lib.views import labels as base_labels

FIELD_LABELS = {
    f.ZONES: "Zone omogenee",
    f.COMUNI: "Comuni",
    f.TITLE: "Titolo del progetto",
    f.STRATEGIES: "Strategie del PSM",
    f.DESCRIPTION: "Descrizione",
    f.PROMOTER: "Promotore",
    f.CATEGORY: "Categoria",
    f.SENDER_NAME: "Il tuo nome e cognome",
    f.SENDER_EMAIL: "La tua email",
    f.SENDER_ROLE: "Il tuo ruolo (es. referente della zona 7)",
    f.PROJECT_ID: "Progetto da correggere",
    f.ACTOR: "Nome del moderatore",
    f.REASON: "Motivo",
}

STATUS_LABELS = {
    f.STATUS_PENDING: "In attesa",
    f.STATUS_APPROVED: "Approvata",
    f.STATUS_REJECTED: "Respinta",
}
KIND_LABELS = {f.KIND_NEW: "Progetto mancante", f.KIND_CORRECTION: "Correzione"}
SENDER_ACTOR_LABEL = "segnalante"
# How approved reports are flagged on the map and zone pages.
REPORTED_FLAG = base_labels.REPORTED_FLAG

REPORT_TITLE = "Segnala un progetto"
REPORT_INTRO = ("Manca un progetto della tua zona, o un dato è sbagliato? Segnalalo qui: la redazione "
                "verifica ogni segnalazione prima di pubblicarla sulla mappa.")
CORRECTION_INTRO = "Stai segnalando una correzione al progetto {project_id}: modifica i campi sbagliati."
SENDER_NOTE = "Chi segnala (serve solo alla redazione per eventuali chiarimenti, non viene pubblicato):"
SUBMIT = "Invia la segnalazione"
RECEIPT = "Segnalazione ricevuta. Numero di ricevuta: **{receipt}**. Conservalo per eventuali richieste."
RECEIPT_NEXT = ("La redazione verifica ogni segnalazione prima di pubblicarla sulla mappa, dove compare "
                "come «segnalato».")
NEW_REPORT = "Invia un'altra segnalazione"
TRACK_TITLE = "Dove è arrivata la tua segnalazione?"
TRACK_FIELD = "Numero di ricevuta (es. SEG-7KQ2-M9XD)"
TRACK_SUBMIT = "Controlla"
TRACK_MALFORMED = ("Questo non è un numero di ricevuta: ha la forma SEG-XXXX-XXXX, con lettere e cifre, "
                   "come nel messaggio di conferma.")
TRACK_NOT_FOUND = ("Nessuna segnalazione ha la ricevuta {receipt}. Controlla di averla scritta come nel messaggio "
                   "di conferma.")
TRACK_IN_RELEASE = "È nella release {number} del registro (pagina Novità)."
TRACK_NEXT_RELEASE = "Entrerà nella prossima release del registro."
TRACK_STATES = {
    f.STATUS_PENDING: "Segnalazione {receipt}, inviata il {sent}: **in moderazione**. La redazione non l'ha ancora "
                      "esaminata.",
    f.STATUS_APPROVED: "Segnalazione {receipt}, inviata il {sent}: **approvata** il {date}. Compare sulla mappa "
                       "come «segnalato».",
    f.STATUS_REJECTED: "Segnalazione {receipt}, inviata il {sent}: **respinta** il {date}. Motivo della redazione: "
                       "{reason}",
}


def track_notice(lookup: ReceiptLookup) -> tuple[str, str]:
    """How the page answers a lookup: the kind of message ("success", "info", "warning", "error") and its text."""
    if lookup.outcome == tracking.MALFORMED:
        return "error", TRACK_MALFORMED
    if lookup.outcome == tracking.NOT_FOUND:
        return "warning", TRACK_NOT_FOUND.format(receipt=escape_markdown(lookup.receipt))
    assert lookup.sent_at is not None and lookup.changed_at is not None  # FOUND sets both (tells the type checker)
    level = {f.STATUS_APPROVED: "success", f.STATUS_REJECTED: "warning"}.get(lookup.status, "info")
    text = track_message(lookup.receipt, lookup.status, lookup.sent_at, lookup.changed_at, lookup.reason)
    if lookup.status == f.STATUS_APPROVED:
        text += " " + (TRACK_IN_RELEASE.format(number=lookup.release) if lookup.release else TRACK_NEXT_RELEASE)
    return level, text


def track_message(receipt: str, status: str, sent: datetime, changed: datetime, reason: str) -> str:
    """The state of one report for its sender; the moderator's reason is escaped for Markdown."""
    return TRACK_STATES[status].format(receipt=receipt, sent=f"{sent:%d/%m/%Y}", date=f"{changed:%d/%m/%Y}",
                                       reason=escape_markdown(reason))
FIX_BELOW = ("La segnalazione non è stata inviata: correggi {fields} (segnati sopra, con il motivo). Nulla di quanto "
             "scritto è perso.")
STORAGE_ERROR = ("Non è stato possibile salvare la segnalazione: l'archivio non è scrivibile o è pieno. "
                 "I dati inseriti sono ancora nel modulo: riprova tra qualche minuto o avvisa la redazione.")
RATE_LIMITED = ("Sono arrivate troppe segnalazioni in poco tempo, da questo indirizzo o in totale. Riprova tra "
                "{minutes} minuti: i dati inseriti restano nel modulo.")
MODERATION_DISABLED = ("La moderazione è disattivata: nessuna credenziale è configurata. Impostare "
                       "`moderator_password` nei secrets di Streamlit o la variabile d'ambiente "
                       "PSM_MODERATOR_PASSWORD.")
LOGIN_FAILED = "Password errata."
NAME_NEEDED = "Indica il tuo nome: compare nel registro delle modifiche."
MODERATION_TITLE = "Moderazione delle segnalazioni"
STORAGE_ERROR_MODERATION = ("Non è stato possibile salvare la decisione: l'archivio non è scrivibile "
                            "o è pieno. Nulla è stato cambiato: riprova più tardi.")
STORAGE_READ_ERROR = "L'archivio delle segnalazioni non è raggiungibile in questo momento: riprova più tardi."
CONFLICT = "Nel frattempo qualcun altro ha cambiato questa segnalazione: controlla lo stato e riprova."
NO_SUBMISSIONS = "Nessuna segnalazione con questo stato."
ACTION_DONE = {
    f.ACTION_APPROVE: "Segnalazione {receipt} approvata: compare sulla mappa come «segnalato».",
    f.ACTION_REJECT: "Segnalazione {receipt} respinta.",
    f.ACTION_EDIT: "Modifica della segnalazione {receipt} salvata; l'originale resta conservato.",
}
EXPORT_HELP = ("Righe con le stesse colonne di data/projects.csv, già validate: i nuovi progetti vanno "
               "aggiunti in fondo al file, le correzioni sostituiscono la riga con lo stesso ID.")
EXPORT_ISSUES = ("Segnalazioni approvate che non passano la validazione del registro "
                 "(escluse dall'esportazione):")

_MESSAGES = {
    f.PROBLEM_REQUIRED: "«{label}» è obbligatorio.",
    f.PROBLEM_TOO_LONG: "«{label}» è troppo lungo: al massimo {limit} caratteri (ora {size}).",
    f.PROBLEM_TOO_MANY: "«{label}»: al massimo {limit} voci (ora {size}).",
    f.PROBLEM_UNKNOWN: "«{label}»: valore non riconosciuto {values}; scegli dall'elenco.",
    f.PROBLEM_EMAIL: "«{label}» non sembra un indirizzo valido (esempio: nome.cognome@comune.it).",
    f.PROBLEM_NO_CATEGORY: "Manca la categoria: sceglila con «Modifica» prima di approvare.",
    f.PROBLEM_NO_STRATEGY: "Manca la strategia del PSM: indicala con «Modifica» prima di approvare.",
    f.PROBLEM_REGISTRY: "La riga non passa la validazione del registro: {values}",
    f.PROBLEM_FORMULA: ("«{label}» non può iniziare con {values}: i fogli di calcolo lo leggerebbero come "
                        "formula. Riscrivi l'inizio del testo."),
}


def form_label(name: str) -> str:
    """The widget label of a field; required fields are starred."""
    return FIELD_LABELS[name] + (" *" if name in f.REQUIRED else "")


def fix_fields(problems: list[f.Problem]) -> str:
    """The summary beside the send button: which fields to correct, in the form's order, by their labels."""
    names = list(dict.fromkeys(FIELD_LABELS.get(p.field, p.field) for p in problems))
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " e " + names[-1]
    return FIX_BELOW.format(fields=listed)


def problem_message(problem: f.Problem) -> str:
    """The Italian sentence for one validation problem, with user-typed values escaped for Markdown."""
    values = ", ".join(f"«{v}»" for v in problem.values)
    return _MESSAGES[problem.code].format(label=FIELD_LABELS.get(problem.field, problem.field),
                                          limit=problem.limit, size=problem.size,
                                          values=escape_markdown(values))


def limit_help(name: str) -> str | None:
    """The tooltip of a text field that has a length limit."""
    limit = f.TEXT_LIMITS.get(name)
    return f"Al massimo {limit} caratteri." if limit else None


def minutes_label(seconds: float) -> int:
    """Whole minutes to wait, at least 1."""
    return max(1, int(seconds + 59) // 60)


# Registry releases, published from the moderation page (lib/submissions/releases.py).
RELEASE_HELP = ("Una release fissa il registro come la dashboard lo mostra ora (il file con le segnalazioni "
                "approvate): riceve un numero e una data, non si può più modificare, e la pagina Novità mostra a "
                "ogni zona che cosa è cambiato rispetto alla precedente.")


def release_done(number: int, n_projects: int) -> str:
    """What the moderator reads once a release is made."""
    return f"Pubblicata la release {number}: {n_projects} progetti. La pagina Novità la mostra già."
