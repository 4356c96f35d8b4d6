"""Helpers of benchmarks/web.py: the server process, the clients, the ingest process and the tally."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import httpx

SESSION_COOKIE = "duluan_session"
# The `duluan` command of this interpreter (duluan.cli has no __main__).
DULUAN = [sys.executable, "-c", "from duluan.cli import main; main()"]


@dataclass(frozen=True)
class Target:
    group: str  # "page" (overview, topics, alerts; API and HTML) or "search"
    name: str  # the route, e.g. "GET /api/v1/alerts/{id}"
    url: str
    html: bool = False  # an HTML page: sent with the session cookie, not the API token


@dataclass(frozen=True)
class Sample:
    target: Target
    status: int  # 0 when no answer came (timeout, connection error)
    ms: float


@dataclass
class Phase:
    label: str
    clients: int
    seconds: float = 0.0
    samples: list[Sample] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    key: str
    requests: int
    median: float
    p95: float
    p99: float
    errors: str  # "0", or the count by status: "3 (500: 2, timeout: 1)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`duluan serve` (one process), or uvicorn --workers N on the same app, in a child process."""

    def __init__(self, root: Path, workers: int, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        if workers == 1:
            command = [*DULUAN, "serve", "-w", str(root), "--port", str(self.port)]
        else:
            command = [sys.executable, "-m", "uvicorn", "--factory", "web_load:workspace_app",
                       "--app-dir", str(Path(__file__).parent), "--host", "127.0.0.1", "--port", str(self.port),
                       "--workers", str(workers), "--log-level", "warning", "--no-server-header"]
        self.log = log
        env = {**os.environ, "DULUAN_WORKSPACE": str(root)}
        self.process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)

    def wait_ready(self, timeout: float = 120.0) -> dict[str, object]:
        """The OpenAPI document, once the server answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped (exit {self.process.returncode}):\n{self.log.read_text()[-2000:]}")
            try:
                answer = httpx.get(f"{self.base}/api/v1/openapi.json", timeout=5)
                if answer.status_code == 200:
                    document: dict[str, object] = answer.json()
                    return document
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"the server did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def workspace_app() -> object:
    """The app factory for `uvicorn --workers N` (the workspace comes from DULUAN_WORKSPACE)."""
    from duluan.web import create_app
    from duluan.workspace import find_workspace

    return create_app(find_workspace())


def ingest_command(root: Path, path: Path, enrich: bool) -> list[str]:
    return [*DULUAN, "ingest", str(path), "-w", str(root), "--enrich" if enrich else "--no-enrich"]


class Ingestion:
    """`duluan ingest FILE` in a child process, one file after another, until stopped."""

    def __init__(self, root: Path, files: list[Path], enrich: bool, log: Path, nice: int | None = None) -> None:
        # `nice`: the ingest's CPU priority (the setting ingest_nice, which `duluan ingest`
        # applies itself); None keeps the workspace's setting.
        self.env = {**os.environ, "DULUAN_INGEST_NICE": str(nice)} if nice is not None else None
        self.commands = [ingest_command(root, f, enrich) for f in files]
        self.log = log
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        with self.log.open("a") as out:
            for command in self.commands:
                with self._lock:
                    if self._stop.is_set():
                        return
                    # Its own process group, so that stop() reaches its worker processes too.
                    self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                                     start_new_session=True, env=self.env)
                self._process.wait()

    def stop(self) -> None:
        """Interrupt the ingest under way with a Ctrl+C: what it committed stays.

        Not SIGTERM: it ends `duluan ingest` but not its forked workers, which keep the
        parent's database connection open, so on PostgreSQL its transaction (and locks)
        would outlive it and block the next ingest.
        """
        with self._lock:
            self._stop.set()
            process = self._process
        if process is None:
            return
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=60)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # anything of the group still there
        self._thread.join(timeout=60)


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one GET on a kept-alive connection and read the whole answer; its status."""
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length:
        await reader.readexactly(length)
    return status


def run_phase(phase: Phase, base: str, targets: list[Target], token: str, cookie: str | None, seconds: float,
              min_requests: int = 0) -> Phase:
    """`phase.clients` closed-loop clients, each sending its next request as soon as an answer
    came, cycling through `targets` from its own starting point, for `seconds` and at least
    `min_requests` each; a request under way at the end is waited for and counted.

    The clients are coroutines of one event loop, each with its own kept-alive connection,
    speaking plain HTTP/1.1: a load generator must cost the machine little, since it shares
    the cores with the server. (Threads with httpx cost about as much CPU per request as
    the server spent answering it, and queued on the client's GIL, which the latency
    figures then counted.)
    """
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds

    def request_of(target: Target) -> bytes:
        auth = f"Cookie: {SESSION_COOKIE}={cookie}\r\n" if target.html and cookie else f"Authorization: Bearer {token}\r\n"
        accept = "text/html" if target.html else "application/json"
        path = target.url.removeprefix(base)
        return (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: {accept}\r\n{auth}\r\n").encode()

    requests = {target: request_of(target) for target in targets}

    async def client(number: int) -> list[Sample]:
        mine: list[Sample] = []
        start = number * len(targets) // phase.clients  # spread over the cycle
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for sent, target in enumerate(itertools.islice(itertools.cycle(targets), start, None)):
                if time.monotonic() >= deadline and sent >= min_requests:
                    break
                began = time.perf_counter()
                try:
                    status = await asyncio.wait_for(_get(reader, writer, requests[target]), timeout=60)
                except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
                    status = 0
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                mine.append(Sample(target, status, (time.perf_counter() - began) * 1000))
        finally:
            writer.close()
        return mine

    async def all_clients() -> None:
        for samples in await asyncio.gather(*(client(n) for n in range(phase.clients))):
            phase.samples.extend(samples)

    began = time.monotonic()
    asyncio.run(all_clients())
    phase.seconds = time.monotonic() - began
    return phase


def tally(key: str, samples: list[Sample]) -> Row:
    times = sorted(s.ms for s in samples)
    if len(times) >= 2:
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        p95, p99 = cuts[94], cuts[98]
    else:
        p95 = p99 = times[0] if times else float("nan")
    bad = Counter("timeout" if s.status == 0 else str(s.status) for s in samples if not 200 <= s.status < 300)
    errors = str(sum(bad.values()))
    if bad:
        errors += " (" + ", ".join(f"{status}: {n}" for status, n in sorted(bad.items())) + ")"
    median = statistics.median(times) if times else float("nan")
    return Row(key, len(samples), median, p95, p99, errors)


def rows_by(phase: Phase, by_name: bool, by_url: bool = False) -> list[Row]:
    groups: dict[str, list[Sample]] = {}
    for sample in phase.samples:
        t = sample.target
        groups.setdefault(unquote(t.url) if by_url else t.name if by_name else t.group, []).append(sample)
    return [tally(key, samples) for key, samples in sorted(groups.items())]


def print_rows(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"| {'request':<34} | requests | median ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.key:<34} | {r.requests:8} | {r.median:9.0f} | {r.p95:6.0f} | {r.p99:6.0f} | {r.errors} |")
