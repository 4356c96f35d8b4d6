"""The REST API: a test per role per route, one error shape, CSRF, rate limits, headers, audit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from analysis_data import BACH_MAI, HOAN_KIEM_WARD, START, add_background, add_posts
from duluan.accounts import PERMISSIONS, ROLES, can, create_api_token, create_user, list_audit
from duluan.analysis.alerts import list_alerts, run_alerts
from duluan.analysis.periods import Period
from duluan.analysis.surges import SurgeOptions
from duluan.web import create_app
from duluan.workspace import Workspace, init_workspace

TZ = "Asia/Ho_Chi_Minh"
PASSWORD = "mật-khẩu-đủ-dài-1"
RANGE = {"from": str(START), "to": str(START + timedelta(days=29))}


class World:
    def __init__(self, workspace: Workspace, tokens: dict[str, str], alert_ids: list[int], doc_ids: list[int]) -> None:
        self.workspace = workspace
        self.tokens = tokens
        self.alert_ids = alert_ids
        self.doc_ids = doc_ids
        self.app = create_app(workspace)

    def client(self, role: str | None = None) -> TestClient:
        client = TestClient(self.app, raise_server_exceptions=False)
        if role is not None:
            client.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return client


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root: Path = tmp_path_factory.mktemp("web-api")
    ws = init_workspace(root / "ws")
    engine = ws.engine
    add_background(engine, START, 30, 3, ward=BACH_MAI)
    add_background(engine, START, 30, 3, ward=HOAN_KIEM_WARD)
    doc_ids: list[int] = []
    for day in (25, 26, 27):
        doc_ids += add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI)
    add_posts(engine, START + timedelta(days=28), 1, ward=BACH_MAI, text="<script>alert(1)</script> rác ở đầu hẻm")
    run_alerts(engine, Period(START, START + timedelta(days=29), TZ), SurgeOptions())
    tokens = {}
    for role in ROLES:
        user = create_user(engine, f"u-{role.replace('_', '-')}", PASSWORD, role)
        tokens[role] = create_api_token(engine, user, "tests")[0]
    alert_ids = [a.id for a in list_alerts(engine, timezone=TZ)]
    assert alert_ids, "the fixture must raise at least one alert"
    yield World(ws, tokens, alert_ids, doc_ids)


def _routes(world: World) -> list[tuple[str, str, str | None, dict[str, Any]]]:
    """(method, path, permission or None for public, request kwargs) for every API route."""
    alert, doc = world.alert_ids[0], world.doc_ids[0]
    return [
        ("POST", "/api/v1/session", None, {"json": {"username": "u-{role}", "password": PASSWORD}}),
        ("DELETE", "/api/v1/session", "view_aggregates", {}),
        ("GET", "/api/v1/me", "view_aggregates", {}),
        ("GET", "/api/v1/me/tokens", "view_aggregates", {}),
        ("POST", "/api/v1/me/tokens", "view_aggregates", {"json": {"name": "thử"}}),
        ("DELETE", "/api/v1/me/tokens/{token_id}", "view_aggregates", {"path": {"token_id": 999999}}),
        ("GET", "/api/v1/trends", "view_aggregates", {"params": {**RANGE, "concern": "waste"}}),
        ("GET", "/api/v1/share-of-voice", "view_aggregates", {"params": RANGE}),
        ("GET", "/api/v1/topics", "view_aggregates", {"params": RANGE}),
        ("GET", "/api/v1/topics/{topic_id}", "view_aggregates", {"path": {"topic_id": 1}}),
        ("GET", "/api/v1/alerts", "view_aggregates", {"params": RANGE}),
        ("GET", "/api/v1/alerts/{alert_id}", "view_aggregates", {"path": {"alert_id": alert}}),
        ("POST", "/api/v1/alerts/{alert_id}/acknowledge", "triage_alerts", {"path": {"alert_id": alert}}),
        ("POST", "/api/v1/alerts/{alert_id}/dismiss", "triage_alerts",
         {"path": {"alert_id": alert}, "json": {"reason": "tin cũ"}}),
        ("POST", "/api/v1/alerts/{alert_id}/case", "manage_cases", {"path": {"alert_id": alert}, "json": {}}),
        ("GET", "/api/v1/cases", "view_aggregates", {}),
        ("GET", "/api/v1/cases/metrics", "view_aggregates", {}),
        ("POST", "/api/v1/cases", "manage_cases", {"json": {"document_ids": [doc], "title": "Rác ở Bạch Mai"}}),
        ("GET", "/api/v1/cases/{case_id}", "view_aggregates", {"path": {"case_id": 1}}),
        ("PATCH", "/api/v1/cases/{case_id}", "manage_cases", {"path": {"case_id": 1}, "json": {"note": "đã gọi phường"}}),
        ("GET", "/api/v1/cases/{case_id}/impact", "view_aggregates", {"path": {"case_id": 1}}),
        ("GET", "/api/v1/documents", "view_documents", {"params": {"q": "rac"}}),
        ("GET", "/api/v1/documents/{document_id}", "view_documents", {"path": {"document_id": doc}}),
        ("GET", "/api/v1/stories/{story_id}", "view_documents", {"path": {"story_id": 1}}),
        ("GET", "/api/v1/exports/documents", "export", {"params": {"q": "rac", "format": "jsonl"}}),
        ("GET", "/api/v1/sources", "view_sources", {}),
        ("GET", "/api/v1/ingest-runs", "view_sources", {}),
        ("GET", "/api/v1/rejects", "view_sources", {}),
        ("GET", "/api/v1/users", "manage_users", {}),
        ("POST", "/api/v1/users", "manage_users",
         {"json": {"username": "moi-{role}", "password": PASSWORD, "role": "viewer"}}),
        ("PATCH", "/api/v1/users/{username}", "manage_users", {"path": {"username": "u-viewer"}, "json": {"role": "viewer"}}),
        ("GET", "/api/v1/audit", "manage_users", {}),
    ] + [r for r in EXTRA_ROUTES]


# Routes added by other modules register here (path parameters filled in per route).
EXTRA_ROUTES: list[tuple[str, str, str | None, dict[str, Any]]] = [
    ("GET", "/api/v1/overview", "view_aggregates", {"params": RANGE}),
    ("GET", "/api/v1/places/{code}", "view_aggregates", {"path": {"code": "01"}, "params": RANGE}),
    ("GET", "/api/v1/places", "view_aggregates", {"params": {"q": "Hà Nội"}}),
]


def _call(client: TestClient, method: str, path: str, kwargs: dict[str, Any], role: str) -> Any:
    url = path.format(**kwargs.get("path", {}))
    body = kwargs.get("json")
    if isinstance(body, dict):
        body = {k: (v.format(role=role.replace("_", "-")) if isinstance(v, str) else v) for k, v in body.items()}
    return client.request(method, url, params=kwargs.get("params"), json=body)


def test_every_api_route_is_in_the_permission_table(world: World) -> None:
    declared = {(m, p) for m, p, _, _ in _routes(world)}
    served = {
        (method.upper(), path)
        for path, operations in world.app.openapi()["paths"].items()
        for method in operations
    }
    assert served == declared


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_permissions_on_each_route(world: World, role: str) -> None:
    client = world.client(role)
    for method, path, permission, kwargs in _routes(world):
        if path == "/api/v1/session" and method == "DELETE":
            continue  # a bearer token has no session to end; tested below
        response = _call(client, method, path, kwargs, role)
        where = f"{role} {method} {path}: {response.status_code} {response.text[:200]}"
        assert response.status_code < 500, where
        if permission is None or can(role, permission):
            assert response.status_code not in (401, 403), where
        else:
            assert response.status_code == 403, where
            assert response.json()["error"]["code"] == "forbidden"
            assert role in response.json()["error"]["message"]


def test_without_credentials_every_protected_route_answers_401(world: World) -> None:
    client = world.client()
    for method, path, permission, kwargs in _routes(world):
        if permission is None:
            continue
        response = _call(client, method, path, kwargs, "viewer")
        assert response.status_code == 401, f"{method} {path}"
        assert response.json()["error"]["code"] == "authentication_required"


def test_errors_share_one_shape(world: World) -> None:
    client = world.client("analyst")
    cases = [
        (client.get("/api/v1/alerts/999999"), 404, "not_found"),
        (client.get("/api/v1/nowhere"), 404, "not_found"),
        (client.get("/api/v1/alerts", params={"status": "bogus"}), 400, "bad_request"),
        (client.get("/api/v1/trends", params={"days": "many"}), 422, "invalid_request"),
        (client.get("/api/v1/trends", params={"from": "2026-12-31"}), 400, "bad_request"),
        (client.put("/api/v1/alerts"), 405, "method_not_allowed"),
        (world.client().get("/api/v1/me", headers={"Authorization": "Bearer dl_wrong"}), 401, "authentication_required"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, response.text
        error = response.json()["error"]
        assert (error["status"], error["code"]) == (status, code)
        assert error["message"]


def _session(world: World, username: str) -> tuple[TestClient, str]:
    client = world.client()
    response = client.post("/api/v1/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client, response.json()["csrf_token"]


def test_a_cookie_session_must_send_its_csrf_token_to_change_anything(world: World) -> None:
    client, csrf = _session(world, "u-analyst")
    assert client.get("/api/v1/me").json()["user"]["username"] == "u-analyst"
    refused = client.post("/api/v1/me/tokens", json={"name": "a"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
    wrong = client.post("/api/v1/me/tokens", json={"name": "a"}, headers={"X-CSRF-Token": "x" * 43})
    assert wrong.status_code == 403
    other_site = client.post("/api/v1/me/tokens", json={"name": "a"},
                             headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"})
    assert other_site.status_code == 403
    accepted = client.post("/api/v1/me/tokens", json={"name": "a"}, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 201 and accepted.json()["token"].startswith("dl_")
    out = client.delete("/api/v1/session", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_session_cookie_is_httponly_and_secure_over_https(world: World) -> None:
    client = TestClient(world.app, base_url="https://testserver")
    response = client.post("/api/v1/session", json={"username": "u-viewer", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


def test_failed_logins_are_rate_limited_and_audited(world: World) -> None:
    client = world.client()
    statuses = [
        client.post("/api/v1/session", json={"username": "u-editor", "password": "sai-mật-khẩu"}).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    blocked = client.post("/api/v1/session", json={"username": "u-editor", "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    world.app.state.duluan.audit.flush()
    failures = list_audit(world.workspace.engine, action="login_failed")
    assert len([e for e in failures if e.target == "user:u-editor"]) >= 5


def test_security_headers_on_api_and_pages(world: World) -> None:
    for response in (world.client().get("/api/v1/openapi.json"), world.client().get("/login")):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_viewing_document_text_and_exporting_are_audited(world: World) -> None:
    client = world.client("analyst")
    doc = world.doc_ids[1]
    shown = client.get(f"/api/v1/documents/{doc}")
    assert shown.status_code == 200
    # Its labels come with it, as the route says ("its redacted text, source, story and labels").
    labels = shown.json()["labels"]
    assert labels["concern"] and 0 <= labels["complaint_p"] <= 1 and "keywords" in labels
    export = client.get("/api/v1/exports/documents", params={"q": "rac", "format": "csv"})
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "author" not in export.text.splitlines()[0]
    world.app.state.duluan.audit.flush()
    entries = list_audit(world.workspace.engine, username="u-analyst")
    actions = {(e.action, e.target) for e in entries}
    assert ("view_documents", f"document:{doc}") in actions
    assert any(a == "export" for a, _ in actions)


def test_a_viewer_sees_an_alert_without_its_evidence(world: World) -> None:
    alert = world.alert_ids[0]
    seen = world.client("viewer").get(f"/api/v1/alerts/{alert}").json()
    assert seen["evidence"] == [] and "evidence_documents" not in seen
    full = world.client("analyst").get(f"/api/v1/alerts/{alert}").json()
    assert len(full["evidence_documents"]) == len(full["evidence"]) > 0
    assert all("author" not in key for doc in full["evidence_documents"] for key in doc)


def test_permission_table_names_only_known_roles() -> None:
    for permission, roles in PERMISSIONS.items():
        assert roles <= set(ROLES), permission
