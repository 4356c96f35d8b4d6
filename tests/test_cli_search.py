"""`duluan search` and `duluan reindex-search` end to end: a JSONL ingested, then searched."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import text

from duluan.cli import main
from duluan.workspace import find_workspace

POSTS = [
    {"text": "Ngập nước ở Thủ Đức sau cơn mưa chiều qua, gọi 0912 345 678 mà ko ai nghe máy.",
     "author": "nguoi_dan_01", "kind": "post"},
    {"text": "Khu mình ko có điện từ sáng tới giờ, ai bít khi nào có lại ko?",
     "author": "nguoi_dan_02", "kind": "comment"},
    {"text": "Rác không ai thu gom ở đầu hẻm, bốc mùi cả tuần nay.", "author": "nguoi_dan_03", "kind": "post"},
]


def _workspace(tmp_path: Path, enrich: bool = False) -> tuple[CliRunner, list[str]]:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(ws)]).exit_code == 0
    posts = tmp_path / "posts.jsonl"
    now = datetime.now().astimezone()
    lines = [json.dumps({**p, "time": (now - timedelta(hours=3 - i)).isoformat()}, ensure_ascii=False)
             for i, p in enumerate(POSTS)]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["ingest", str(posts), "-w", str(ws)] + ([] if enrich else ["--no-enrich"])
    result = runner.invoke(main, args)
    assert "3 new" in result.output, result.output
    return runner, ["-w", str(ws)]


def _search(runner: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(main, ["search", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_search_finds_ingested_posts_without_diacritics_or_with_teencode(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path, enrich=True)
    flood = _search(runner, "ngap", "nuoc", "thu", "duc", *ws)
    assert [h["snippet"][:19] for h in flood["hits"]] == ["Ngập nước ở Thủ Đức"]
    assert flood["terms"] == ["ngap", "nuoc", "thu", "duc"] and flood["next_cursor"] is None
    assert not any("author" in key for key in flood["hits"][0])
    power = _search(runner, "ko co dien", *ws)
    assert [h["kind"] for h in power["hits"]] == ["comment"]
    assert _search(runner, "ko co dien", "--kind", "post", *ws)["hits"] == []
    assert len(_search(runner, "--place", "TP.HCM", "--days", "2", *ws)["hits"]) == 1
    assert _search(runner, "dong dat", *ws)["hits"] == []
    table = runner.invoke(main, ["search", "ngap", *ws])
    assert table.exit_code == 0 and "[SĐT]" in table.output and "0912" not in table.output


def test_pages_follow_the_printed_cursor(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    first = _search(runner, "--limit", "2", *ws)
    second = _search(runner, "--limit", "2", "--cursor", first["next_cursor"], *ws)
    ids = [h["document_id"] for h in first["hits"] + second["hits"]]
    assert len(ids) == len(set(ids)) == 3 and second["next_cursor"] is None
    assert "More: add --cursor" in runner.invoke(main, ["search", "--limit", "1", *ws]).output


def test_export_writes_every_match_without_authors(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    out_csv, out_jsonl = tmp_path / "ket-qua.csv", tmp_path / "ket-qua.jsonl"
    result = runner.invoke(main, ["search", "--limit", "1", "--export", str(out_csv), *ws])
    assert result.exit_code == 0 and "Wrote 3 documents" in result.output, result.output
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert len(rows) == 3 and not any("author" in column for column in rows[0])
    assert {r["kind"] for r in rows} == {"post", "comment"}
    runner.invoke(main, ["search", "khong", "--export", str(out_jsonl), *ws])
    lines = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3  # "ko" in two posts, "không" in the third
    assert "nguoi_dan" not in out_jsonl.read_text(encoding="utf-8")


def test_bad_input_exits_2_naming_the_fix(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    cases = [
        (["--kind", "tweet"], "unknown document kind 'tweet'; choose one of"),
        (["--limit", "0"], "choose 1 to 200"),
        (["--cursor", "xyz"], "bad cursor; start again without one"),
        (["--export", str(tmp_path / "a.xlsx")], "name it *.csv or *.jsonl"),
        (["--concern", "weather"], "'weather' is not a concern; choose one of: flooding"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], "ends before it starts"),
    ]
    for args, message in cases:
        result = runner.invoke(main, ["search", "ngap", *args, *ws])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)


def test_reindex_search_rebuilds_the_index(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    engine = find_workspace(Path(ws[1])).engine
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM document_search"))
    assert _search(runner, "thu gom", *ws)["hits"] == []
    result = runner.invoke(main, ["reindex-search", *ws])
    assert result.exit_code == 0 and "Indexed 3 documents" in result.output, result.output
    assert len(_search(runner, "thu gom", *ws)["hits"]) == 1
