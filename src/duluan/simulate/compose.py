"""Places as people and the press name them, and small text helpers."""

from __future__ import annotations

import random

from .places import PROVINCES, Province, Ward, province
from .truth import PlaceTruth

PROVINCE_WEIGHTS = {"79": 4.0, "01": 3.0, "48": 1.5, "31": 1.2, "92": 1.0}


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def decapitalise(text: str) -> str:
    """Lower the first letter unless the first word is an acronym ("UBND", "TP")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def ward_place(rng: random.Random, ward: Ward) -> PlaceTruth:
    """How a resident names a ward: new name, with the city, or an old name."""
    prov = province(ward.province)
    roll = rng.random()
    if roll < 0.45 or not ward.old_names:
        return PlaceTruth(prov.code, ward.code, ward.short, False, "ward")
    if roll < 0.6:
        # "phường X, TP.HCM" but not "phường X, xứ Nghệ": only city-style aliases here.
        aliases = [a for a in prov.aliases[:2] if a == prov.aliases[0] or a.startswith("TP")]
        surface = f"{ward.short}, {rng.choice(aliases)}"
        return PlaceTruth(prov.code, ward.code, surface, False, "ward")
    old = rng.choice(ward.old_names)
    return PlaceTruth(prov.code, ward.code, old.surface, True, old.level)


def press_ward_place(rng: random.Random, ward: Ward) -> PlaceTruth:
    """How the press names a ward: new name and city, sometimes the old district too."""
    prov = province(ward.province)
    districts = [o for o in ward.old_names if o.level == "district"]
    if districts and rng.random() < 0.3:
        surface = f"{ward.short} ({districts[0].surface} cũ), {prov.aliases[0]}"
        return PlaceTruth(prov.code, ward.code, surface, True, "ward")
    return PlaceTruth(prov.code, ward.code, f"{ward.short}, {prov.aliases[0]}", False, "ward")


def province_place(rng: random.Random, prov: Province, press: bool = False) -> PlaceTruth:
    """A province as named in a post (aliases, old provinces) or in the press."""
    if press:
        return PlaceTruth(prov.code, None, prov.aliases[0], False, "province")
    if prov.old_provinces and rng.random() < 0.25:
        old = rng.choice(prov.old_provinces)
        if rng.random() < 0.5:
            old = old.removeprefix("tỉnh ")
        return PlaceTruth(prov.code, None, old, True, "province")
    return PlaceTruth(prov.code, None, rng.choice(prov.aliases), False, "province")


def pick_province(rng: random.Random) -> Province:
    weights = [PROVINCE_WEIGHTS.get(p.code, 0.6) for p in PROVINCES]
    return rng.choices(PROVINCES, weights)[0]
