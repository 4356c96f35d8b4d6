"""Cutting a text to fit a cell, a label or a snippet, at a word boundary."""

from __future__ import annotations

__all__ = ["shorten"]


def shorten(text: str, size: int) -> str:
    """`text` itself when it fits in `size` characters; else its words that fit in
    size - 1 characters and "…" (so the result never exceeds `size`)."""
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + "…"
