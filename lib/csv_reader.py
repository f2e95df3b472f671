"""Tolerant CSV reading: every problem becomes an `Issue`, and every readable row is kept."""
from __future__ import annotations

import csv
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from lib import schema as s
from lib.safe_text import clean_cells

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Delimiters people's spreadsheets commonly write instead of a comma, as a user would name them.
_WRONG_DELIMITERS = {";": "il punto e virgola", "\t": "il tabulatore", "|": "la barra verticale"}
# Characters in one cell: far above any real title or description (reports allow 2,000), far below what
# would fill a page or the server's memory. A longer cell is reported and its row skipped.
MAX_CELL_CHARS = 10_000
# The careful reader must reach the length check above instead of failing inside the csv module, whose
# default limit (128 KiB) raises an error that ends the whole read.
csv.field_size_limit(64 * 1024 * 1024)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing: a 100,000-row file makes millions of small strings
    (none in cycles), and the collections they trigger doubled the parse time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in an input file; `line` is the 1-based line in the file, None for the whole file.

    The message is Italian: it is shown to the staff who edit the file, on the sources page and by
    `python -m lib.registry.validate`.
    """

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, riga {self.line}"
        if self.column:
            where += f", colonna «{self.column}»"
        return f"{where}: {self.message}"


class FileFormatError(ValueError):
    """The file cannot be read as a table at all (encoding of the header, delimiter, columns)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


def _decode_lines(raw: bytes, file: str) -> tuple[list[tuple[int, str]], list[Issue]]:
    """Decode each physical line as UTF-8, reporting (not guessing) lines in another encoding."""
    try:  # the whole file at once when it is all UTF-8 (the usual case, and 4× faster)
        return [(n, line.rstrip("\r")) for n, line in enumerate(raw.decode("utf-8").split("\n"), start=1)], []
    except UnicodeDecodeError:
        pass
    if raw.startswith(_UTF16_BOMS):
        return [], [Issue(file, 1, None, "il file è in UTF-16: salvalo come CSV UTF-8")]
    lines: list[tuple[int, str]] = []
    issues: list[Issue] = []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append((number, chunk.decode("utf-8").rstrip("\r")))
        except UnicodeDecodeError as err:
            bad = chunk[err.start:err.start + 1].hex()
            issues.append(Issue(file, number, None,
                                f"non è UTF-8 valido (byte 0x{bad} al carattere {err.start + 1}): "
                                "salva il file come CSV UTF-8 (riga saltata)"))
    return lines, issues


def read_table(path: Path | str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, list[Issue]]:
    """Read a comma-separated UTF-8 file into string columns, keeping every readable row.

    Returns the rows (all cells as stripped strings, plus `source_line`) and the issues found.
    Raises FileFormatError when the header itself is unusable: wrong delimiter, missing columns, bad encoding.
    """
    path = Path(path)
    file = display_name(path)
    raw = path.read_bytes().removeprefix(_BOM)
    lines, issues = _decode_lines(raw, file)
    all_utf8 = not issues
    if not lines or issues and issues[0].line == 1:
        raise FileFormatError(issues or [Issue(file, None, None, "il file è vuoto")])
    first = next((i for i, (_, text) in enumerate(lines) if text.strip()), None)
    if first is None:
        raise FileFormatError([Issue(file, None, None, "il file è vuoto")])
    header_line, header_text = lines[first]
    header = [h.strip() for h in next(csv.reader([header_text]))]
    if len(header) == 1:
        for sep, label in _WRONG_DELIMITERS.items():
            if sep in header_text:
                raise FileFormatError([Issue(file, header_line, None,
                                             f"l'intestazione è separata con {label}: "
                                             "il file deve essere separato da virgole")])
    missing = [c for c in columns if c not in header]
    if missing:
        raise FileFormatError([Issue(file, header_line, None,
                                     f"mancano le colonne {', '.join(missing)}; "
                                     f"servono: {', '.join(columns)}")])
    for extra in (h for h in header if h not in columns):
        issues.append(Issue(file, header_line, extra, "colonna non prevista (ignorata)"))

    body = lines[first + 1:]
    while body and not body[-1][1]:  # the end of the last line
        body.pop()
    cells = _plain_columns(raw, header, columns, body) if first == 0 and all_utf8 else None
    if cells is not None:
        row_lines = [line for line, _ in body]
        row_issues: list[Issue] = []
    else:
        records, row_lines, row_issues = _read_rows(body, len(header), file)
        cells = dict(zip(header, zip(*records, strict=True), strict=True)) if records else {name: () for name in header}
    # Column by column: cleaning a whole column at once is fast when it needs nothing but strip().
    frame = pd.DataFrame({name: np.array(clean_cells(list(cells[name])), dtype=object) for name in columns},
                         dtype=object)
    frame[s.SOURCE_LINE] = row_lines
    frame, long_issues = _drop_long_cells(frame, columns, file)
    return frame, issues + row_issues + long_issues


