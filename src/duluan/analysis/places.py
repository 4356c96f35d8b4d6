"""Turning what an analyst types ("Thủ Đức", "quận Phú Nhuận", "79") into unit codes in force.

Every figure is kept by the units in force since 1 July 2025. An old name resolves to the
new units that took it over: a pre-2025 district becomes the set of new wards it became,
so "quận Phú Nhuận" still finds its talk. A name that may mean several units is an
error listing them, never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from ..errors import UsageError
from ..text.fold import fold
from ..text.places_gazetteer import load_gazetteer
from ..text.places_lookup import PlaceMatch, province_by_code, resolve_place, ward_by_code

# Two readings closer than this are too close to choose between.
AMBIGUITY_MARGIN = 0.05
# Type words a person may put first; when given, only units of that type are meant.
TYPE_WORDS = ("thanh pho", "thi xa", "thi tran", "phuong", "xa", "quan", "huyen", "tinh")


class UnknownPlace(UsageError):
    pass


@dataclass(frozen=True)
class PlaceFilter:
    level: str  # "province" or "ward"
    codes: tuple[str, ...]  # new-unit codes: one province, or one or more wards
    label: str  # what to print: "Phường Bạch Mai", "Quận Phú Nhuận (cũ)"


def place_name(level: str, code: str) -> str:
    match = province_by_code(code) if level == "province" else ward_by_code(code)
    return match.name if match else code


def _ward_codes(match: PlaceMatch) -> tuple[str, ...]:
    if match.era == "new":
        return (match.code,)
    return tuple(c for c in match.new_codes if len(c) == 5)


def _as_filter(match: PlaceMatch) -> PlaceFilter:
    old = " (cũ)" if match.era == "old" else ""
    if match.level == "province":
        return PlaceFilter("province", (match.province_code_new,), match.name + old)
    codes = _ward_codes(match)
    if not codes:
        raise UnknownPlace(
            f"{match.name}{old} has no ward in force today to count by",
            vi=f"{match.name}{old} không còn phường, xã nào đang có hiệu lực để thống kê",
        )
    return PlaceFilter("ward", codes, match.name + old)


_LEVELS_VI = {"province": "tỉnh/thành", "district": "quận/huyện", "ward": "phường/xã"}


def _describe(match: PlaceMatch, language: str = "en") -> str:
    province = place_name("province", match.province_code_new)
    if language == "vi":
        era = "trước 2025" if match.era == "old" else "đang có hiệu lực"
        return f"{match.name} ({_LEVELS_VI.get(match.level, match.level)} {match.code}, {era}, {province})"
    era = "before 2025" if match.era == "old" else "in force"
    return f"{match.name} ({match.level} {match.code}, {era}, {province})"


_LABELLED_CODE = re.compile(r"(.*)\((\d{2,10})\)\s*")  # greedy: a name may hold "(cũ)"


def _labels_code(name: str, code: str) -> bool:
    """Whether "name (code)" is a code with its own label (or none): "Hà Nội (79)" is not,
    and is read as typed rather than as 79 (Hồ Chí Minh City)."""
    name = " ".join(name.split()).casefold()
    if not name:
        return True
    match = province_by_code(code) if len(code) <= 2 else ward_by_code(code)
    return match is not None and name in {
        " ".join(label.split()).casefold() for label in (match.name, _as_filter(match).label)
    }


def resolve_place_filter(text: str) -> PlaceFilter:
    """The units `text` means, by code or by name; an error names the choices."""
    text = text.strip()
    if not text:
        raise UnknownPlace(
            "empty place; give a province or ward name or its code",
            vi="chưa nhập địa danh; hãy nhập tên hoặc mã tỉnh, phường, xã",
        )
    coded = _LABELLED_CODE.fullmatch(text)
    if coded and _labels_code(coded.group(1), coded.group(2)):
        # "Phường Thạnh Mỹ Tây (26956)", as a filter field shows a code it was given
        text = coded.group(2)
    if text.isdigit():
        match = province_by_code(text) if len(text) <= 2 else ward_by_code(text)
        if match is None:
            raise UnknownPlace(
                f"no province or ward has the code {text!r}", vi=f"không có tỉnh, phường hay xã nào mang mã {text!r}"
            )
        return _as_filter(match)
    matches = resolve_place(text)
    if not matches:
        raise UnknownPlace(
            f"no administrative unit is called {text!r}; try the official name "
            "('phường Bạch Mai', 'TP.HCM') or the unit code",
            vi=f"không có đơn vị hành chính nào tên {text!r}; hãy thử tên chính thức "
            "('phường Bạch Mai', 'TP.HCM') hoặc mã đơn vị",
        )
    typed = next((w for w in TYPE_WORDS if fold(text).lower().startswith(w + " ")), None)
    if typed is not None:
        matches = [m for m in matches if fold(m.name).lower().startswith(typed + " ")] or matches
    best = matches[0]
    rivals = [
        m for m in matches[1:]
        if m.score >= best.score - AMBIGUITY_MARGIN and _as_filter(m).codes != _as_filter(best).codes
    ]
    if rivals:
        shown = [best, *rivals][:8]
        choices = "; ".join(_describe(m) for m in shown)
        choices_vi = "; ".join(_describe(m, "vi") for m in shown)
        raise UnknownPlace(
            f"{text!r} may mean several units: {choices}. Give the code, or the type word "
            "('phường …', 'quận …')",
            vi=f"{text!r} có thể là nhiều đơn vị: {choices_vi}. Hãy nhập mã, hoặc thêm loại đơn vị "
            "('phường …', 'quận …')",
        )
    return _as_filter(best)


@lru_cache(maxsize=64)
def wards_of(province_code: str) -> tuple[str, ...]:
    """The codes of the wards in force in a province."""
    gaz = load_gazetteer()
    return tuple(sorted(u.code for u in gaz.units if u.era == "new" and u.level == "ward" and u.province == province_code))


def with_wards(place: PlaceFilter) -> list[PlaceFilter]:
    """A province and its wards (alerts and cases sit at either level); a ward alone."""
    if place.level != "province":
        return [place]
    wards = tuple(c for code in place.codes for c in wards_of(code))
    return [place, PlaceFilter("ward", wards, place.label)] if wards else [place]


def place_rows(table: Any, place: PlaceFilter) -> ColumnElement[bool]:
    """Rows of a table with `place_level` and `place_code` (alerts, cases) about the place:
    for a province, its wards' too, so that the overview and the lists count alike."""
    return or_(*[and_(table.c.place_level == f.level, table.c.place_code.in_(f.codes)) for f in with_wards(place)])
