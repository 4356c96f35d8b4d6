"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a real
server on 127.0.0.1, over a copy of the `duluan demo` workspace.

One analyst's morning: log in, read the overview, open an alert, open a case from it and
carry it to resolved; search without diacritics and export as an analyst; be refused as a
viewer. Screenshots of each main page go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from duluan.accounts import create_user
from duluan.web import WebOptions, create_app
from web_clone import clone_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("DULUAN_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
PASSWORD = "mật-khẩu-thử-nghiệm"


def _require_browser() -> Any:
    reason = None
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[dev]')"
    if reason:
        if os.environ.get("DULUAN_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(demo_workspace: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    _require_browser()
    ws = clone_workspace(demo_workspace, tmp_path_factory.mktemp("browser") / "ws")
    for name, role in (("can-bo", "case_officer"), ("phan-tich", "analyst"), ("nguoi-xem", "viewer")):
        create_user(ws.engine, name, PASSWORD, role)
    port = _free_port()
    config = uvicorn.Config(create_app(ws, WebOptions(port=port)), host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


class Session:
    """A logged-in browser tab that records console errors (CSP violations among them)."""

    def __init__(self, browser: Any, base: str, username: str) -> None:
        self.base = base
        self.context = browser.new_context(accept_downloads=True, locale="vi-VN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("request", self._only_loopback)
        self.page.goto(f"{base}/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("form[action='/login'] button[type=submit]")
        self.page.wait_for_load_state()
        assert "/login" not in self.page.url, f"login as {username} failed"

    def _only_loopback(self, request: Any) -> None:
        assert request.url.startswith(self.base) or request.url.startswith("data:"), request.url

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state()
        return response

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


def test_an_alert_becomes_a_case_and_is_carried_to_resolved(browser: Any, server: str) -> None:
    officer = Session(browser, server, "can-bo")
    try:
        officer.go("/")
        assert officer.page.locator("h1").first.is_visible()
        assert officer.page.locator("svg").count() >= 1, "the overview draws its volume chart"
        officer.shot("overview")
        officer.go("/topics")
        officer.shot("topics")
        first_topic = officer.page.locator("a[href^='/topics/']").first
        if first_topic.count():
            first_topic.click()
            officer.page.wait_for_load_state()
            officer.shot("topic")
        officer.go("/places/79")
        officer.shot("place")

        officer.go("/alerts")
        officer.shot("alerts")
        officer.page.locator("a[href^='/alerts/']").first.click()
        officer.page.wait_for_load_state()
        alert_url = officer.page.url
        officer.shot("alert")
        officer.page.fill("form[action$='/case'] input[name=title]", "Phản ánh cần xử lý từ cảnh báo")
        officer.page.fill("form[action$='/case'] input[name=assigned_unit]", "UBND phường")
        officer.page.click("form[action$='/case'] button[type=submit]")
        officer.page.wait_for_load_state()
        assert "/cases/" in officer.page.url, officer.page.url
        case_url = officer.page.url
        for status in ("in_progress", "answered", "resolved"):
            officer.page.click(f"button[name=status][value={status}]")
            officer.page.wait_for_load_state()
            assert officer.page.url.startswith(case_url)
        assert officer.page.locator("button[name=status][value=resolved]").count() == 0
        assert officer.page.locator("button[name=status][value=closed]").count() == 1
        officer.shot("case")
        officer.go("/cases")
        officer.shot("cases")
        officer.page.goto(alert_url)
        assert "/cases/" in officer.page.content(), "the alert now links to its case"
        assert not [e for e in officer.errors if "Content Security Policy" in e], officer.errors
    finally:
        officer.close()


def test_an_analyst_searches_without_diacritics_and_exports(browser: Any, server: str) -> None:
    analyst = Session(browser, server, "phan-tich")
    try:
        analyst.go("/search")
        analyst.page.fill("input[name=q]", "ngap nuoc")
        analyst.page.click("form[role=search] button[type=submit]")
        analyst.page.wait_for_load_state()
        text = analyst.page.locator("main").inner_text().lower()
        assert "ngập" in text, "a query without diacritics finds the text with them"
        analyst.shot("search")
        with analyst.page.expect_download() as download_info:
            analyst.page.click("p.exports a:text('CSV')")
        path = download_info.value.path()
        header = Path(path).read_text(encoding="utf-8").splitlines()[0]
        assert "text" in header and "author" not in header
        analyst.go("/sources")
        analyst.shot("sources")
    finally:
        analyst.close()


def test_a_viewer_sees_aggregates_but_cannot_search_or_export(browser: Any, server: str) -> None:
    viewer = Session(browser, server, "nguoi-xem")
    try:
        viewer.go("/")
        assert viewer.page.locator("a[href='/search']").count() == 0
        assert viewer.go("/search").status == 403
        viewer.shot("viewer-refused")
        refused = viewer.context.request.get(f"{server}/api/v1/exports/documents?q=ngap+nuoc&format=csv")
        assert refused.status == 403
        assert refused.json()["error"]["code"] == "forbidden"
    finally:
        viewer.close()


def test_a_phone_wide_screen_scrolls_tables_inside_their_cards(browser: Any, server: str) -> None:
    analyst = Session(browser, server, "phan-tich")
    try:
        analyst.page.set_viewport_size({"width": 390, "height": 800})
        for path in ("/", "/alerts", "/topics", "/cases?view=list", "/places"):
            analyst.go(path)
            width = analyst.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 392, f"{path} is {width} px wide on a 390 px screen"
        # The topics' bar labels stay legible: drawn beside the bars in a 640-wide chart
        # they were 6-7 px tall here.
        analyst.go("/topics")
        heights = analyst.page.evaluate(
            "[...document.querySelectorAll('svg.chart-bar text.bar-label')].map(t => t.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 9, heights
        analyst.go("/alerts")
        analyst.shot("phone-alerts")
        # No console error on the way: no blocked script or style, no missing file (the
        # favicon was a 404 on every page).
        assert not analyst.errors, analyst.errors
    finally:
        analyst.close()
