import json

from click.testing import CliRunner

from duluan.cli import main


def lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.strip()]


def test_normalize_from_arguments_with_fold_and_teencode() -> None:
    result = CliRunner().invoke(main, ["text", "normalize", "Hoà bình &amp; ko dc", "--fold", "--teencode"])
    assert result.exit_code == 0, result.output
    [row] = lines(result.output)
    assert row["normalized"] == "Hòa bình & ko dc"
    assert row["expanded"] == "Hòa bình & không được"
    assert row["folded"] == "hoa binh & ko dc"


def test_words_from_json_lines_keep_other_fields() -> None:
    stdin = '{"id": 7, "text": "Hội nghị ở Thành phố Hồ Chí Minh"}\nmột dòng thường\n'
    result = CliRunner().invoke(main, ["text", "words"], input=stdin)
    first, second = lines(result.output)
    assert first["id"] == 7 and "hội nghị" in [w.lower() for w in first["words"]]
    assert second["text"] == "một dòng thường"


def test_places_resolve_old_names_to_new_units() -> None:
    result = CliRunner().invoke(main, ["text", "places", "Ngập ở quận Thủ Đức, TP.HCM"])
    [row] = lines(result.output)
    assert any(p["province_code_new"] == "79" for p in row["places"])


def test_keywords_group_mode() -> None:
    stdin = "\n".join(["Ngập nước ở hẻm 42", "Lại ngập nước rồi", "Ngập nước tới gối"]) + "\n"
    result = CliRunner().invoke(main, ["text", "keywords", "--group", "--top", "2"], input=stdin)
    [row] = lines(result.output)
    assert row["texts"] == 3 and row["keywords"][0]["phrase"] == "ngập nước"


def test_broken_json_line_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["text", "words"], input='{"text": \n')
    assert result.exit_code == 2 and "line 1" in result.output
