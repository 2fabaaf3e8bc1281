"""Files written once and atomically: uploaded images and frozen versions, named by content."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_once(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` atomically unless the file exists (same name, same content).

    A reader never sees half a file, and two writers racing leave one whole file.
    """
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".write-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
