"""A workspace for the web tests with known contents, users of every role, and logins.

`build_site(root)` writes a month of posts with three planted surges (waste in phường
Bạch Mai, flooding in phường Hoàn Kiếm, traffic in phường Thạnh Mỹ Tây), runs the alert
detector, opens and answers a case, adds two topics (one merged into the other), a source
with a run and a reject, and one user per role. A test module takes it with

    from web_fixtures import site_fixture  # noqa: F401  (provides the fixture `site`)

and gets clients logged in through the /login form: `site.client("analyst")`. A test
that changes things works on `site.clone(tmp_path)`, a private copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select, update

from analysis_data import (
    BACH_MAI,
    HCM,
    HOAN_KIEM_WARD,
    START,
    THANH_MY_TAY,
    add_background,
    add_posts,
)
from duluan.accounts import ROLES, create_user
from duluan.accounts.hashing import use_password_hasher
from duluan.analysis.alerts import list_alerts, run_alerts
from duluan.analysis.cases import CaseChange, NewCase, change_case, open_case
from duluan.analysis.periods import Period
from duluan.analysis.surges import SurgeOptions
from duluan.problem_text import problem_message
from duluan.search import reindex
from duluan.store.schema import (
    documents,
    enrichments,
    ingest_runs,
    rejects,
    sources,
    story_topics,
    topic_events,
    topics,
)
from duluan.web import create_app
from duluan.workspace import Workspace, init_workspace
from web_clone import clone_workspace

TZ = "Asia/Ho_Chi_Minh"
PASSWORD = "mật-khẩu-đủ-dài-2026"
END = START + timedelta(days=29)
RANGE = {"from": START.isoformat(), "to": END.isoformat()}
XSS = "<script>alert(1)</script>"
SURGE_DAYS = (25, 26, 27)
SOURCE_NAME = "Báo Mẫu Điện Tử"
REJECT_REASON = "no_main_text"
# One login per role: the username is the role with "-" for "_".
USERNAMES = {role: role.replace("_", "-") for role in ROLES}
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def _at(day: int, hour: int = 2) -> datetime:
    return datetime(START.year, START.month, START.day, hour, tzinfo=UTC) + timedelta(days=day)


@dataclass
class Site:
    workspace: Workspace
    alerts: dict[str, int]  # concern -> the alert of its ward
    case_id: int  # answered, from the traffic alert
    topic_id: int
    merged_topic_id: int  # merged into topic_id
    xss_document: int  # title and text hold XSS; URL is javascript:
    app: FastAPI = field(init=False)
    _clients: dict[tuple[str, str], TestClient] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.app = create_app(self.workspace)

    @property
    def engine(self) -> Engine:
        return self.workspace.engine

    def audited(self) -> Engine:
        """The engine after the app's queued audit rows are written."""
        self.app.state.duluan.audit.flush()
        return self.workspace.engine

    def client(self, role: str | None = None, lang: str = "vi") -> TestClient:
        """A browser-like client (asks for HTML), logged in as `role` when given; cached."""
        key = (role or "", lang)
        if key not in self._clients:
            client = TestClient(self.app, raise_server_exceptions=False, headers={"accept": "text/html"})
            client.cookies.set("lang", lang)
            if role is not None:
                login(client, USERNAMES[role])
            self._clients[key] = client
        return self._clients[key]

    def clone(self, destination: Path) -> Site:
        """A private copy for a test that changes things."""
        copy = clone_workspace(self.workspace, destination)
        return Site(copy, dict(self.alerts), self.case_id, self.topic_id, self.merged_topic_id, self.xss_document)


