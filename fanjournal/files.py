"""Files that are never half-written: atomic replace, fsync, private modes.

Shared by everything that writes (the journal store, config.toml, caches, the prompt state,
exports), so none of them needs another's module to write safely.
"""

import os
from pathlib import Path
from typing import Any

from fanjournal.errors import FanError
from fanjournal.i18n import _

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_dir(path: Path) -> None:
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except OSError as error:
        raise FanError(_("cannot create folder {path}: {error}").format(
            path=path, error=error.strerror)) from None


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file, whole.

    `durable=False` skips the fsyncs: for derived files (caches) that may be lost.
    A symlink (a year file kept in a synced folder) is followed: its target is replaced."""
    if path.is_symlink():
        path = path.resolve()
    ensure_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as error:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise FanError(_("cannot write {path}: {error}").format(path=path, error=error.strerror)) \
            from None
    if durable:
        fsync_dir(path.parent)


def write_toml(path: Path, data: dict[str, Any]) -> None:
    import tomli_w

    atomic_write(path, tomli_w.dumps(data).encode())


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FanError(_("cannot read {path}: {error}").format(path=path, error=error.strerror)) \
            from None
