"""Time ranges in the workspace's time zone, and the local calendar day in SQL.

Analysts think in local days ("hôm nay", "tuần này"); documents are stored in UTC. A
Period holds local dates and gives the UTC bounds to filter on; `local_day` buckets a
timestamp column by local date inside the database, so counting stays a GROUP BY.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, literal_column
from sqlalchemy.sql.elements import ColumnElement

from ..errors import UsageError


class PeriodError(UsageError):
    """A time range that holds nothing: empty, reversed, malformed or in the future."""


@dataclass(frozen=True)
class Period:
    start: date  # first local day, inclusive
    end: date  # last local day, inclusive
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def n_days(self) -> int:
        return (self.end - self.start).days + 1

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.n_days)]

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """[local midnight of start, local midnight after end), in UTC."""
        low = datetime.combine(self.start, time(), self.zone).astimezone(UTC)
        high = datetime.combine(self.end + timedelta(days=1), time(), self.zone).astimezone(UTC)
        return low, high

    def shifted(self, days: int) -> Period:
        return Period(self.start + timedelta(days=days), self.end + timedelta(days=days), self.timezone)

    def extended_back(self, days: int) -> Period:
        return Period(self.start - timedelta(days=days), self.end, self.timezone)


def today_in(timezone: str) -> date:
    return datetime.now(check_timezone(timezone)).date()


def check_timezone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(f"unknown time zone {timezone!r} (setting 'timezone')") from exc


_DAY_NAMES_VI = {"--from": "Ngày bắt đầu", "--to": "Ngày kết thúc"}
# The earliest day a range may start: it keeps every date sum in range (a baseline looks
# 28 days before the start; a date before year 1 raises OverflowError). "The last N days"
# reaching further back starts there.
EARLIEST_DAY = date(1990, 1, 1)


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise PeriodError(
            f"{what} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01",
            vi=f"{_DAY_NAMES_VI.get(what, what)} {text!r} không phải là ngày; hãy viết theo dạng YYYY-MM-DD, ví dụ 2026-11-01",
        ) from exc


def make_period(
    timezone: str,
    start: str | date | None = None,
    end: str | date | None = None,
    days: int | None = None,
    today: date | None = None,
) -> Period:
    """The range an analyst asked for: FROM..TO, or the last DAYS days up to TO (default today).

    A range reaching past today is cut at today; one that starts after today, or ends
    before it starts, is an error that says so.
    """
    check_timezone(timezone)
    today = today or today_in(timezone)
    last = parse_day(end, "--to") if isinstance(end, str) else (end or today)
    if start is not None and days is not None:
        raise PeriodError(
            "give either a start date or a number of days, not both",
            vi="hãy chọn ngày bắt đầu hoặc số ngày, không chọn cả hai",
        )
    if days is not None and days < 1:
        raise PeriodError(
            f"the number of days must be at least 1, not {days}", vi=f"số ngày phải từ 1 trở lên, không phải {days}"
        )
    last = min(last, today)
    if start is None:
        reach = (last - EARLIEST_DAY).days + 1  # how many days back the calendar allows
        first = last - timedelta(days=min(days or 30, max(reach, 1)) - 1)
    else:
        first = parse_day(start, "--from") if isinstance(start, str) else start
    if first < EARLIEST_DAY:
        raise PeriodError(
            f"the range starts on {first}, before {EARLIEST_DAY}: duluan keeps nothing that old",
            vi=f"Khoảng thời gian bắt đầu ngày {first:%d/%m/%Y}, trước {EARLIEST_DAY:%d/%m/%Y}: duluan không lưu dữ liệu cũ như vậy",
        )
    if first > today:
        raise PeriodError(
            f"the range from {first} is in the future: nothing is known after today ({today})",
            vi=f"Khoảng thời gian từ {first:%d/%m/%Y} nằm trong tương lai: chưa có dữ liệu sau hôm nay ({today:%d/%m/%Y})",
        )
    if last < first:
        raise PeriodError(
            f"the range {first}..{last} is empty: it ends before it starts",
            vi=f"Khoảng thời gian {first:%d/%m/%Y} – {last:%d/%m/%Y} trống: ngày kết thúc đứng trước ngày bắt đầu",
        )
    return Period(first, last, timezone)


def utc_offset_hours(timezone: str, at: date) -> float:
    """The zone's offset from UTC on that day, in hours (Asia/Ho_Chi_Minh: always +7)."""
    offset = datetime.combine(at, time(12), ZoneInfo(timezone)).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def local_day(column: Any, dialect: str, period: Period) -> ColumnElement[Any]:
    """The local date of a UTC timestamp column, as 'YYYY-MM-DD' text, computed in SQL.

    PostgreSQL converts with the zone's full rules. SQLite has no zone database, so it adds
    the zone's offset at the period's start: exact for zones without daylight saving time
    (all of Vietnam); elsewhere the hour around a change may land on the neighbouring day.
    """
    if dialect == "postgresql":
        return func.to_char(func.timezone(period.timezone, column), "YYYY-MM-DD")
    hours = utc_offset_hours(period.timezone, period.start)
    return func.date(column, literal_column(f"'{hours:+.4f} hours'"))


def local_hour(column: Any, dialect: str, period: Period) -> ColumnElement[Any]:
    """The local hour of a UTC timestamp column, as 'YYYY-MM-DD HH' text."""
    if dialect == "postgresql":
        return func.to_char(func.timezone(period.timezone, column), "YYYY-MM-DD HH24")
    hours = utc_offset_hours(period.timezone, period.start)
    return func.strftime("%Y-%m-%d %H", column, literal_column(f"'{hours:+.4f} hours'"))
