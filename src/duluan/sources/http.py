"""Polite HTTP fetching: a clear User-Agent, robots.txt, a per-host pace, conditional GET.

Every reader that touches the network goes through `PoliteFetcher`, so the rules that
keep us welcome on news sites live in one place. The stdlib `urllib` is enough: we fetch
a few feeds and pages at a slow pace, never thousands of URLs at once.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from .. import __version__
from ..errors import FetchError
from ..problem_text import problem_message

USER_AGENT = f"duluan/{__version__} (+https://github.com/duluan/duluan; public-opinion research)"


@dataclass
class FetchState:
    """What we remember about one URL between fetches; the caller persists it."""

    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None


@dataclass
class FetchSettings:
    """How politely to fetch; the defaults suit a handful of news feeds."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, for connecting and for each read
    min_interval: float = 2.0  # seconds between two requests to the same host
    max_bytes: int = 5 * 1024 * 1024  # a feed or article larger than this is not one
    respect_robots: bool = True
    robots_ttl: float = 24 * 3600.0  # seconds before robots.txt is read again


@dataclass
class FetchResult:
    """One answer: the body (None when not modified), headers and the state to keep."""

    url: str
    status: int
    body: bytes | None
    headers: dict[str, str]
    state: FetchState
    not_modified: bool = False


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser
    read_at: float


@dataclass
class PoliteFetcher:
    """Fetches http(s) URLs politely; `clock`, `sleep` and `now` are injectable for tests."""

    settings: FetchSettings = field(default_factory=FetchSettings)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)

    def fetch(self, url: str, state: FetchState | None = None) -> FetchResult:
        """Fetch `url`, sending the validators in `state`; a 304 gives `not_modified`."""
        state = state or FetchState()
        host = _host_key(url)
        _check_scheme(url)
        if self.settings.respect_robots and not self.allowed(url):
            raise FetchError(problem_message("robots_disallow", host=host, url=url))
        headers = {"User-Agent": self.settings.user_agent}
        # Conditional GET: the server answers 304 with no body when nothing changed.
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        status, body, response_headers, final_url = self._request(url, headers)
        fetched = replace(state, last_fetched=self.now(), last_status=status, last_error=None)
        if status == 304:
            # A 304 may refresh the validators; keep the old ones when it does not.
            fetched.etag = response_headers.get("etag", state.etag)
            fetched.last_modified = response_headers.get("last-modified", state.last_modified)
            return FetchResult(final_url, status, None, response_headers, fetched, True)
        fetched.etag = response_headers.get("etag")
        fetched.last_modified = response_headers.get("last-modified")
        return FetchResult(final_url, status, body, response_headers, fetched, False)

    def allowed(self, url: str) -> bool:
        """True when the host's robots.txt lets our User-Agent fetch `url`."""
        host = _host_key(url)
        cached = self._robots.get(host)
        if cached is None or self.clock() - cached.read_at > self.settings.robots_ttl:
            cached = _Robots(self._read_robots(host), self.clock())
            self._robots[host] = cached
        return cached.parser.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        headers = {"User-Agent": self.settings.user_agent}
        try:
            status, body, _, _ = self._request(f"{host}/robots.txt", headers, any_status=True)
        except FetchError as err:
            # Status codes are handled below; here the host did not answer at all.
            raise FetchError(problem_message("robots_unreadable", host=host, detail=err)) from err
        # A server error means "stay out" (RFC 9309); so do 401/403, more cautious than
        # the RFC but what Python's robotparser does; any other client error, no rules.
        if status in (401, 403) or status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        elif status >= 400 or body is None:
            parser.parse([])
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _request(
        self, url: str, headers: Mapping[str, str], any_status: bool = False
    ) -> tuple[int, bytes | None, dict[str, str], str]:
        """One GET with the per-host pace and the size cap.

        A 304, or any status when `any_status` is set (robots.txt), comes back as a
        status with no body; other HTTP errors raise FetchError.
        """
        _check_scheme(url)
        self._wait_for_turn(_host_key(url))
        request = urllib.request.Request(url, headers=dict(headers), method="GET")
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                response_headers = _lower_headers(response.headers)
                body = self._read_capped(url, response, response_headers)
                return response.status, body, response_headers, response.geturl()
        except urllib.error.HTTPError as err:
            # urllib raises for every status it does not follow, 304 included.
            err_headers = _lower_headers(err.headers) if err.headers else {}
            if err.code == 304 or any_status:
                return err.code, None, err_headers, url
            raise FetchError(problem_message("http_status", url=url, status=f"{err.code} {err.reason}")) from err
        except urllib.error.URLError as err:
            raise FetchError(problem_message("fetch_failed", url=url, detail=err.reason)) from err
        except TimeoutError as err:
            raise FetchError(problem_message("fetch_timeout", url=url, seconds=f"{self.settings.timeout:g}")) from err
        except (OSError, http.client.HTTPException, ValueError) as err:
            raise FetchError(problem_message("fetch_failed", url=url, detail=err)) from err

    def _read_capped(
        self, url: str, response: http.client.HTTPResponse, headers: dict[str, str]
    ) -> bytes:
        limit = self.settings.max_bytes
        too_big = FetchError(problem_message("too_large", url=url, limit=_human_size(limit)))
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        # Read one byte past the limit: a server may lie about or omit Content-Length.
        body = response.read(limit + 1)
        if len(body) > limit:
            raise too_big
        return body

    def _wait_for_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.settings.min_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()


def _check_scheme(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(problem_message("bad_scheme", url=url, scheme=scheme))


def _host_key(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _lower_headers(message: object) -> dict[str, str]:
    items = message.items() if hasattr(message, "items") else []
    return {str(k).lower(): str(v) for k, v in items}


def _human_size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"
