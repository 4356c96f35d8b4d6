"""Docs kept in step with the code: the CLI reference and the public API."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duluan

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.render(), "run: python scripts/gen_cli_docs.py"


def test_public_api_is_explicit_and_importable() -> None:
    assert sorted(duluan.__all__) == sorted(set(duluan.__all__))
    for name in duluan.__all__:
        assert hasattr(duluan, name), name
