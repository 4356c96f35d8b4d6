"""The command line: workspace discovery, sources, ingest, export, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from duluan.cli import main

POSTS = [
    {"message": "Nước ngập tới gối ở đường Kha Vạn Cân, xe chết máy hàng loạt.", "created_at": "2026-10-12T18:00:00+07:00", "user": "an.nguyen", "likes": 5},
    {"message": "Rác không ai thu gom ba ngày nay ở hẻm 42, mùi hôi không chịu nổi.", "created_at": "12/10/2026 20:15", "user": "binh.tran"},
    {"message": "", "created_at": "2026-10-12T21:00:00+07:00", "user": "c"},
]


def write_posts(path: Path, rows: list[dict[str, object]], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workspace(tmp_path: Path, runner: CliRunner) -> Path:
    root = tmp_path / "ws"
    result = runner.invoke(main, ["init", str(root)])
    assert result.exit_code == 0, result.output
    return root


def test_init_creates_settings_database_and_private_secret(workspace: Path, runner: CliRunner) -> None:
    assert (workspace / "duluan.toml").exists()
    assert (workspace / "duluan.db").exists()
    secret = workspace / "secret.key"
    assert len(secret.read_bytes()) == 32
    assert secret.stat().st_mode & 0o077 == 0
    again = runner.invoke(main, ["init", str(workspace)])
    assert again.exit_code == 2 and "already holds" in again.output


def test_no_workspace_says_how_to_make_one(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DULUAN_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["status"])
    assert result.exit_code == 2
    assert "no duluan workspace" in result.output and "duluan init" in result.output


def test_workspace_from_environment(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["status"], env={"DULUAN_WORKSPACE": str(workspace)})
    assert result.exit_code == 0, result.output
    assert "0 documents" in result.output


def test_ingest_with_mapping_then_rerun_adds_nothing(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl", POSTS, ("{hỏng",))
    args = ["ingest", str(posts), "--mapping", "text=message,time=created_at,author=user", "-w", str(workspace)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "2 new, 0 duplicate" in first.output and "2 rejected" in first.output
    assert "broken_json" in first.output and "missing_text" in first.output
    second = runner.invoke(main, args)
    assert "0 new, 2 duplicate" in second.output


def test_bad_mapping_is_a_usage_error_naming_the_field(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl", POSTS)
    result = runner.invoke(main, ["ingest", str(posts), "--mapping", "txt=message", "-w", str(workspace)])
    assert result.exit_code == 2
    assert "txt" in result.output


def test_nothing_ingestable_exits_1(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n[1, 2]\n", encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(bad), "-w", str(workspace)])
    assert result.exit_code == 1
    assert "nothing could be ingested" in result.output


def test_missing_file_exits_1_with_its_name(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["ingest", str(tmp_path / "khong-co.jsonl"), "-w", str(workspace)])
    assert result.exit_code == 1
    assert "khong-co.jsonl" in result.output


def test_unknown_location_kind_asks_for_kind(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "data.bin"
    odd.write_bytes(b"x")
    result = runner.invoke(main, ["ingest", str(odd), "-w", str(workspace)])
    assert result.exit_code == 2 and "--kind" in result.output


def test_sources_add_list_ingest_remove(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl", POSTS)
    ws = ["-w", str(workspace)]
    added = runner.invoke(main, ["sources", "add", "trang-a", "jsonl", str(posts), "--mapping", "text=message,time=created_at", *ws])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["sources", "list", "--json", *ws])
    row = json.loads(listed.output.strip().splitlines()[0])
    assert row["name"] == "trang-a" and row["options"]["mapping"] == "text=message,time=created_at"
    ingested = runner.invoke(main, ["ingest", "--source", "trang-a", *ws])
    assert "2 new" in ingested.output
    status = runner.invoke(main, ["status", *ws])
    assert "trang-a" in status.output
    assert runner.invoke(main, ["sources", "remove", "trang-a", *ws]).exit_code == 0
    unknown = runner.invoke(main, ["ingest", "--source", "trang-a", *ws])
    assert unknown.exit_code == 2 and "no source named" in unknown.output


def test_export_formats_leave_authors_out(workspace: Path, runner: CliRunner, tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl", POSTS)
    runner.invoke(main, ["ingest", str(posts), "--mapping", "text=message,time=created_at,author=user", "-w", str(workspace)])
    out_csv, out_jsonl, out_parquet = tmp_path / "a.csv", tmp_path / "a.jsonl", tmp_path / "a.parquet"
    for path in (out_csv, out_jsonl, out_parquet):
        result = runner.invoke(main, ["export", str(path), "-w", str(workspace)])
        assert result.exit_code == 0, result.output
        assert "Wrote 2 documents" in result.output
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert {r["text"][:9] for r in rows} == {"Nước ngập", "Rác không"}
    assert "author_hash" not in rows[0]
    lines = [json.loads(x) for x in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["published_at"].startswith("2026-10-12T11:00:00")
    import pyarrow.parquet as pq

    table = pq.read_table(out_parquet)
    assert table.num_rows == 2 and "author_hash" not in table.column_names
    later = runner.invoke(main, ["export", str(out_csv), "--since", "2026-10-12 19:00", "-w", str(workspace)])
    assert "Wrote 1 documents" in later.output


def test_settings_lists_every_setting(runner: CliRunner) -> None:
    result = runner.invoke(main, ["settings", "--json"])
    names = {s["name"] for s in json.loads(result.output)}
    assert {"database_url", "k_anonymity", "batch_size"} <= names


@pytest.mark.postgres
def test_workspace_on_postgresql_through_database_url(tmp_path: Path, runner: CliRunner) -> None:
    import uuid

    from sqlalchemy import text

    from conftest import PG_URL, require_postgres
    from duluan.store.db import make_engine

    require_postgres()
    schema = f"cli_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        assert runner.invoke(main, ["init", str(tmp_path / "ws"), "--database-url", url]).exit_code == 0
        posts = write_posts(tmp_path / "posts.jsonl", POSTS)
        args = ["ingest", str(posts), "--mapping", "text=message,time=created_at", "-w", str(tmp_path / "ws")]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "2 new" in result.output
        with admin.connect() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {schema}.documents")).scalar_one() == 2
        assert not (tmp_path / "ws" / "duluan.db").exists()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_sigterm_stops_a_command_like_ctrl_c() -> None:
    import signal

    from duluan.cli import stop_cleanly_on_sigterm

    previous = signal.getsignal(signal.SIGTERM)
    try:
        stop_cleanly_on_sigterm()
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        with pytest.raises(KeyboardInterrupt):
            handler(signal.SIGTERM, None)
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_story_title_prints_on_one_line_and_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    from duluan.cli.data import print_workspace_summary
    from duluan.summary import WorkspaceSummary

    title = "Kính gửi bà con khu phố\n\nTriều cường [bold]lên cao[/bold] vào buổi tối"
    print_workspace_summary(WorkspaceSummary(documents=8, stories=1, largest_stories=[(title, 8)]))
    out = capsys.readouterr().out
    assert "Kính gửi bà con khu phố Triều cường [bold]lên cao[/bold]" in " ".join(out.split())
    blank_rows = [line for line in out.splitlines() if line.startswith("│") and not line.strip("│ ")]
    assert not blank_rows, "the title's blank lines became empty table rows"
