"""A province's or ward's page: what it is, what it was before 1 July 2025, and its figures.

The figures are the overview's sections for the place (analysis/overview.py): volume
with its baseline, sentiment, concerns, wards with the most complaints, topics, open
alerts and cases. What is added here is the unit itself — its name and level, the
province a ward belongs to, and the pre-2025 units that became it ("Phường Bạch Mai"
took in parts of the old phường Bạch Mai, Quỳnh Mai and Minh Khai…), read from the
gazetteer the language core uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from ..errors import NotFound
from ..text.places_gazetteer import Unit, load_gazetteer
from .overview import Sections, sections
from .periods import Period
from .places import PlaceFilter

__all__ = ["OldUnit", "PlaceProfile", "PlaceRef", "UnknownPlaceCode", "place_profile", "predecessors"]


class UnknownPlaceCode(NotFound):
    """No unit in force has this code."""


@dataclass(frozen=True)
class PlaceRef:
    """A unit in force since 1 July 2025."""

    code: str
    level: str  # province or ward
    name: str  # "Thành phố Hà Nội", "Phường Bạch Mai"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level, "name": self.name}


@dataclass(frozen=True)
class OldUnit:
    """A unit before 1 July 2025 whose land is now (at least partly) in the place."""

    code: str  # its code before 2025
    level: str  # province or ward
    name: str  # "Phường Quỳnh Mai"
    district: str | None  # its quận/huyện, for a ward: "Quận Hai Bà Trưng"
    province: str  # its province before 2025: "Thành phố Hà Nội"
    whole: bool  # True: all of it became this place; False: it was split

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class PlaceProfile:
    level: str  # province or ward
    codes: tuple[str, ...]  # one unit, or the wards an old name became
    name: str  # the unit's name, or the label typed ("Quận Phú Nhuận (cũ)")
    units: tuple[PlaceRef, ...]  # the units in `codes`
    province: PlaceRef | None  # for wards: the province they belong to
    became_from: tuple[OldUnit, ...]
    period: Period
    k: int
    sections: Sections

    @property
    def code(self) -> str | None:
        """The unit's code when the page is about one unit."""
        return self.codes[0] if len(self.codes) == 1 else None

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level, "code": self.code, "codes": list(self.codes), "name": self.name,
            "units": [u.to_json() for u in self.units],
            "province": self.province.to_json() if self.province else None,
            "became_from": [u.to_json() for u in self.became_from],
            "from": self.period.start.isoformat(), "to": self.period.end.isoformat(),
            "timezone": self.period.timezone, "k_anonymity": self.k,
            **self.sections.to_json(),
        }


@lru_cache(maxsize=1)
def _old_units_by_new_code() -> dict[str, tuple[Unit, ...]]:
    """New unit code -> the old units (provinces, wards) that became it, built once."""
    index: dict[str, list[Unit]] = defaultdict(list)
    for unit in load_gazetteer().units:
        if unit.era != "old":
            continue
        if unit.level == "province":
            index[unit.province_new].append(unit)
        elif unit.level == "ward":
            for code in unit.new_codes:
                if len(code) == 5:  # new_codes start with the new province's 2-digit code
                    index[code].append(unit)
    return {code: tuple(units) for code, units in index.items()}


def predecessors(code: str) -> tuple[OldUnit, ...]:
    """The pre-2025 units that became the unit in force with this code, by name."""
    gaz = load_gazetteer()
    out = []
    for unit in _old_units_by_new_code().get(code, ()):
        district = gaz.get("old", "district", unit.district) if unit.district else None
        province = gaz.get("old", "province", unit.province)
        whole = unit.level == "province" or len([c for c in unit.new_codes if len(c) == 5]) == 1
        out.append(OldUnit(
            unit.code, unit.level, unit.name, district.name if district else None,
            province.name if province else unit.province, whole,
        ))
    return tuple(sorted(out, key=lambda u: (u.province, u.district or "", u.name, u.code)))


def _unit(level: str, code: str) -> PlaceRef:
    unit = load_gazetteer().get("new", level, code)
    if unit is None:
        what = "province (2 digits)" if level == "province" else "ward (5 digits)"
        raise UnknownPlaceCode(f"no {what} in force since 1 July 2025 has the code {code!r}")
    return PlaceRef(unit.code, unit.level, unit.name)


def place_profile(engine: Engine, settings: Mapping[str, Any], period: Period, place: PlaceFilter) -> PlaceProfile:
    """A province's or ward's page for one period."""
    units = tuple(_unit(place.level, code) for code in place.codes)
    province = None
    if place.level == "ward":
        gaz = load_gazetteer()
        provinces = {u.province for code in place.codes if (u := gaz.get("new", "ward", code)) is not None}
        if len(provinces) == 1:
            province = _unit("province", provinces.pop())
    name = units[0].name if len(units) == 1 else place.label
    became = tuple(dict.fromkeys(old for code in place.codes for old in predecessors(code)))
    return PlaceProfile(
        place.level, place.codes, name, units, province, became, period, int(settings["k_anonymity"]),
        sections(engine, settings, period, place),
    )
