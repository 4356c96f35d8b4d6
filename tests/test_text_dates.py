from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from duluan.text.dates import is_future, parse_vietnamese_date

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2024, 3, 15, 12, 0, tzinfo=VN)


def parse(value, now=NOW, **kwargs):
    return parse_vietnamese_date(value, now=now, **kwargs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-08-11T11:50:00+07:00", datetime(2023, 8, 11, 11, 50, tzinfo=VN)),
        ("2023-08-11T04:50:00Z", datetime(2023, 8, 11, 4, 50, tzinfo=UTC)),
        ("2023-08-11 11:50", datetime(2023, 8, 11, 11, 50, tzinfo=VN)),
        ("2023-08-11", datetime(2023, 8, 11, tzinfo=VN)),
        ("Fri, 10 Jul 2020 08:30:00 +0700", datetime(2020, 7, 10, 8, 30, tzinfo=VN)),
        ("Fri, 10 Jul 2020 01:30:00 GMT", datetime(2020, 7, 10, 1, 30, tzinfo=UTC)),
        ("Thứ Sáu, ngày 10 tháng 7 năm 2020", datetime(2020, 7, 10, tzinfo=VN)),
        ("Thứ sáu, 10/7/2020, 08:30 (GMT+7)", datetime(2020, 7, 10, 8, 30, tzinfo=VN)),
        ("Đăng ngày 11-08-2023 11:50", datetime(2023, 8, 11, 11, 50, tzinfo=VN)),
        ("Cập nhật: 14:05 11/08/2023", datetime(2023, 8, 11, 14, 5, tzinfo=VN)),
        ("ngay 10 thang 7 nam 2020", datetime(2020, 7, 10, tzinfo=VN)),
        ("THỨ HAI, 01/06/2020 - 07:15", datetime(2020, 6, 1, 7, 15, tzinfo=VN)),
        ("12/05/2023 8h30", datetime(2023, 5, 12, 8, 30, tzinfo=VN)),
        ("Ngày 25.12.2022", datetime(2022, 12, 25, tzinfo=VN)),
        ("10/7/20", datetime(2020, 7, 10, tzinfo=VN)),
        ("2020/07/10", datetime(2020, 7, 10, tzinfo=VN)),
    ],
)
def test_absolute_dates(value, expected):
    parsed = parse(value)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_day_comes_before_month():
    # 03/04 is the 3rd of April in Vietnam, never March 4th.
    assert parse("03/04/2023") == datetime(2023, 4, 3, tzinfo=VN)
    assert parse("12/01/2023").month == 1


def test_gmt_offset_is_kept():
    parsed = parse("10/7/2020 08:30 (GMT+9)")
    assert parsed.utcoffset() == timedelta(hours=9)
    assert parsed == datetime(2020, 7, 10, 8, 30, tzinfo=timezone(timedelta(hours=9)))


def test_default_tz_applies_when_text_gives_none():
    parsed = parse("10/7/2020 08:30", default_tz="Asia/Tokyo")
    assert parsed.utcoffset() == timedelta(hours=9)
    assert parse("10/7/2020 08:30").utcoffset() == timedelta(hours=7)


def test_date_without_year_takes_year_from_now():
    assert parse("Ngày 04/03") == datetime(2024, 3, 4, tzinfo=VN)
    # A few days ahead is tolerated (time zones, scheduled posts)...
    assert parse("Ngày 17/03") == datetime(2024, 3, 17, tzinfo=VN)
    # ...further ahead means last year's date.
    assert parse("Ngày 04/11") == datetime(2023, 11, 4, tzinfo=VN)
    assert parse("ngày 4 tháng 11") == datetime(2023, 11, 4, tzinfo=VN)


@pytest.mark.parametrize(
    ("value", "ago"),
    [
        ("2 giờ trước", timedelta(hours=2)),
        ("2 gio truoc", timedelta(hours=2)),
        ("5 phút trước", timedelta(minutes=5)),
        ("30 giây trước", timedelta(seconds=30)),
        ("3 ngày trước", timedelta(days=3)),
        ("1 tuần trước", timedelta(weeks=1)),
        ("1 giờ 20 phút trước", timedelta(hours=1, minutes=20)),
        ("Đăng 3 tiếng trước", timedelta(hours=3)),
        ("vừa xong", timedelta(0)),
        ("Vua xong", timedelta(0)),
        ("hôm nay", timedelta(0)),
        ("hôm qua", timedelta(days=1)),
        ("hom qua", timedelta(days=1)),
    ],
)
def test_relative_dates(value, ago):
    assert parse(value) == NOW - ago


def test_relative_with_clock_time():
    assert parse("Hôm qua lúc 20:15") == datetime(2024, 3, 14, 20, 15, tzinfo=VN)
    assert parse("hôm nay 07:05") == datetime(2024, 3, 15, 7, 5, tzinfo=VN)


def test_naive_now_is_read_in_default_tz():
    parsed = parse("2 giờ trước", now=datetime(2024, 3, 15, 12, 0))
    assert parsed == datetime(2024, 3, 15, 10, 0, tzinfo=VN)


def test_without_now_uses_the_clock():
    parsed = parse_vietnamese_date("5 phút trước")
    assert parsed is not None and parsed.tzinfo is not None
    assert abs(datetime.now(UTC) - timedelta(minutes=5) - parsed) < timedelta(minutes=1)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "junk",
        "không có ngày",
        "thơm này",  # folds to "thom nay": not "hôm nay"
        "31/02/2020",
        "45/13/2020",
        "25:99 99/99",
        "Giá 335.000 đồng",
        "x" * 1000,
        "\x00\ud800",
        "Fri, 99 Foo 2020",
    ],
)
def test_junk_gives_none(value):
    assert parse(value) is None


def test_non_string_gives_none():
    assert parse_vietnamese_date(None) is None  # type: ignore[arg-type]
    assert parse_vietnamese_date(20200710) is None  # type: ignore[arg-type]


def test_is_future():
    assert is_future(NOW + timedelta(hours=2), NOW)
    assert not is_future(NOW + timedelta(minutes=30), NOW)
    assert not is_future(NOW - timedelta(days=1), NOW)
    assert is_future(NOW + timedelta(minutes=30), NOW, tolerance=timedelta(minutes=10))
    # A naive datetime is read in Vietnam time, so this is 05:00 UTC: not ahead.
    assert not is_future(datetime(2024, 3, 15, 12, 0), NOW.astimezone(UTC))
