"""Labels written in the ingest pass, `duluan enrich` and `duluan label`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from duluan.cli import main
from duluan.ingest import ingest
from duluan.records import RawItem
from duluan.sources.base import FakeSource
from duluan.store.schema import document_places, enrichments
from test_ingest import options

COMPLAINT = "Người dân phường Thủ Đức, TP.HCM bức xúc vì đường ngập nước ba ngày nay mà không ai xử lý."
SPORT = "Đội tuyển Việt Nam thắng Thái Lan 2-1 ở trận chung kết, tiền đạo ghi bàn ở phút 89."


def test_ingest_labels_new_documents_with_places(engine: Engine) -> None:
    source = FakeSource([RawItem(kind="post", text=COMPLAINT, origin="a"), RawItem(kind="news", text=SPORT, origin="b")])
    ingest(engine, source, options(enrich=True), label="labels")
    with engine.connect() as conn:
        rows = {r.concern: r for r in conn.execute(select(enrichments))}
        places = conn.execute(select(document_places.c.province_code, document_places.c.ward_code)).all()
    assert len(rows) == 2
    assert "flooding" in rows and rows["flooding"].complaint_p > 0.5
    # How people feel and speak is read in their posts, not in press articles.
    assert rows["flooding"].sentiment == "negative" and rows["flooding"].toxicity is not None
    news = next(r for key, r in rows.items() if key != "flooding")
    assert news.category and news.sentiment is None and news.toxicity is None and news.toxicity_score is None
    assert ("79", "26824") in places  # phường Thủ Đức, new unit, in TP.HCM
    assert all(r.keywords for r in rows.values())


def test_enrich_command_is_resumable_and_skips_current_labels(tmp_path: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    runner.invoke(main, ["init", str(ws)])
    posts = tmp_path / "p.jsonl"
    posts.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (COMPLAINT, SPORT)) + "\n", encoding="utf-8")
    assert "2 new" in runner.invoke(main, ["ingest", str(posts), "--no-enrich", "-w", str(ws)]).output
    first = runner.invoke(main, ["enrich", "-w", str(ws)])
    assert first.exit_code == 0 and "Enriched 2 documents" in first.output
    assert "Enriched 0 documents" in runner.invoke(main, ["enrich", "-w", str(ws)]).output
    assert "Enriched 2 documents" in runner.invoke(main, ["enrich", "--all", "-w", str(ws)]).output
    from duluan.workspace import find_workspace

    with find_workspace(ws).engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(enrichments)).scalar_one() == 2


def test_label_streams_json_lines_without_a_workspace() -> None:
    stdin = json.dumps({"id": 1, "text": COMPLAINT}, ensure_ascii=False) + "\n" + SPORT + "\n"
    result = CliRunner().invoke(main, ["label"], input=stdin)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(x) for x in result.output.splitlines())
    assert first["id"] == 1 and first["labels"]["concern"]["label"] == "flooding"
    assert any(p["province_code_new"] == "79" for p in first["labels"]["places"])
    assert second["labels"]["category"]["label"]
    assert set(second["labels"]["sentiment"]["probabilities"]) == {"negative", "neutral", "positive"}


def test_label_writes_the_lines_before_a_bad_one_and_skips_empty_text() -> None:
    stdin = json.dumps({"text": COMPLAINT}, ensure_ascii=False) + '\n{"text": " "}\n{bad\n'
    result = CliRunner().invoke(main, ["label"], input=stdin)  # one batch of 256: all three in it
    assert result.exit_code == 2 and "line 3 looks like JSON but is not valid" in result.output
    written = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert written[0]["labels"]["concern"]["label"] == "flooding"
    assert written[1]["labels"] is None and written[1]["skipped"] == "text shorter than 3 characters"


def test_label_reads_a_kind_as_ingestion_does() -> None:
    records = [{"text": SPORT, "kind": "news"}, {"text": SPORT, "kind": "comment"}, {"text": SPORT, "kind": 7}]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    result = CliRunner().invoke(main, ["label"], input=stdin)
    assert result.exit_code == 0, result.output
    news, comment, unknown = (json.loads(x)["labels"] for x in result.output.splitlines())
    assert news["sentiment"]["label"] is None and news["toxicity"]["label"] is None
    assert news["category"]["label"] == comment["category"]["label"]
    assert comment["sentiment"]["label"] and unknown["sentiment"]["label"]


def test_enrich_texts_wants_one_kind_per_text() -> None:
    from duluan.enrich.pipeline import enrich_texts

    with pytest.raises(ValueError, match="2 texts but 1 kinds"):
        enrich_texts([COMPLAINT, SPORT], ["post"])


def test_model_version_changes_with_the_enrichment_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from duluan.enrich import pipeline

    before = pipeline.model_version()
    monkeypatch.setattr(pipeline, "ENRICHMENT_RULES", pipeline.ENRICHMENT_RULES + 1)
    pipeline.model_version.cache_clear()
    try:
        assert pipeline.model_version() != before
    finally:
        monkeypatch.undo()
        pipeline.model_version.cache_clear()
    assert pipeline.model_version() == before
