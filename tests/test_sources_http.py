"""PoliteFetcher against a real HTTP server on 127.0.0.1, with an injected clock."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest

from duluan import __version__
from duluan.errors import FetchError
from duluan.sources.http import USER_AGENT, FetchSettings, FetchState, PoliteFetcher
from sources_server import FakeClock, LocalServer, Route

FIXED_NOW = datetime(2025, 9, 12, 11, 0, tzinfo=UTC)
FEED = b"<rss version='2.0'><channel><title>B\xc3\xa1o</title></channel></rss>"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def make_fetcher(clock: FakeClock | None = None, **settings: object) -> PoliteFetcher:
    clock = clock or FakeClock()
    return PoliteFetcher(
        settings=FetchSettings(**settings),  # type: ignore[arg-type]
        clock=clock,
        sleep=clock.sleep,
        now=lambda: FIXED_NOW,
    )


@pytest.fixture
def server():
    routes = {
        "/robots.txt": Route(ROBOTS, content_type="text/plain"),
        "/feed.xml": Route(
            FEED,
            content_type="application/rss+xml",
            etag='"v1"',
            last_modified="Fri, 12 Sep 2025 10:00:00 GMT",
        ),
        "/dated.xml": Route(FEED, last_modified="Fri, 12 Sep 2025 10:00:00 GMT"),
        "/private/feed.xml": Route(FEED),
        "/slow": Route(b"late", slow=True),
        "/big": Route(b"x" * 2048),
        "/big-unannounced": Route(b"x" * 2048, send_length=False),
    }
    with LocalServer(routes) as s:
        yield s


def test_user_agent_names_the_project_and_robots_is_read_first(server):
    result = make_fetcher().fetch(server.url("/feed.xml"))
    assert result.status == 200
    assert result.body == FEED
    assert result.headers["content-type"] == "application/rss+xml"
    assert server.paths() == ["/robots.txt", "/feed.xml"]
    agent = server.requests[1].headers["user-agent"]
    assert agent == USER_AGENT
    assert agent.startswith(f"duluan/{__version__} (+https://github.com/duluan/duluan;")


def test_second_fetch_with_etag_is_not_modified(server):
    fetcher = make_fetcher()
    first = fetcher.fetch(server.url("/feed.xml"))
    assert first.state.etag == '"v1"'
    assert first.state.last_modified == "Fri, 12 Sep 2025 10:00:00 GMT"
    assert first.state.last_fetched == FIXED_NOW
    assert first.state.last_status == 200

    second = fetcher.fetch(server.url("/feed.xml"), first.state)
    assert second.not_modified
    assert second.body is None
    assert second.status == 304
    assert second.state.etag == '"v1"'
    assert second.state.last_status == 304
    assert server.requests[-1].headers["if-none-match"] == '"v1"'


def test_last_modified_alone_gives_304(server):
    fetcher = make_fetcher()
    first = fetcher.fetch(server.url("/dated.xml"))
    assert first.state.etag is None
    second = fetcher.fetch(server.url("/dated.xml"), first.state)
    assert second.not_modified
    assert second.state.last_modified == "Fri, 12 Sep 2025 10:00:00 GMT"
    assert "if-none-match" not in server.requests[-1].headers


def test_changed_resource_clears_old_error(server):
    stale = FetchState(etag='"v0"', last_error="timed out")
    result = make_fetcher().fetch(server.url("/feed.xml"), stale)
    assert not result.not_modified
    assert result.body == FEED
    assert result.state.etag == '"v1"'
    assert result.state.last_error is None


def test_robots_disallowed_path_is_never_requested(server):
    fetcher = make_fetcher()
    with pytest.raises(FetchError, match=r"robots\.txt .* disallows .*/private/feed\.xml"):
        fetcher.fetch(server.url("/private/feed.xml"))
    assert "/private/feed.xml" not in server.paths()


def test_robots_is_read_once_per_host(server):
    fetcher = make_fetcher()
    fetcher.fetch(server.url("/feed.xml"))
    fetcher.fetch(server.url("/dated.xml"))
    assert server.paths().count("/robots.txt") == 1


def test_robots_is_read_again_after_its_ttl(server):
    clock = FakeClock()
    fetcher = make_fetcher(clock, robots_ttl=60.0)
    fetcher.fetch(server.url("/feed.xml"))
    clock.advance(61)
    fetcher.fetch(server.url("/feed.xml"))
    assert server.paths().count("/robots.txt") == 2


def test_robots_server_error_means_stay_out():
    routes = {"/robots.txt": Route(b"oops", status=503), "/feed.xml": Route(FEED)}
    with LocalServer(routes) as s:
        with pytest.raises(FetchError, match="robots.txt"):
            make_fetcher().fetch(s.url("/feed.xml"))
        assert "/feed.xml" not in s.paths()


def test_robots_forbidden_means_stay_out():
    routes = {"/robots.txt": Route(b"", status=403), "/feed.xml": Route(FEED)}
    with LocalServer(routes) as s, pytest.raises(FetchError, match="disallows"):
        make_fetcher().fetch(s.url("/feed.xml"))


def test_missing_robots_allows_everything():
    with LocalServer({"/feed.xml": Route(FEED)}) as s:
        assert make_fetcher().fetch(s.url("/feed.xml")).body == FEED


def test_robots_can_be_switched_off(server):
    result = make_fetcher(respect_robots=False).fetch(server.url("/private/feed.xml"))
    assert result.body == FEED
    assert "/robots.txt" not in server.paths()


def test_requests_to_one_host_keep_the_minimum_interval(server):
    clock = FakeClock()
    fetcher = make_fetcher(clock, min_interval=2.0, respect_robots=False)
    fetcher.fetch(server.url("/feed.xml"))
    assert clock.sleeps == []
    fetcher.fetch(server.url("/feed.xml"))
    assert clock.sleeps == [2.0]
    clock.advance(0.5)
    fetcher.fetch(server.url("/feed.xml"))
    assert clock.sleeps == [2.0, 1.5]
    clock.advance(10)
    fetcher.fetch(server.url("/feed.xml"))
    assert clock.sleeps == [2.0, 1.5]


def test_robots_request_counts_towards_the_interval(server):
    clock = FakeClock()
    make_fetcher(clock, min_interval=3.0).fetch(server.url("/feed.xml"))
    assert clock.sleeps == [3.0]


def test_other_hosts_do_not_wait(server):
    clock = FakeClock()
    fetcher = make_fetcher(clock, min_interval=2.0, respect_robots=False)
    with LocalServer({"/feed.xml": Route(FEED)}) as other:
        fetcher.fetch(server.url("/feed.xml"))
        fetcher.fetch(other.url("/feed.xml"))
    assert clock.sleeps == []


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_body_over_the_cap_is_refused(server, path):
    with pytest.raises(FetchError, match="larger than the 1 KB limit"):
        make_fetcher(max_bytes=1024).fetch(server.url(path))


def test_body_at_the_cap_is_accepted(server):
    assert len(make_fetcher(max_bytes=2048).fetch(server.url("/big")).body or b"") == 2048


def test_slow_server_times_out(server):
    url = server.url("/slow")
    with pytest.raises(FetchError, match="could not fetch") as caught:
        make_fetcher(timeout=0.3).fetch(url)
    assert url in str(caught.value)


def test_http_error_names_status_and_url(server):
    url = server.url("/nowhere.xml")
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        make_fetcher().fetch(url)
    assert url in str(caught.value)


def test_refused_connection_is_a_fetch_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    with pytest.raises(FetchError, match="could not") as caught:
        make_fetcher(respect_robots=False).fetch(url)
    assert url in str(caught.value)


def test_only_http_urls_are_fetched():
    with pytest.raises(FetchError, match="scheme 'ftp'"):
        make_fetcher().fetch("ftp://127.0.0.1/feed.xml")
