"""The gazetteer of Vietnamese administrative units, old and new, loaded once per process.

Two eras live side by side: the units in force since 1 July 2025 (34 provinces, 3,321
phường/xã/đặc khu: wards, communes, special zones) and the pre-2025 units (63 provinces,
696 quận/huyện/thị xã/thành phố: districts, 10,035 phường/xã/thị trấn: wards). Every old
unit carries the codes of the new units it became. The data is one gzip'd JSON file made
by scripts/build_gazetteer.py; see text/data/README.md for its sources and licences.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from duluan.text.fold import fold
from duluan.text.normalize import canonical_tone_placement
from duluan.text.places_aliases import ALIASES

__all__ = ["Gazetteer", "Unit", "has_tone", "load_gazetteer", "name_tokens"]

# Official type words, longest first, with the level they name and their folded key.
_TYPES = (
    ("Thành phố", "thanh pho"),
    ("Thị trấn", "thi tran"),
    ("Thị xã", "thi xa"),
    ("Đặc khu", "dac khu"),
    ("Phường", "phuong"),
    ("Huyện", "huyen"),
    ("Quận", "quan"),
    ("Tỉnh", "tinh"),
    ("Xã", "xa"),
)
_SPLIT = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def _exact(token: str) -> str:
    """A token compared with its diacritics: lower case, one tone placement (hoà = hòa)."""
    return canonical_tone_placement(unicodedata.normalize("NFC", token).lower())


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=65536)
def has_tone(token: str) -> bool:
    """The syllable carries a tone mark (huyền, sắc, hỏi, ngã, nặng): "thọ" yes, "căng" no."""
    return any(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", token))


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a name: "Bà Rịa - Vũng Tàu" → ("ba", "ria", "vung", "tau")."""
    return tuple(_SPLIT.findall(fold(name)))


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one era."""

    code: str
    name: str  # the full official name, "Phường Bến Nghé"
    kind: str  # folded type word: "phuong", "xa", "quan", "thanh pho", "tinh"…
    level: str  # "province" | "district" | "ward"
    era: str  # "new" | "old"
    province: str  # its province code in its own era
    district: str | None  # the old district of an old ward
    province_new: str
    new_codes: tuple[str, ...]
    key: tuple[str, ...]  # folded tokens of the name without its type word
    exact: tuple[str, ...] = field(compare=False)  # the same tokens with diacritics

    @property
    def urban(self) -> bool:
        """A district people name on its own: a quận, thị xã or provincial city."""
        return self.level == "district" and self.kind != "huyen"


def _split_type(full_name: str) -> tuple[str, str]:
    for word, key in _TYPES:
        if full_name.startswith(word + " "):
            return key, full_name[len(word) + 1 :]
    return "", full_name


def _unit(code: str, name: str, level: str, era: str, province: str, district: str | None,
          province_new: str, new_codes: list[str]) -> Unit:  # fmt: skip
    kind, bare = _split_type(name)
    return Unit(
        code=code, name=name, kind=kind, level=level, era=era, province=province,
        district=district, province_new=province_new, new_codes=tuple(new_codes),
        key=name_tokens(bare), exact=tuple(_exact(t) for t in _SPLIT.findall(bare)),
    )  # fmt: skip


class Gazetteer:
    """All units with an index from folded name tokens to the units bearing that name."""

    def __init__(self, data: dict) -> None:
        self.units: list[Unit] = []
        self.by_code: dict[tuple[str, str, str], Unit] = {}
        for code, name in data["provinces_new"]:
            self._add(_unit(code, name, "province", "new", code, None, code, [code]))
        for code, name, province in data["wards_new"]:
            self._add(_unit(code, name, "ward", "new", province, None, province, [code]))
        province_map: dict[str, str] = {}
        for code, name, new_province in data["provinces_old"]:
            province_map[code] = new_province
            self._add(
                _unit(code, name, "province", "old", code, None, new_province, [new_province])
            )
        district_province: dict[str, str] = {}
        for code, name, province, new_wards in data["districts_old"]:
            district_province[code] = province
            new = province_map[province]
            self._add(_unit(code, name, "district", "old", province, None, new, [new, *new_wards]))
        for code, name, district, new_wards in data["wards_old"]:
            province = district_province[district]
            new = province_map[province]
            self._add(_unit(code, name, "ward", "old", province, district, new, [new, *new_wards]))

        self.by_key: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
        for unit in self.units:
            self.by_key[unit.key].append(unit)
            # "Phường Xuân Hương - Đà Lạt" is often written "phường Xuân Hương".
            if " - " in unit.name:
                head = name_tokens(_split_type(unit.name)[1].split(" - ")[0])
                if head not in self.by_key or all(u.key != head for u in self.by_key[head]):
                    self.by_key[head].append(unit)
        self.by_key = dict(self.by_key)
        self.max_tokens = max(len(k) for k in self.by_key)
        # First token → the lengths of the names it starts, longest first: most tokens of
        # a text start no name and cost one dict lookup.
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self.by_key:
            lengths[key[0]].add(len(key))
        self.lengths = {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    def _add(self, unit: Unit) -> None:
        self.units.append(unit)
        self.by_code[(unit.era, unit.level, unit.code)] = unit

    def get(self, era: str, level: str, code: str) -> Unit | None:
        return self.by_code.get((era, level, code))

    def provinces_named(self, text: str) -> list[Unit]:
        """Provinces of both eras called `text` ("Bình Dương", "tỉnh Bình Dương") or coded so."""
        text = text.strip()
        if text.isdigit():
            return [u for era in ("new", "old") if (u := self.get(era, "province", text.zfill(2)))]
        tokens = name_tokens(text)
        for word, key in _TYPES:
            if tokens[: len(key.split())] == tuple(key.split()) and word in ("Tỉnh", "Thành phố"):
                tokens = tokens[len(key.split()) :]
                break
        target = ALIASES.get(tokens)
        if target is not None and target[1] == "province":
            unit = self.get(target[0], "province", target[2])
            return [unit] if unit else []
        return [u for u in self.by_key.get(tokens, []) if u.level == "province"]


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped in the package, read on first use and kept for the process."""
    blob = resources.files("duluan.text").joinpath("data/gazetteer.json.gz").read_bytes()
    return Gazetteer(json.loads(gzip.decompress(blob)))
