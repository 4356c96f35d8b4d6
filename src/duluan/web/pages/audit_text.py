"""The audit trail read by people: targets and details in the page's language.

The trail stores codes ("case:4", {"documents": [12, 13], "how": "link"}) so that it can
be queried; the account page turns each into words ("Hồ sơ 4", "2 tài liệu", "cách: liên
kết đăng nhập") and links what has a page. A key or target it does not know is shown as
stored, so nothing recorded is ever hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ...analysis.places import place_name
from ..i18n import MESSAGES, translate
from .render import concern_namer

__all__ = ["AuditTarget", "audit_namers"]

# target kind → (Vietnamese, English, page of one, when there is one)
_TARGETS: dict[str, tuple[str, str, str | None]] = {
    "case": ("Hồ sơ", "Case", "/cases/{id}"),
    "alert": ("Cảnh báo", "Alert", "/alerts/{id}"),
    "topic": ("Chủ đề", "Topic", "/topics/{id}"),
    "document": ("Tài liệu", "Document", None),
    "story": ("Câu chuyện", "Story", None),
    "user": ("Người dùng", "User", None),
    "token": ("Khoá API", "API token", None),
}
_WHOLE_TARGETS = {"documents": ("Tài liệu", "Documents")}

# detail key → (Vietnamese, English) label; the value is shown after it
_LABELS: dict[str, tuple[str, str]] = {
    "q": ("từ khoá", "words"),
    "format": ("định dạng", "format"),
    "rows": ("số dòng", "rows"),
    "name": ("tên", "name"),
    "alert": ("từ cảnh báo", "from alert"),
    "reason": ("lý do", "reason"),
    "client": ("địa chỉ", "address"),
    "how": ("cách", "how"),
    "role": ("vai trò", "role"),
    "status": ("trạng thái", "status"),
    "priority": ("ưu tiên", "priority"),
    "assigned_unit": ("đơn vị", "unit"),
    "due_on": ("hạn", "due"),
    "note": ("ghi chú", "note"),
    "filters": ("lọc", "filters"),
}


_FILTER_LABELS: dict[str, tuple[str, str]] = {
    "from": ("từ", "from"), "to": ("đến", "to"), "kind": ("loại", "kind"), "source_kind": ("nguồn", "source"),
    "concern": ("vấn đề", "concern"), "category": ("chuyên mục", "category"), "sentiment": ("sắc thái", "sentiment"),
    "province": ("tỉnh", "province"), "wards": ("phường, xã", "wards"), "topic": ("chủ đề", "topic"),
}
_FILTER_FLAGS = {
    "complaint": ("chỉ phản ánh", "complaints only"),
    "dated": ("chỉ tài liệu có ngày đăng riêng", "own dates only"),
}


def _listed(value: object) -> str:
    return "/".join(map(str, value)) if isinstance(value, list) else str(value)
_HOW = {"password": ("mật khẩu", "password"), "link": ("liên kết đăng nhập", "login link")}


@dataclass(frozen=True)
class AuditTarget:
    text: str
    link: str | None
    code: str  # as stored, for a tooltip


def audit_namers(
    lang: str, timezone: str = "Asia/Ho_Chi_Minh",
) -> tuple[Callable[[str | None], AuditTarget], Callable[[Mapping[str, object]], list[str]]]:
    """(target → AuditTarget, detail → phrases) in `lang`; days in `timezone`."""
    index = 1 if lang == "en" else 0
    zone = ZoneInfo(timezone)

    def local_day(value: object, exclusive: bool) -> str:
        # Searches keep their range as UTC bounds, the end one past the last local day.
        try:
            moment = datetime.fromisoformat(str(value)).astimezone(zone)
        except ValueError:
            return str(value)
        day = (moment - timedelta(days=1)).date() if exclusive else moment.date()
        return f"{day:%d/%m/%Y}" if index == 0 else day.isoformat()

    def filter_phrase(name: str, value: object) -> str:
        values = value if isinstance(value, list) else [value]
        if name in ("from", "to"):
            shown = local_day(value, exclusive=name == "to")
        elif name in ("kind", "source_kind"):
            prefix = "kind_" if name == "kind" else "source_kind_"
            shown = "/".join(coded(prefix.rstrip("_"), v) for v in values)
        elif name == "concern":
            shown = concern_namer(lang)(str(value))
        elif name == "sentiment":
            shown = coded("sentiment", value)
        elif name == "province":
            shown = place_name("province", str(value))
        elif name == "wards":
            shown = ", ".join(place_name("ward", str(v)) for v in values)
        elif name in ("complaint", "dated") and value is True:
            return _FILTER_FLAGS[name][index]
        else:
            shown = _listed(value)
        label = _FILTER_LABELS.get(name, (name, name))[index]
        return f"{label} {shown}"

    def target(code: str | None) -> AuditTarget:
        code = code or ""
        kind, _, ident = code.partition(":")
        if kind in _WHOLE_TARGETS and not ident:
            return AuditTarget(_WHOLE_TARGETS[kind][index], None, code)
        if kind not in _TARGETS or not ident:
            return AuditTarget(code or "–", None, code)
        name, page = _TARGETS[kind][index], _TARGETS[kind][2]
        link = page.format(id=ident) if page and ident.isdigit() else None
        return AuditTarget(f"{name} {ident}", link, code)

    def coded(prefix: str, value: object) -> str:
        key = f"{prefix}_{value}"
        return translate(lang, key) if key in MESSAGES else str(value)

    def phrase(key: str, value: object) -> str:
        if key == "documents" and isinstance(value, list):
            return f"{len(value)} {('tài liệu', 'documents')[index]}"
        if key == "stories" and isinstance(value, list):
            return f"{len(value)} {('câu chuyện', 'stories')[index]}"
        if key == "add_documents" and isinstance(value, list):
            return f"+{len(value)} {('tài liệu', 'documents')[index]}"
        if key == "how" and value in _HOW:
            value = _HOW[str(value)][index]
        elif key == "role":
            value = coded("role", value)
        elif key == "status":
            value = coded("case_status", value)
        elif key == "priority":
            value = coded("priority", value)
        elif key == "q":
            value = f"“{value}”"
        elif key == "filters" and isinstance(value, dict):
            value = ", ".join(filter_phrase(name, v) for name, v in value.items())
        if key in _LABELS:
            return f"{_LABELS[key][index]}: {value}"
        return f"{key}={value}"

    def details(detail: Mapping[str, object]) -> list[str]:
        return [phrase(key, value) for key, value in detail.items() if value not in (None, "", [])]

    return target, details
