"""Uploaded spreadsheets between their preview and the editor's 确认导入.

* An upload larger than the limit is not read past the limit (``SizeCappedUploadHandler``): the request
  carries ``upload_too_large`` and the import page says so.
* The file waits in a folder of its own under a random token; the confirmation form carries only that token,
  and the token must be one this editor's session was given for this kind of record. No name a browser sends
  ever reaches the file system.
* Claiming a file renames it first (atomic), so a 确认导入 sent twice imports once; files nobody confirmed
  are deleted a day later, whenever somebody uploads.
"""
from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from yearbook.sheets import Limits

SESSION_KEY = "yearbook_imports"
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_AGE = 24 * 3600
MAX_PENDING = 20   # previews one session may hold


def limits() -> Limits:
    return Limits(**getattr(settings, "IMPORT_LIMITS", {}))


def folder() -> Path:
    path = Path(getattr(settings, "IMPORT_TEMP_DIR", "") or Path(tempfile.gettempdir()) / "yearbook-imports")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


class SizeCappedUploadHandler(FileUploadHandler):
    """Stops an upload once it passes the import limit; the rest of the request is read and discarded."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > limits().bytes:
            if self.request is not None:
                self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@dataclass
class Pending:
    token: str
    model: str
    format: str
    name: str


def save(request, uploaded, *, model: str, fmt: str) -> Pending:
    """Keep an uploaded file for its confirmation; remember its token in the editor's session."""
    sweep()
    token = secrets.token_urlsafe(24)
    path = folder() / f"{token}.upload"
    with open(path, "xb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    pending = request.session.get(SESSION_KEY, {})
    for old in sorted(pending, key=lambda t: pending[t]["at"])[:max(0, len(pending) - MAX_PENDING + 1)]:
        discard(old)
        pending.pop(old)
    pending[token] = {"model": model, "format": fmt, "name": Path(uploaded.name or "").name[:200],
                      "at": time.time()}
    request.session[SESSION_KEY] = pending
    return Pending(token, model, fmt, pending[token]["name"])


def claim(request, token: str, *, model: str) -> tuple[Pending | None, bytes | None]:
    """The file of ``token`` for this session and model, taken out of waiting (a second claim gets None)."""
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.get(token) if isinstance(token, str) and TOKEN.fullmatch(token) else None
    if entry is None or entry.get("model") != model:
        return None, None
    pending.pop(token)
    request.session[SESSION_KEY] = pending
    info = Pending(token, model, entry["format"], entry["name"])
    path, taken = folder() / f"{token}.upload", folder() / f"{token}.claimed"
    try:
        os.rename(path, taken)
    except FileNotFoundError:
        return info, None
    try:
        return info, taken.read_bytes()
    finally:
        taken.unlink(missing_ok=True)


def discard(token: str) -> None:
    if TOKEN.fullmatch(token or ""):
        (folder() / f"{token}.upload").unlink(missing_ok=True)


def sweep(max_age: int = MAX_AGE) -> int:
    """Delete the files of previews nobody confirmed within ``max_age`` seconds."""
    gone = 0
    cutoff = time.time() - max_age
    for path in folder().glob("*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                gone += 1
        except FileNotFoundError:
            pass
    return gone
