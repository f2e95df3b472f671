"""CI smoke check: `python -m bench.check bench/results.json` exits 1 when the file is not a valid result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.report import check_results


def main(argv: list[str] | None = None) -> int:
    """Validate one results file; print what is wrong."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "bench/results.json")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        print(f"{path}: {err}")
        return 1
    problems = check_results(results)
    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: valid, {len(results['figures'])} figures")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
