"""Folders of saved text and HTML files, read in a stable order.

Text files are handed on as bytes: old Vietnamese files are often in TCVN3, VNI or
Windows-1258, and the pipeline's decoder, not this reader, knows how to tell them apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import SourceError, UsageError
from ..problem_text import problem_message
from ..records import DOCUMENT_KINDS, RawItem, RawReject
from .base import Source, SourceOutput
from .pages import extract_page

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")


class FolderSource(Source):
    """Every .txt, .html and .htm file under `path`; after `read`, `skipped` lists the rest."""

    kind = "folder"

    def __init__(self, path: str | Path, recursive: bool = True, kind: str = "page") -> None:
        if kind not in DOCUMENT_KINDS:
            raise UsageError(
                f"unknown document kind '{kind}'; expected one of: {', '.join(DOCUMENT_KINDS)}"
            )
        self.path = Path(path)
        self.recursive = recursive
        self.document_kind = kind
        self.skipped: list[str] = []

    def read(self) -> Iterator[SourceOutput]:
        if not self.path.is_dir():
            raise SourceError(problem_message("not_a_folder" if self.path.exists() else "folder_missing", path=self.path))
        self.skipped = []
        for file in self._files():
            suffix = file.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                yield self._read_text(file)
            elif suffix in HTML_SUFFIXES:
                yield self._read_html(file)
            else:
                self.skipped.append(str(file))

    def _files(self) -> list[Path]:
        """All files, sorted by their path inside the folder so every run sees one order."""
        if not self.recursive:
            return sorted(p for p in self.path.iterdir() if not p.is_dir())
        found: list[Path] = []
        # os.walk does not follow symlinked folders, so a link loop cannot trap us.
        for root, _dirs, names in os.walk(self.path):
            found.extend(Path(root) / name for name in names)
        return sorted(found, key=lambda p: p.relative_to(self.path).parts)

    def _read_bytes(self, file: Path) -> bytes | RawReject:
        try:
            return file.read_bytes()
        except OSError as err:
            return RawReject(
                reason="unreadable_file",
                message=problem_message("cannot_read", path=file, detail=err.strerror or err),
                origin=str(file),
                raw="",
            )

    def _read_text(self, file: Path) -> SourceOutput:
        body = self._read_bytes(file)
        if isinstance(body, RawReject):
            return body
        if not body.strip():
            return RawReject(
                reason="empty_text", message=problem_message("file_empty", file=file), origin=str(file), raw=""
            )
        return RawItem(kind=self.document_kind, text=body, origin=str(file))

    def _read_html(self, file: Path) -> SourceOutput:
        body = self._read_bytes(file)
        if isinstance(body, RawReject):
            return body
        return extract_page(body, str(file), kind=self.document_kind)
