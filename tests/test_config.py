from pathlib import Path

import pytest

from duluan.config import SETTINGS, load_settings, settings_table_markdown
from duluan.errors import SettingError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults_then_toml_then_environment_then_overrides(tmp_path: Path) -> None:
    toml = tmp_path / "duluan.toml"
    toml.write_text("[settings]\nbatch_size = 50\nk_anonymity = 7\n", encoding="utf-8")
    values = load_settings(toml, environ={"DULUAN_K_ANONYMITY": "9"}, overrides={"timezone": "UTC"})
    assert values["batch_size"] == 50
    assert values["k_anonymity"] == 9
    assert values["timezone"] == "UTC"
    assert values["lsh_bands"] == 16


def test_unknown_setting_in_toml_names_it(tmp_path: Path) -> None:
    toml = tmp_path / "duluan.toml"
    toml.write_text("[settings]\nbatch_sise = 50\n", encoding="utf-8")
    with pytest.raises(SettingError, match="batch_sise"):
        load_settings(toml, environ={})


def test_wrong_type_names_setting_and_value() -> None:
    with pytest.raises(SettingError, match="batch_size.*'many'"):
        load_settings(None, environ={"DULUAN_BATCH_SIZE": "many"})


def test_bands_must_divide_permutations() -> None:
    with pytest.raises(SettingError, match="multiple"):
        load_settings(None, environ={"DULUAN_LSH_BANDS": "7"})


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    assert settings_table_markdown() in readme, "run: python scripts/gen_readme_settings.py"
    for setting in SETTINGS:
        assert setting.help.endswith("."), setting.name