def login(client: TestClient, username: str, password: str = PASSWORD) -> None:
    answer = client.post("/login", data={"username": username, "password": password, "next": "/account"},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/account"


def csrf_token(client: TestClient, path: str = "/account") -> str:
    """The session's CSRF token, read from a page's form as a browser would."""
    page = client.get(path)
    match = CSRF_FIELD.search(page.text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def _source(engine: Engine, doc_ids: list[int]) -> None:
    now = _at(29)
    with engine.begin() as conn:
        source_id = conn.execute(insert(sources).values(
            name=SOURCE_NAME, kind="feed", location="http://127.0.0.1:9/feed.xml", options={}, fetch_state={},
            created_at=_at(0), last_run_at=now, last_error=problem_message("http_status", url="http://127.0.0.1:9/feed.xml", status="503 Service Unavailable"),
        )).inserted_primary_key[0]
        run_id = conn.execute(insert(ingest_runs).values(
            source_id=source_id, label="feed Báo Mẫu", started_at=now, finished_at=now + timedelta(minutes=1),
            status="done", n_new=len(doc_ids), n_duplicate=2, n_near_duplicate=1, n_rejected=1, message=None,
        )).inserted_primary_key[0]
        conn.execute(insert(rejects).values(
            run_id=run_id, source_id=source_id, origin="http://127.0.0.1:9/bai-trong.html", reason=REJECT_REASON,
            message=problem_message("no_main_text", origin="http://127.0.0.1:9/bai-trong.html", chars=12, least=200), raw="RAW-PAYLOAD-NEVER-SHOWN", raw_hash="f" * 64, created_at=now,
        ))
        conn.execute(update(documents).where(documents.c.id.in_(doc_ids)).values(source_id=source_id))


def _topics(engine: Engine, story_ids: list[int]) -> tuple[int, int]:
    """Topic "Rác thải ở Bạch Mai" over the waste stories, and one merged into it."""
    with engine.begin() as conn:
        main = conn.execute(insert(topics).values(
            label="Rác thải ở Bạch Mai", keywords=["rác", "thu gom", "bốc mùi"], headline="Rác không ai thu gom",
            status="active", n_stories=len(story_ids), n_documents=len(story_ids), born_at=_at(0),
            last_seen_at=_at(29), updated_at=_at(29),
        )).inserted_primary_key[0]
        merged = conn.execute(insert(topics).values(
            label="Rác đầu hẻm", keywords=["rác"], headline=None, status="merged", merged_into=main,
            n_stories=0, n_documents=0, born_at=_at(1), last_seen_at=_at(10), updated_at=_at(10),
        )).inserted_primary_key[0]
        conn.execute(insert(story_topics), [
            {"story_id": s, "topic_id": main, "similarity": 0.9, "assigned_at": _at(29)} for s in story_ids
        ])
        conn.execute(insert(topic_events), [
            {"topic_id": main, "kind": "born", "other_topic_id": None, "at": _at(0), "detail": {}},
            {"topic_id": merged, "kind": "born", "other_topic_id": None, "at": _at(1), "detail": {}},
            {"topic_id": merged, "kind": "merged", "other_topic_id": main, "at": _at(10), "detail": {}},
        ])
    return int(main), int(merged)


# concern -> (ward, province, what people write)
PLANTED = {
    "waste": (BACH_MAI, "01", "Rác không ai thu gom ở đầu hẻm, bốc mùi cả tuần nay."),
    "flooding": (HOAN_KIEM_WARD, "01", "Mưa một chút là hẻm ngập nước tới đầu gối, cống bị nghẹt."),
    "traffic": (THANH_MY_TAY, HCM, "Ngã tư kẹt xe cả tiếng đồng hồ, đèn tín hiệu hỏng."),
}


def build_site(root: Path) -> Site:
    ws = init_workspace(root / "ws")
    engine = ws.engine
    # 1. A month of background talk and three surges, one per ward.
    for concern, (ward, province, text) in PLANTED.items():
        add_background(engine, START, 30, 3, concern=concern, ward=ward, province=province, text=text)
    # The first post of the waste surge (earliest, so it leads the evidence) carries XSS.
    [xss] = add_posts(engine, START + timedelta(days=SURGE_DAYS[0]), 1, ward=BACH_MAI, hour=0,
                      text=f"{XSS} rác ở đầu hẻm Bạch Mai")
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == xss).values(title=XSS, url="javascript:alert(1)"))
    for concern, (ward, province, text) in PLANTED.items():
        for day in SURGE_DAYS:
            add_posts(engine, START + timedelta(days=day), 15, concern=concern, ward=ward, province=province, text=text)
    # Four posts from two authors: too few to show ("< 5") wherever they are counted alone.
    add_posts(engine, START + timedelta(days=10), 4, concern="prices", ward=THANH_MY_TAY, province=HCM, authors=2,
              text="Giá thịt heo ở chợ tăng gấp đôi.")
    # 2. The search index, a source, topics, then the alerts.
    reindex(engine)
    _source(engine, [xss])
    with engine.connect() as conn:
        waste_stories = list(conn.execute(
            select(documents.c.story_id).join(enrichments, enrichments.c.document_id == documents.c.id)
            .where(enrichments.c.concern == "waste")
        ).scalars())
    topic_id, merged_id = _topics(engine, waste_stories)
    run_alerts(engine, Period(START, END, TZ), SurgeOptions(), now=_at(28, 0))
    by_key = {a.series_key: a.id for a in list_alerts(engine, timezone=TZ, limit=500)}
    alerts = {concern: by_key[f"concern:{concern}:ward:{ward}"] for concern, (ward, _, _) in PLANTED.items()}
    # 3. A case from the traffic alert, answered on the day after the surge.
    case_id = open_case(engine, NewCase(alert_id=alerts["traffic"], assigned_unit="UBND phường Thạnh Mỹ Tây",
                                        priority="high"), actor="case-officer", timezone=TZ, now=_at(28, 1))
    change_case(engine, case_id, CaseChange(status="in_progress", note="Đã báo đội điều tiết giao thông"),
                actor="case-officer", now=_at(28, 3))
    change_case(engine, case_id, CaseChange(status="answered"), actor="case-officer", now=_at(28, 5))
    # 4. One user per role.
    for role, username in USERNAMES.items():
        create_user(engine, username, PASSWORD, role)
    return Site(ws, alerts, case_id, topic_id, merged_id, xss)


@pytest.fixture(scope="module", name="site")
def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site, built once per test module, with a cheap password hash for quick logins."""
    previous = use_password_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    try:
        yield build_site(tmp_path_factory.mktemp("web-site"))
    finally:
        use_password_hasher(previous)
