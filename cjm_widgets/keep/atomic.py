"""Write a file so that a reader sees the old version or the new one, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, chunks: Iterable[str] | bytes) -> None:
    """Write ``chunks`` (UTF-8, "\\n" line ends), or ``bytes`` as they are, to a temporary file
    beside ``path``, flush and fsync it, then put it in ``path``'s place. On any failure,
    ``path`` is as it was and the temporary file is gone. A link is written through: the file
    it points to is replaced, the link stays."""
    path = Path(os.path.realpath(Path(path).expanduser()))
    directory = path.parent
    if not directory.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"cannot write {path.name}: no such folder", str(directory)
        )
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file to write", str(path))
    temporary = directory / f".{path.name}.{secrets.token_hex(4)}.tmp"
    # 0o666 and the umask, as for any new file (mkstemp would make it private).
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        binary = isinstance(chunks, bytes)
        with (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        ) as out:
            for chunk in [chunks] if binary else chunks:
                out.write(chunk)  # type: ignore[arg-type]
            out.flush()
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))  # keep its mode
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); where a directory cannot be opened, skip."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
