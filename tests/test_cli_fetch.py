"""`duluan fetch` end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from duluan.cli import main
from sources_server import LocalServer, Route

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_fetch_stores_validators_and_second_poll_is_not_modified(tmp_path: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(ws)]).exit_code == 0
    feed = (FIXTURES / "rss20.xml").read_bytes()
    env = {"DULUAN_FETCH_MIN_INTERVAL_SECONDS": "0"}
    with LocalServer() as server:
        server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        server.routes["/rss/thoi-su.rss"] = Route(feed, content_type="application/rss+xml", etag='"v1"')
        server.routes["/private/feed.rss"] = Route(feed, content_type="application/rss+xml")
        for name, path in (("thoi-su", "/rss/thoi-su.rss"), ("rieng", "/private/feed.rss")):
            added = runner.invoke(main, ["sources", "add", name, "feed", server.url(path), "-w", str(ws)])
            assert added.exit_code == 0, added.output
        first = runner.invoke(main, ["fetch", "-w", str(ws)], env=env)
        assert first.exit_code == 0, first.output
        assert "robots.txt" in first.output  # the disallowed feed is reported, the other still read
        new_count = int(first.output.split(" new,")[0].rsplit(" ", 1)[-1])
        assert new_count > 0
        second = runner.invoke(main, ["fetch", "--source", "thoi-su", "-w", str(ws)], env=env)
        assert second.exit_code == 0, second.output
        assert "0 read" in second.output
        feed_requests = [r for r in server.requests if r.path == "/rss/thoi-su.rss"]
        assert feed_requests[-1].headers.get("if-none-match") == '"v1"'
        assert all(r.headers["user-agent"].startswith("duluan/") for r in server.requests)
        assert "/private/feed.rss" not in server.paths()
    listed = runner.invoke(main, ["sources", "list", "--json", "-w", str(ws)])
    assert "robots.txt" in listed.output  # the last error is kept on the source
