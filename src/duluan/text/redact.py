"""Redact phone numbers, e-mail addresses and ID numbers from text before it is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PLACEHOLDERS", "Redaction", "redact_pii"]

PLACEHOLDERS = {"phone": "[SĐT]", "email": "[EMAIL]", "id_number": "[CCCD]"}


@dataclass
class Redaction:
    """Redacted text and how many of each kind were replaced (keys of PLACEHOLDERS)."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)
# URLs are kept whole: an article id inside one ("...-4612345678.html") is not a phone.
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*", re.IGNORECASE)
# Digits in groups split by one space, dot or hyphen, an optional +84 / (0xx) in front.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w.,/+-])(?:\(\+?84\)|\+\s?84|\(0\d{1,3}\)|\d)(?:[ .-]?\(?\d+\)?)+(?![\w])(?![.,]\d)"
)
_MONEY = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
# Words after a number that make it an amount or a measure, not an identifier.
_AMOUNT_AFTER = re.compile(
    r"\s*(?:đ\b|đồng|dong\b|vnđ|vnd|usd|\$|%|tỷ|ty\b|triệu|trieu|nghìn|nghin|ngàn|ngan|"
    r"lượt|luot|người|nguoi|m2|km|kg|ha\b)",
    re.IGNORECASE,
)
_ID_KEYWORD = re.compile(
    r"(?:cmnd|cccd|cmt|căn cước(?: công dân)?|can cuoc(?: cong dan)?|"
    r"chứng minh(?: nhân dân| thư)?|chung minh(?: nhan dan| thu)?|"
    r"(?:số )?định danh(?: cá nhân)?|(?:so )?dinh danh(?: ca nhan)?)"
    r"(?:\s*(?:số|so|là|la|:|#|-))*\s*(\d(?:[ .]?\d){8,11})(?!\d)",
    re.IGNORECASE,
)
_BARE_ID = re.compile(r"(?<![\w.,/+-])(?:\d{9}|\d{12})(?![\w]|[.,]\d)")


def _phone_digits(candidate: str) -> str | None:
    """The national form (0 + 9 or 10 digits) if `candidate` is a Vietnamese phone number."""
    digits = re.sub(r"\D", "", candidate)
    international = candidate.lstrip("(").startswith(("+84", "84"))
    if international and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.startswith("0"):
        return None
    if len(digits) == 10 and digits[1] in "35789":  # mobile: 03x, 05x, 07x, 08x, 09x
        return digits
    if len(digits) == 11 and digits[1] == "2":  # landline since 2017: 02x + 8 digits
        return digits
    return None


def _phone_span(candidate: str) -> tuple[int, int] | None:
    """Start and end of the first, longest phone number among `candidate`'s digit groups.

    The candidate regex takes every group in a row, so a phone number can sit among
    other numbers ("năm 2023 0912 345 678"): try each run of whole groups.
    """
    groups = list(re.finditer(r"\(?\+?\d+\)?", candidate))
    for i, first in enumerate(groups):
        for last in reversed(groups[i:]):
            found = candidate[first.start() : last.end()]
            if _phone_digits(found):
                # A closing parenthesis belongs to the text around: "(0912 345 678)".
                unbalanced = found.endswith(")") and found.count(")") > found.count("(")
                return first.start(), last.end() - unbalanced
    return None


def _is_amount(text: str, end: int) -> bool:
    return _AMOUNT_AFTER.match(text, end) is not None


def _redact_outside_urls(text: str, counts: dict[str, int]) -> str:
    # 1. Numbers named as IDs ("CCCD số 001 203 004 567"), keeping the words before them.
    def id_after_keyword(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) not in (9, 12):
            return match.group(0)
        counts["id_number"] += 1
        keep = match.group(0)[: match.start(1) - match.start(0)]
        return keep + PLACEHOLDERS["id_number"]

    text = _ID_KEYWORD.sub(id_after_keyword, text)

    # 2. Phone numbers, unless the number is an amount ("84.500.000 đồng").
    def phone(match: re.Match[str]) -> str:
        rest = match.group(0)
        if _MONEY.fullmatch(rest) or _is_amount(match.string, match.end()):
            return rest
        out = []
        while (span := _phone_span(rest)) is not None:
            counts["phone"] += 1
            out.append(rest[: span[0]] + PLACEHOLDERS["phone"])
            rest = rest[span[1] :]
        return "".join(out) + rest

    text = _PHONE_CANDIDATE.sub(phone, text)

    # 3. A bare run of 9 or 12 digits is a CMND or CCCD number, unless it is an amount.
    def bare_id(match: re.Match[str]) -> str:
        if _is_amount(match.string, match.end()):
            return match.group(0)
        counts["id_number"] += 1
        return PLACEHOLDERS["id_number"]

    return _BARE_ID.sub(bare_id, text)


_NON_DIGITS = re.compile(r"\D+")


def redact_pii(text: str) -> Redaction:
    """Replace phone numbers by [SĐT], e-mail addresses by [EMAIL], ID numbers by [CCCD]."""
    counts = dict.fromkeys(PLACEHOLDERS, 0)
    # Fast path for most texts: every phone and ID number has at least 9 digits and
    # every e-mail address an "@"; counting digits runs in C.
    if "@" not in text and len(_NON_DIGITS.sub("", text)) < 9:
        return Redaction(text, counts)

    def email(match: re.Match[str]) -> str:
        counts["email"] += 1
        return PLACEHOLDERS["email"]

    # E-mail addresses go first and everywhere, "mailto:" links included.
    text = _EMAIL.sub(email, text)
    parts: list[str] = []
    position = 0
    for url in _URL.finditer(text):
        parts.append(_redact_outside_urls(text[position : url.start()], counts))
        parts.append(url.group(0))
        position = url.end()
    parts.append(_redact_outside_urls(text[position:], counts))
    return Redaction("".join(parts), counts)
