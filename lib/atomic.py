"""Files that the app rewrites while others read them (feeds, the live plenary, map documents): written to a
temporary file in the same folder, then renamed over the old one, so a reader sees the old file or the new,
never half of one, and a failed write leaves no temporary file behind."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(folder: Path, name: str, content: bytes) -> Path:
    """Write `content` to `folder`/`name` (the folder is made if needed); return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return folder / name