def _drop_long_cells(frame: pd.DataFrame, columns: tuple[str, ...],
                     file: str) -> tuple[pd.DataFrame, list[Issue]]:
    """Skip (and report) rows with a cell longer than MAX_CELL_CHARS."""
    issues = []
    too_long = pd.Series(False, index=frame.index)
    for name in columns:
        lengths = frame[name].str.len()
        for index in lengths.index[lengths > MAX_CELL_CHARS]:
            if not too_long[index]:
                issues.append(Issue(file, int(frame.at[index, s.SOURCE_LINE]), name,
                                    f"cella troppo lunga: {lengths[index]:,} caratteri, al massimo "
                                    f"{MAX_CELL_CHARS:,} (riga saltata)".replace(",", ".")))
            too_long[index] = True
    if not issues:
        return frame, []
    return frame[~too_long].reset_index(drop=True), issues


def _plain_columns(raw: bytes, header: list[str], columns: tuple[str, ...],
                   body: list[tuple[int, str]]) -> dict[str, Sequence[str]] | None:
    """The columns by Arrow's CSV parser (4× faster) when the file is plain: header on line 1, distinct
    column names, no blank line, no line break inside a cell, every row complete. None otherwise: then
    the careful reader below finds and reports what is not plain."""
    if len(set(header)) != len(header) or not all(text.strip() for _, text in body):
        return None
    try:
        table = pacsv.read_csv(pa.BufferReader(raw), read_options=pacsv.ReadOptions(skip_rows=1, column_names=header),
                               parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
                               convert_options=pacsv.ConvertOptions(
                                   column_types=dict.fromkeys(header, pa.string()), include_columns=list(columns),
                                   strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowException:
        return None
    if table.num_rows != len(body):  # a quoted cell spans lines
        return None
    return {name: table.column(name).to_numpy() for name in columns}


def _read_rows(body: list[tuple[int, str]], width: int, file: str) -> tuple[list[list[str]], list[int], list[Issue]]:
    """Parse the numbered lines after the header; skip blank lines, and skip (and report) rows with the wrong
    number of fields. A quoted field may span lines and keeps its line breaks; a row is reported on the line
    where it starts."""
    reader = csv.reader(text + "\n" for _, text in body)
    rows, lines, issues, consumed = [], [], [], 0
    for fields in reader:
        line = body[min(consumed, len(body) - 1)][0]
        consumed = reader.line_num
        if not fields or len(fields) == 1 and not fields[0].strip():
            continue
        if len(fields) != width:
            issues.append(Issue(file, line, None, f"ha {len(fields)} campi, l'intestazione {width} "
                                "(una virgola fuori dalle virgolette o un separatore mancante?): riga saltata"))
            continue
        rows.append(fields)
        lines.append(line)
    return rows, lines, issues


def display_name(path: Path | str) -> str:
    """Show paths inside the project relative to it, others as given."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(s.DATA_DIR.parent))
    except ValueError:
        return str(path)
