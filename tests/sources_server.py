"""A real HTTP server on 127.0.0.1 for the source tests: feeds, robots.txt, slow pages.

Runs `http.server` in a background thread on a free port. Each route is a `Route`
with a body and headers; the server honours If-None-Match / If-Modified-Since itself so
tests can check that a second fetch gets a 304. Requests are recorded for assertions.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    slow: bool = False  # hold the answer until the server stops
    send_length: bool = True


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append(Request(self.path, headers))
                route = server.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.slow:
                    # Wait on an event, not a sleep: stopping the server releases it.
                    server._release.wait(10)
                if self._unchanged(route, headers):
                    self._answer(304, b"", self._validators(route))
                    return
                out = {"Content-Type": route.content_type, **self._validators(route)}
                self._answer(route.status, route.body, out, route.send_length)

            def _unchanged(self, route: Route, headers: dict[str, str]) -> bool:
                if route.etag and headers.get("if-none-match") == route.etag:
                    return True
                return bool(
                    route.last_modified
                    and "if-none-match" not in headers
                    and headers.get("if-modified-since") == route.last_modified
                )

            def _validators(self, route: Route) -> dict[str, str]:
                out = {}
                if route.etag:
                    out["ETag"] = route.etag
                if route.last_modified:
                    out["Last-Modified"] = route.last_modified
                return out

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str], length: bool = True
            ) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if length:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests, size cap)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        # A short poll interval: shutdown() waits for the next poll, 0.5 s by default.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)


class FakeClock:
    """A monotonic clock that only moves when told to, or when `sleep` is called."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds
