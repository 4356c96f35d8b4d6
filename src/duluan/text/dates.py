"""Dates as Vietnamese sites print them ("Thứ Sáu, 10/7/2020, 08:30 (GMT+7)", "2 giờ trước")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from duluan.text.fold import fold

__all__ = ["is_future", "parse_vietnamese_date"]

# A date without a year that lands this far ahead of `now` belongs to last year.
_NO_YEAR_FUTURE_SLACK = timedelta(days=3)

# Patterns run on folded text (lower-case, no diacritics), so "2 gio truoc" and
# "2 giờ trước" are one case.
_UNIT = r"(giay|phut|gio|tieng|ngay|tuan|thang|nam)"
# "1 giờ 20 phút trước": every amount before "trước" counts.
_RELATIVE = re.compile(rf"((?:\d+\s*{_UNIT}\s*)+)truoc\b")
_AMOUNT = re.compile(rf"(\d+)\s*{_UNIT}")
_RELATIVE_UNITS = {
    "giay": timedelta(seconds=1),
    "phut": timedelta(minutes=1),
    "gio": timedelta(hours=1),
    "tieng": timedelta(hours=1),
    "ngay": timedelta(days=1),
    "tuan": timedelta(weeks=1),
    "thang": timedelta(days=30),  # calendar months would need dateutil; "about" is enough
    "nam": timedelta(days=365),
}
_WORDS_LONG = re.compile(
    r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*(?:nam\s+)?(\d{4}))?(?!\d)"
)
_YMD = re.compile(r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.:])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]\d)")
# Without a year only "/" or "-" and the word "ngay" or nothing: "14.05" is a time.
_DM = re.compile(r"(?<![\d.:/-])(\d{1,2})[/-](\d{1,2})(?![\d/.:-])")
_TIME = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})(?:\s*(?::|p|phut)\s*(\d{2}))?(?!\d)"
    r"(?:\s*(am|pm|sa|sang|ch|chieu|toi))?"
)
_OFFSET = re.compile(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?")
_RFC_2822 = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\d{4}", re.IGNORECASE
)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=7))  # Vietnam has kept UTC+7 without DST since 1975


def _aware(value: datetime, tz: tzinfo) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def _iso(value: str, tz: tzinfo) -> datetime | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?", value):
        return None
    try:
        return _aware(datetime.fromisoformat(value), tz)
    except ValueError:
        return None


def _rfc_2822(value: str) -> datetime | None:
    if not _RFC_2822.search(value):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # "-0000" means UTC with the sender's zone unknown; parsedate gives it naive.
    return _aware(parsed, UTC)


def _relative(folded: str, now: datetime) -> datetime | None:
    if re.search(r"\b(vua xong|vua moi|moi day|just now)\b", folded):
        return now
    match = _RELATIVE.search(folded)
    if match:
        amounts = _AMOUNT.findall(match.group(1))
        return now - sum((int(n) * _RELATIVE_UNITS[unit] for n, unit in amounts), timedelta())
    for word, days in (("hom kia", 2), ("hom qua", 1), ("hom nay", 0)):
        if re.search(rf"\b{word}\b", folded):
            day = now - timedelta(days=days)
            clock = _time(folded)
            if clock is None:
                return day
            return day.replace(hour=clock[0], minute=clock[1], second=clock[2], microsecond=0)
    return None


def _time(folded: str) -> tuple[int, int, int] | None:
    match = _TIME.search(folded)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if match.group(4) in ("pm", "ch", "chieu", "toi") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _day_month_year(folded: str, now: datetime) -> tuple[int, int, int] | None:
    """Day, month and year: day first always, the year from `now` when missing."""
    for pattern in (_WORDS_LONG, _DMY):
        match = pattern.search(folded)
        if match and match.group(3):
            year = int(match.group(3))
            return int(match.group(1)), int(match.group(2)), year + 2000 if year < 100 else year
    match = _YMD.search(folded)
    if match:
        return int(match.group(3)), int(match.group(2)), int(match.group(1))
    match = _WORDS_LONG.search(folded) or _DM.search(folded)
    if match:
        return int(match.group(1)), int(match.group(2)), 0
    return None


def _offset(folded: str) -> tzinfo | None:
    match = _OFFSET.search(folded)
    if match is None:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if match.group(1) == "-" else minutes))


def parse_vietnamese_date(
    value: str, *, now: datetime | None = None, default_tz: str = "Asia/Ho_Chi_Minh"
) -> datetime | None:
    """Parse a date as Vietnamese sites and feeds write it; aware, or None when none is there."""
    if not isinstance(value, str) or not value.strip() or len(value) > 300:
        return None
    tz = _zone(default_tz)
    now = _aware(now, tz) if now is not None else datetime.now(tz)
    value = value.strip()
    # 1. Machine formats first: they are exact.
    parsed = _iso(value, tz) or _rfc_2822(value)
    if parsed is not None:
        return parsed
    folded = fold(value)
    # 2. Relative dates count back from `now`.
    parsed = _relative(folded, now)
    if parsed is not None:
        return parsed
    # 3. Written dates, day first as Vietnamese writes them.
    found = _day_month_year(folded, now)
    if found is None:
        return None
    day, month, year = found
    zone = _offset(folded) or tz
    clock = _time(folded) or (0, 0, 0)
    try:
        if year:
            return datetime(year, month, day, *clock, tzinfo=zone)
        guess = datetime(now.year, month, day, *clock, tzinfo=zone)
        if guess > now + _NO_YEAR_FUTURE_SLACK:
            guess = guess.replace(year=now.year - 1)
        return guess
    except ValueError:  # 31/02, month 13, or 29/02 moved to a year without it
        return None


def is_future(
    dt: datetime, now: datetime | None = None, tolerance: timedelta = timedelta(hours=1)
) -> bool:
    """Whether `dt` lies after `now` by more than `tolerance` (clocks and zones drift)."""
    tz = _zone("Asia/Ho_Chi_Minh")
    now = _aware(now, tz) if now is not None else datetime.now(tz)
    return _aware(dt, tz) > now + tolerance
