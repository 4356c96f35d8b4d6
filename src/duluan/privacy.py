"""Pseudonymisation of authors: a keyed hash, so the clear name is never stored."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata


def pseudonymise_author(author: str | None, secret: bytes) -> str | None:
    """HMAC-SHA256 of the normalised handle under the workspace secret, 32 hex chars.

    Normalising (NFC, trimmed, case-folded) first means "Nguyen.An" and " nguyen.an"
    count as one author for k-anonymity, as they are one account on every platform we read.
    """
    if author is None:
        return None
    handle = unicodedata.normalize("NFC", author).strip().casefold()
    if not handle:
        return None
    return hmac.new(secret, handle.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
