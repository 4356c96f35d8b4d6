"""Build the place gazetteer shipped in the package: src/duluan/text/data/gazetteer.json.gz.

Inputs (read only here, never at run time):

1. the unit lists of thanglequoc/vietnamese-provinces-database (MIT):
   admin-units-2025.json (34 provinces, 3,321 wards) and admin-units-pre2025.json
   (63 provinces, 696 districts, 10,035 wards), by default from ../shared/data/places;
2. the old → new ward mapping of the PyPI package `vietnamadminunits` (MIT):
   its data/converter_2025.json, plus data/dataset.db to turn its name keys into codes.
   Pass --vau with the folder of the unpacked package, or install it and let the script
   find it (`pip install --no-deps vietnamadminunits`).

Output: one gzip'd JSON file of plain lists (no pickle), a few hundred kB:

    provinces_new  [code, full name]
    wards_new      [code, full name, province code]
    provinces_old  [code, full name, new province code]
    districts_old  [code, full name, old province code, [new ward codes]]
    wards_old      [code, full name, old district code, [new ward codes]]

Usage: python scripts/build_gazetteer.py [--places DIR] [--vau DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLACES = ROOT.parent / "shared" / "data" / "places"
DEFAULT_OUT = ROOT / "src" / "duluan" / "text" / "data" / "gazetteer.json.gz"


def find_vau_dir() -> Path:
    # find_spec locates the package without importing it (its import pulls in shapely, geopy).
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "vietnamadminunits not found; pip install --no-deps vietnamadminunits, or --vau DIR"
        )
    return Path(list(spec.submodule_search_locations)[0])


def load_mapping(
    vau: Path, new_codes_by_name: dict[tuple[str, str], str]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Old ward code → new ward codes, and old province code → new province code."""
    db = sqlite3.connect(vau / "data" / "dataset.db")
    old_key_to_code: dict[str, str] = {}
    old_prov_key_to_code: dict[str, str] = {}
    for pkey, dkey, wkey, pcode, dcode, wcode in db.execute(
        "select provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode"
        " from admin_units_legacy"
    ):
        old_prov_key_to_code[pkey] = pcode
        # Island districts have no ward: their key ends with "_" and stands for the district.
        old_key_to_code[f"{pkey}_{dkey}_{wkey or ''}"] = wcode or f"D{dcode}"
    new_key_to_code: dict[tuple[str, str], str] = {}
    new_prov_key_to_code: dict[str, str] = {}
    for pkey, wkey, pcode, wcode, wname in db.execute(
        "select provinceKey, wardKey, provinceCode, wardCode, ward from admin_units"
    ):
        new_prov_key_to_code[pkey] = pcode
        # The unit list is the reference for codes; the two disagree on one ward (Xã Ba Chẽ).
        new_key_to_code[(pkey, wkey)] = new_codes_by_name.get((pcode, _key(wname)), wcode)
    db.close()

    conv = json.loads((vau / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    province_map = {
        old_prov_key_to_code[old]: new_prov_key_to_code[new]
        for new, olds in conv["DICT_PROVINCE"].items()
        for old in olds
    }
    ward_map: dict[str, list[str]] = {}
    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            new_code = new_key_to_code[(new_pkey, new_wkey)]
            for old_key in old_keys:
                ward_map.setdefault(old_key_to_code[old_key], []).append(new_code)
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            # The default successor first: it is the one the old address usually means.
            parts = sorted(parts, key=lambda p: not p["isDefaultNewWard"])
            codes = ward_map.setdefault(old_key_to_code[old_key], [])
            for part in parts:
                code = new_key_to_code[(new_pkey, part["newWardKey"])]
                if code not in codes:
                    codes.append(code)
    return ward_map, province_map


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).lower().replace("hoà", "hòa").replace("thuỵ", "thụy")


def build(places: Path, vau: Path) -> dict[str, object]:
    new = json.loads((places / "admin-units-2025.json").read_text(encoding="utf-8"))
    old = json.loads((places / "admin-units-pre2025.json").read_text(encoding="utf-8"))
    by_name = {(p["Code"], _key(w["FullName"])): w["Code"] for p in new for w in p["Wards"]}
    ward_map, province_map = load_mapping(vau, by_name)
    new_ward_codes = {w["Code"] for p in new for w in p["Wards"]}

    provinces_new = [[p["Code"], p["FullName"]] for p in new]
    wards_new = [[w["Code"], w["FullName"], p["Code"]] for p in new for w in p["Wards"]]
    provinces_old = [[p["Code"], p["FullName"], province_map[p["Code"]]] for p in old]
    districts_old: list[list[object]] = []
    wards_old: list[list[object]] = []
    missing = []
    for p in old:
        for d in p["District"]:
            union: list[str] = list(ward_map.get(f"D{d['Code']}", []))
            for w in d["Ward"] or []:
                codes = ward_map.get(w["Code"], [])
                if not codes:
                    missing.append(w["Code"])
                wards_old.append([w["Code"], w["FullName"], d["Code"], codes])
                union.extend(c for c in codes if c not in union)
            districts_old.append([d["Code"], d["FullName"], p["Code"], sorted(union)])
    unknown = {c for row in wards_old for c in row[3]} - new_ward_codes  # type: ignore[attr-defined]
    if unknown:
        sys.exit(f"mapping points to new wards missing from the 2025 list: {sorted(unknown)[:10]}")
    if missing:
        print(f"warning: {len(missing)} old wards without a successor: {missing[:10]}")
    return {
        "version": 1,
        "sources": [
            "thanglequoc/vietnamese-provinces-database (MIT): unit lists",
            "vietnamadminunits 1.0.4 (MIT): old to new ward mapping",
        ],
        "provinces_new": provinces_new,
        "wards_new": wards_new,
        "provinces_old": provinces_old,
        "districts_old": districts_old,
        "wards_old": wards_old,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=Path, default=DEFAULT_PLACES)
    parser.add_argument("--vau", type=Path, default=None, help="vietnamadminunits package folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build(args.places, args.vau or find_vau_dir())
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between runs on the same inputs.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(payload)
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} kB): "
        f"{len(data['provinces_new'])} + {len(data['wards_new'])} new units, "  # type: ignore[arg-type]
        f"{len(data['provinces_old'])} + {len(data['districts_old'])} + "  # type: ignore[arg-type]
        f"{len(data['wards_old'])} old units"  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    main()
