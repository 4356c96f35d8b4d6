"""The case desk: follow one citizen concern from alert to resolution, with an audit trail.

A case is opened from an alert (its series gives the concern, the place and the linked
documents) or from hand-picked documents. It moves through open → in progress →
answered → resolved → closed, with the transitions in CASE_TRANSITIONS; every change —
status, assignment, priority, due date, note, linked documents — is one row in
`case_events` with who and when, never updated or deleted. After the answer,
`case_impact` (analysis/impact.py) says whether the talk went down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update

from ..enrich.concerns import CONCERN_IDS
from ..errors import NotFound, UsageError
from ..store.repository import utcnow
from ..store.schema import alerts, case_documents, case_events, cases, documents, enrichments
from .alerts import describe, key_of, series_filter, set_alert_status
from .periods import Period
from .places import PlaceFilter, place_name, place_rows
from .series import filtered

CASE_STATUSES = ("open", "in_progress", "answered", "resolved", "closed")
# Not yet resolved or closed: the overview counts these, and `status="unresolved"` lists them.
OPEN_CASE_STATUSES = ("open", "in_progress", "answered")
CASE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "open": ("in_progress", "answered", "closed"),
    "in_progress": ("answered", "closed"),
    "answered": ("resolved", "in_progress", "closed"),  # back to work if the answer did not land
    "resolved": ("closed", "in_progress"),
    "closed": (),
}
PRIORITIES = ("low", "normal", "high", "urgent")
# The statuses as the dashboard names them (Vietnamese first); errors use them too.
CASE_STATUS_NAMES_VI = {
    "open": "Mới mở", "in_progress": "Đang xử lý", "answered": "Đã trả lời", "resolved": "Đã giải quyết",
    "closed": "Đã đóng",
}  # fmt: skip
STATUS_STAMPS = {"in_progress": "started_at", "answered": "answered_at", "resolved": "resolved_at", "closed": "closed_at"}
MAX_LINKED_FROM_ALERT = 500


class UnknownCase(NotFound):
    pass


class CaseTransitionNotAllowed(UsageError):
    pass


def _check_actor(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor or len(actor) > 100:
        raise UsageError("say who makes the change (--by NAME, 1 to 100 characters)")
    return actor


def _check_priority(priority: str) -> str:
    if priority not in PRIORITIES:
        raise UsageError(f"unknown priority {priority!r}; choose one of: {', '.join(PRIORITIES)}")
    return priority


def _log(conn: Connection, case_id: int, actor: str, action: str, now: datetime, *,
         field_name: str | None = None, old: Any = None, new: Any = None, note: str | None = None) -> None:
    conn.execute(
        insert(case_events).values(
            case_id=case_id, at=now, actor=actor, action=action, field=field_name,
            old_value=None if old is None else str(old), new_value=None if new is None else str(new),
            note=note,
        )
    )


def describe_event(event: dict[str, Any]) -> str:
    """What an audit-trail event changed, in words (the CLI's timeline; the web page has
    its own translated wording): "open → in_progress", "+24 documents"."""
    action, old, new = event["action"], event.get("old"), event.get("new")
    if action == "opened":
        return f"status {new}"
    if action == "linked":
        return f"+{new} documents"
    if action == "status":
        return f"{old or '–'} → {new}"
    if action == "changed":
        return f"{event.get('field')}: {old or '–'} → {new or '–'}"
    return ""


@dataclass
class NewCase:
    title: str | None = None
    alert_id: int | None = None
    document_ids: tuple[int, ...] = ()
    concern: str | None = None
    place: PlaceFilter | None = None
    assigned_unit: str | None = None
    priority: str = "normal"
    due_on: date | None = None
    note: str | None = None


def open_case(engine: Engine, new: NewCase, *, actor: str, timezone: str, now: datetime | None = None) -> int:
    """Open a case from an alert or from documents; returns its id."""
    actor = _check_actor(actor)
    _check_priority(new.priority)
    if new.alert_id is None and not new.document_ids:
        raise UsageError("a case starts from an alert (--alert ID) or from documents (--document ID, repeatable)")
    if new.concern is not None and new.concern not in CONCERN_IDS:
        raise UsageError(f"unknown concern {new.concern!r}; choose one of: {', '.join(CONCERN_IDS)}")
    now = now or utcnow()
    with engine.begin() as conn:
        concern, place_level, place_code, title = new.concern, None, None, new.title
        if new.place is not None:
            place_level, place_code = new.place.level, new.place.codes[0]
        linked: list[int] = []
        alert_row = None
        if new.alert_id is not None:
            alert_row = conn.execute(select(alerts).where(alerts.c.id == new.alert_id)).first()
            if alert_row is None:
                raise UsageError(f"no alert {new.alert_id}; `duluan alerts list` shows them")
            if alert_row.case_id is not None:
                raise UsageError(f"alert {new.alert_id} is already case {alert_row.case_id}")
            key = key_of(alert_row)
            concern = concern or alert_row.concern
            place_level = place_level or alert_row.place_level
            place_code = place_code or alert_row.place_code
            title = title or f"{describe(key)} (từ {alert_row.started_on:%d/%m/%Y})"
            linked = _series_documents(conn, key, Period(alert_row.started_on, alert_row.last_on, timezone), now)
        if new.document_ids:
            linked += _existing_documents(conn, new.document_ids)
            concern = concern or _common_concern(conn, list(new.document_ids))
        title = (title or "").strip() or f"Phản ánh: {concern or 'chưa rõ'}"
        case_id = int(
            conn.execute(
                insert(cases).values(
                    title=title, concern=concern, place_level=place_level, place_code=place_code,
                    assigned_unit=new.assigned_unit, priority=new.priority, due_on=new.due_on,
                    status="open", created_at=now, updated_at=now,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
        )
        source = f"alert {new.alert_id}" if new.alert_id is not None else "documents"
        _log(conn, case_id, actor, "opened", now, new="open", note=f"from {source}")
        if new.note:
            _log(conn, case_id, actor, "note", now, note=new.note)
        _link(conn, case_id, list(dict.fromkeys(linked)), actor, now)
        if alert_row is not None:
            set_alert_status(conn, alert_row.id, "case", case_id=case_id, now=now)
    return case_id


def _series_documents(conn: Connection, key: Any, period: Period, now: datetime) -> list[int]:
    low, high = period.utc_bounds()
    high = min(high, now)  # what was there when the case opened (a replay backdates `now`)
    query = select(documents.c.id).where(and_(documents.c.published_at >= low, documents.c.published_at < high))
    query = filtered(query, series_filter(key)).order_by(documents.c.id).limit(MAX_LINKED_FROM_ALERT)
    return [int(r.id) for r in conn.execute(query)]


def _existing_documents(conn: Connection, ids: tuple[int, ...]) -> list[int]:
    found = {int(r.id) for r in conn.execute(select(documents.c.id).where(documents.c.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UsageError(f"no document with id {', '.join(map(str, missing))}; nothing was changed")
    return list(ids)


def _common_concern(conn: Connection, ids: list[int]) -> str | None:
    rows = conn.execute(select(enrichments.c.concern).where(enrichments.c.document_id.in_(ids))).all()
    counts = Counter(r.concern for r in rows if r.concern and r.concern != "other")
    return counts.most_common(1)[0][0] if counts else None


def _link(conn: Connection, case_id: int, ids: list[int], actor: str, now: datetime) -> None:
    present = {int(r.document_id) for r in conn.execute(select(case_documents.c.document_id).where(case_documents.c.case_id == case_id))}
    fresh = [i for i in ids if i not in present]
    if fresh:
        conn.execute(insert(case_documents), [{"case_id": case_id, "document_id": i} for i in fresh])
        _log(conn, case_id, actor, "linked", now, field_name="documents", new=len(fresh))


@dataclass
class CaseChange:
    status: str | None = None
    assigned_unit: str | None = None
    priority: str | None = None
    due_on: date | None = None
    note: str | None = None
    add_documents: tuple[int, ...] = ()


def change_case(engine: Engine, case_id: int, change: CaseChange, *, actor: str, now: datetime | None = None) -> None:
    """Apply a change; a transition the status does not allow is refused with the choices."""
    actor = _check_actor(actor)
    now = now or utcnow()
    with engine.begin() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
        if row is None:
            raise UnknownCase(f"no case {case_id}; `duluan cases list` shows them", vi=f"không có hồ sơ số {case_id}")
        if row.status == "closed":
            raise CaseTransitionNotAllowed(
                f"case {case_id} is closed and cannot change; open a new case",
                vi=f"hồ sơ {case_id} đã đóng, không thể thay đổi; hãy mở hồ sơ mới",
            )
        values: dict[str, Any] = {}
        if change.status is not None and change.status != row.status:
            if change.status not in CASE_STATUSES:
                raise UsageError(f"unknown case status {change.status!r}; choose one of: {', '.join(CASE_STATUSES)}")
            allowed = CASE_TRANSITIONS[row.status]
            if change.status not in allowed:
                raise CaseTransitionNotAllowed(
                    f"case {case_id} is {row.status}; it can move to: {', '.join(allowed)}",
                    vi=f"hồ sơ {case_id} đang ở trạng thái “{CASE_STATUS_NAMES_VI[row.status]}”; chỉ có thể "
                    f"chuyển sang: {', '.join(CASE_STATUS_NAMES_VI[s] for s in allowed)}",
                )
            values["status"] = change.status
            stamp = STATUS_STAMPS.get(change.status)
            if stamp and getattr(row, stamp) is None:
                values[stamp] = now
            _log(conn, case_id, actor, "status", now, field_name="status", old=row.status, new=change.status)
        for name, value in (("assigned_unit", change.assigned_unit), ("priority", change.priority), ("due_on", change.due_on)):
            if value is None or value == getattr(row, name):
                continue
            if name == "priority":
                _check_priority(str(value))
            values[name] = value
            _log(conn, case_id, actor, "changed", now, field_name=name, old=getattr(row, name), new=value)
        if change.note:
            _log(conn, case_id, actor, "note", now, note=change.note.strip())
        if change.add_documents:
            _link(conn, case_id, _existing_documents(conn, change.add_documents), actor, now)
        values["updated_at"] = now
        conn.execute(update(cases).where(cases.c.id == case_id).values(**values))


@dataclass
class CaseView:
    id: int
    title: str
    concern: str | None
    place_level: str | None
    place_code: str | None
    place: str | None
    assigned_unit: str | None
    priority: str
    due_on: date | None
    status: str
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    answered_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    alerts: list[int] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        for name, value in data.items():
            if isinstance(value, date | datetime):
                data[name] = value.isoformat()
        return data


def _case_view(conn: Connection, row: Any, full: bool) -> CaseView:
    place = place_name(row.place_level, row.place_code) if row.place_level and row.place_code else None
    view = CaseView(
        row.id, row.title, row.concern, row.place_level, row.place_code, place, row.assigned_unit,
        row.priority, row.due_on, row.status, row.created_at, row.updated_at, row.started_at,
        row.answered_at, row.resolved_at, row.closed_at,
    )
    view.alerts = [int(r.id) for r in conn.execute(select(alerts.c.id).where(alerts.c.case_id == row.id).order_by(alerts.c.id))]
    if full:
        view.documents = [
            int(r.document_id)
            for r in conn.execute(select(case_documents.c.document_id).where(case_documents.c.case_id == row.id).order_by(case_documents.c.document_id))
        ]
        view.events = [
            {"at": r.at.isoformat(), "actor": r.actor, "action": r.action, "field": r.field,
             "old": r.old_value, "new": r.new_value, "note": r.note}
            for r in conn.execute(select(case_events).where(case_events.c.case_id == row.id).order_by(case_events.c.id))
        ]
    return view


def get_case(engine: Engine, case_id: int) -> CaseView:
    with engine.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
        if row is None:
            raise UnknownCase(f"no case {case_id}; `duluan cases list` shows them", vi=f"không có hồ sơ số {case_id}")
        return _case_view(conn, row, full=True)


def list_cases(
    engine: Engine, status: str | None = None, limit: int = 100, place: PlaceFilter | None = None,
) -> list[CaseView]:
    """Cases, soonest due first; "unresolved" lists those not yet resolved or closed, and
    a province's cases include its wards', as the overview counts them."""
    if status is not None and status not in (*CASE_STATUSES, "unresolved"):
        raise UsageError(
            f"unknown case status {status!r}; choose one of: {', '.join(CASE_STATUSES)}, unresolved",
            vi=f"không có trạng thái hồ sơ {status!r}; hãy chọn một trong: {', '.join(CASE_STATUSES)}, unresolved",
        )
    query = select(cases)
    if status == "unresolved":
        query = query.where(cases.c.status.in_(OPEN_CASE_STATUSES))
    elif status:
        query = query.where(cases.c.status == status)
    if place is not None:
        query = query.where(place_rows(cases, place))
    query = query.order_by(cases.c.due_on.is_(None), cases.c.due_on, cases.c.id).limit(limit)
    with engine.connect() as conn:
        return [_case_view(conn, row, full=False) for row in conn.execute(query)]


@dataclass
class DeskMetrics:
    alerts_acknowledged: int
    median_hours_to_acknowledge: float | None  # alert raised -> acknowledged or made a case
    cases_started: int
    median_hours_to_start: float | None  # case opened -> in progress
    cases_resolved: int
    median_hours_to_resolve: float | None  # case opened -> resolved
    open_by_status: dict[str, int]


def _median_hours(pairs: list[tuple[datetime, datetime]]) -> float | None:
    hours = sorted((b - a).total_seconds() / 3600 for a, b in pairs)
    if not hours:
        return None
    middle = len(hours) // 2
    value = hours[middle] if len(hours) % 2 else (hours[middle - 1] + hours[middle]) / 2
    return round(value, 2)


def desk_metrics(engine: Engine) -> DeskMetrics:
    """Time to acknowledge and to resolve, measured on what is stored."""
    with engine.connect() as conn:
        acked = conn.execute(select(alerts.c.created_at, alerts.c.acknowledged_at).where(alerts.c.acknowledged_at.is_not(None))).all()
        started = conn.execute(select(cases.c.created_at, cases.c.started_at).where(cases.c.started_at.is_not(None))).all()
        resolved = conn.execute(select(cases.c.created_at, cases.c.resolved_at).where(cases.c.resolved_at.is_not(None))).all()
        by_status: dict[str, int] = {
            r[0]: int(r[1]) for r in conn.execute(select(cases.c.status, func.count()).group_by(cases.c.status))
        }
    return DeskMetrics(
        len(acked), _median_hours([(a, b) for a, b in acked]),
        len(started), _median_hours([(a, b) for a, b in started]),
        len(resolved), _median_hours([(a, b) for a, b in resolved]),
        {s: int(by_status.get(s, 0)) for s in CASE_STATUSES},
    )
