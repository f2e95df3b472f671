"""Tolerant CSV reading: every problem becomes an `Issue`, and every readable row is kept."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib import schema as s

# Delimiters people's spreadsheets commonly write instead of a comma.
_WRONG_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in an input file; `line` is the 1-based line in the file, None for the whole file."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class FileFormatError(ValueError):
    """The file cannot be read as a table at all (encoding of the header, delimiter, columns)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


def _decode_lines(raw: bytes, file: str) -> tuple[list[tuple[int, str]], list[Issue]]:
    """Decode each physical line as UTF-8, reporting (not guessing) lines in another encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    lines: list[tuple[int, str]] = []
    issues: list[Issue] = []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append((number, chunk.decode("utf-8").rstrip("\r")))
        except UnicodeDecodeError as err:
            bad = chunk[err.start:err.start + 1].hex()
            issues.append(Issue(file, number, None,
                                f"not valid UTF-8 (byte 0x{bad} at character {err.start + 1}); "
                                "save the file as UTF-8 (this row was skipped)"))
    return lines, issues


def read_table(path: Path | str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, list[Issue]]:
    """Read a comma-separated UTF-8 file into string columns, keeping every readable row.

    Returns the rows (all cells as stripped strings, plus `source_line`) and the issues found.
    Raises FileFormatError when the header itself is unusable: wrong delimiter, missing columns, bad encoding.
    """
    path = Path(path)
    file = display_name(path)
    lines, issues = _decode_lines(path.read_bytes(), file)
    if not lines or issues and issues[0].line == 1:
        raise FileFormatError(issues or [Issue(file, None, None, "the file is empty")])
    numbered = [(n, text) for n, text in lines if text.strip()]
    if not numbered:
        raise FileFormatError([Issue(file, None, None, "the file is empty")])
    header_line, header_text = numbered[0]
    header = [h.strip() for h in next(csv.reader([header_text]))]
    if len(header) == 1:
        for sep, label in _WRONG_DELIMITERS.items():
            if sep in header_text:
                raise FileFormatError([Issue(file, header_line, None,
                                             f"the header is {label}-separated; this file must be comma-separated")])
    missing = [c for c in columns if c not in header]
    if missing:
        raise FileFormatError([Issue(file, header_line, None,
                                     f"missing column(s): {', '.join(missing)}; expected {', '.join(columns)}")])
    for extra in (h for h in header if h not in columns):
        issues.append(Issue(file, header_line, extra, "unexpected column (ignored)"))

    records: list[list[str]] = []
    row_lines: list[int] = []
    # csv.reader over the remaining lines keeps quoted fields that span lines together.
    body = numbered[1:]
    reader = csv.reader(text for _, text in body)
    for fields in reader:
        line = body[reader.line_num - 1][0] if reader.line_num <= len(body) else body[-1][0]
        if len(fields) != len(header):
            issues.append(Issue(file, line, None,
                                f"has {len(fields)} fields, the header has {len(header)} "
                                "(an unquoted comma or a missing delimiter?); this row was skipped"))
            continue
        records.append([f.strip() for f in fields])
        row_lines.append(line)
    frame = pd.DataFrame(records, columns=header, dtype="object")
    frame = frame.reindex(columns=list(columns)).fillna("").astype("object")
    frame[s.SOURCE_LINE] = row_lines
    return frame, issues


def display_name(path: Path | str) -> str:
    """Show paths inside the project relative to it, others as given."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(s.DATA_DIR.parent))
    except ValueError:
        return str(path)
