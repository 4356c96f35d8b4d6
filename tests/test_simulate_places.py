"""The hand-picked place table agrees with the official list of 2025 units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duluan.simulate.places import PROVINCES, WARDS

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "places"


@pytest.mark.data
def test_codes_and_names_match_the_official_list():
    if not (DATA / "admin-units-2025.json").exists():
        pytest.skip(f"no place data at {DATA}")
    units = json.loads((DATA / "admin-units-2025.json").read_text(encoding="utf-8"))
    provinces = {p["Code"]: p for p in units}
    for prov in PROVINCES:
        assert provinces[prov.code]["FullName"] == prov.name
    wards = {w["Code"]: w for p in units for w in p["Wards"]}
    for ward in WARDS:
        assert wards[ward.code]["FullName"] == ward.name
        assert wards[ward.code]["ProvinceCode"] == ward.province


@pytest.mark.data
def test_old_ward_names_existed_before_2025():
    if not (DATA / "admin-units-pre2025.json").exists():
        pytest.skip(f"no place data at {DATA}")
    units = json.loads((DATA / "admin-units-pre2025.json").read_text(encoding="utf-8"))
    old = set()
    for prov in units:
        for district in prov["District"]:
            for ward in district["Ward"] or []:
                old.add(ward["FullName"].lower().replace("hòa", "hoà").replace("thủy", "thuỷ"))
    for ward in WARDS:
        for name in ward.old_names:
            if name.level == "ward":
                first = (
                    name.surface.split(",")[0].lower().replace("hòa", "hoà").replace("thủy", "thuỷ")
                )
                assert first in old, name.surface


def test_every_ward_names_a_known_province():
    codes = {p.code for p in PROVINCES}
    assert all(w.province in codes for w in WARDS)
    assert len({w.code for w in WARDS}) == len(WARDS)
