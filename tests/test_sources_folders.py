"""FolderSource: stable order, text as bytes, HTML extracted, other files skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from duluan.errors import SourceError, UsageError
from duluan.records import RawItem, RawReject
from duluan.sources.folders import FolderSource

FOLDER = Path(__file__).parent / "fixtures" / "sources" / "folder"


def relative(origin: str, root: Path) -> str:
    return Path(origin).relative_to(root).as_posix()


def test_folder_reads_text_and_html_in_sorted_order():
    source = FolderSource(FOLDER)
    outputs = list(source.read())
    assert [relative(o.origin, FOLDER) for o in outputs] == [
        "a.txt",
        "legacy.txt",
        "sub/b.html",
        "sub/empty.txt",
    ]
    assert sorted(relative(p, FOLDER) for p in source.skipped) == ["logo.png", "notes.md"]


def test_text_files_are_passed_on_as_bytes_for_the_pipeline_to_decode():
    a_txt, legacy = list(FolderSource(FOLDER).read())[:2]
    assert isinstance(a_txt, RawItem) and isinstance(legacy, RawItem)
    assert a_txt.kind == "page"
    assert a_txt.text == (FOLDER / "a.txt").read_bytes()
    assert a_txt.title is None
    # Windows-1258 bytes are kept exactly; guessing here would corrupt them.
    assert legacy.text == (FOLDER / "legacy.txt").read_bytes()
    assert isinstance(legacy.text, bytes)


def test_html_files_go_through_article_extraction():
    html = list(FolderSource(FOLDER).read())[2]
    assert isinstance(html, RawItem)
    assert isinstance(html.text, str)
    assert "phường Thảo Điền" in html.text
    assert "Trang chủ" not in html.text
    assert html.byline == "Trần Thị Bình"


def test_empty_text_file_is_rejected():
    empty = list(FolderSource(FOLDER).read())[3]
    assert isinstance(empty, RawReject)
    assert empty.reason == "empty_text"


def test_not_recursive_stays_at_the_top():
    source = FolderSource(FOLDER, recursive=False)
    origins = [relative(o.origin, FOLDER) for o in source.read()]
    assert origins == ["a.txt", "legacy.txt"]
    assert all("sub" not in p for p in source.skipped)


def test_order_does_not_depend_on_creation_order(tmp_path):
    for name in ["z.txt", "b/y.TXT", "a.htm", "m.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Nội dung " + name, encoding="utf-8")
    names = [relative(o.origin, tmp_path) for o in FolderSource(tmp_path).read()]
    assert names == ["a.htm", "b/y.TXT", "m.txt", "z.txt"]


def test_unreadable_file_is_one_reject_and_the_rest_is_read(tmp_path):
    shutil.copy(FOLDER / "a.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")  # a dangling link cannot be read
    first, second = FolderSource(tmp_path).read()
    assert isinstance(first, RawItem)
    assert isinstance(second, RawReject)
    assert second.reason == "unreadable_file"
    assert "b.txt" in second.message


def test_missing_folder_raises(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        list(FolderSource(tmp_path / "khong-co").read())


def test_file_instead_of_folder_raises():
    with pytest.raises(SourceError, match="is not a folder"):
        list(FolderSource(FOLDER / "a.txt").read())


def test_unknown_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown document kind"):
        FolderSource(FOLDER, kind="blog")
