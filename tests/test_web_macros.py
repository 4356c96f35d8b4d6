from types import SimpleNamespace

from duluan.web.pages.audit_text import AuditTarget, audit_namers
from duluan.web.pages.render import concern_namer, p_formatter, templates, translator


def _macros(lang: str):
    env = templates.env
    module = env.get_template("_macros.html").make_module(
        {"t": translator(lang), "concern_name": concern_namer(lang), "place_name": lambda level, code: code,
         "number": lambda value, digits=0: f"{value:.{digits}f}"}
    )
    return module


def test_a_topic_alert_says_what_the_topic_is() -> None:
    alert = SimpleNamespace(kind="topic", topic_id=292, topic_label="thu gom rác · lịch mới", concern=None,
                            place_level=None, place_code=None)
    assert str(_macros("vi").alert_what(alert)) == "Chủ đề 292: thu gom rác · lịch mới"
    assert str(_macros("en").alert_what(alert)) == "Topic 292: thu gom rác · lịch mới"
    unlabelled = SimpleNamespace(**{**vars(alert), "topic_label": None})
    assert str(_macros("vi").alert_what(unlabelled)) == "Chủ đề 292"


def test_growth_says_when_there_is_nothing_to_compare_with() -> None:
    growth = _macros("vi").growth
    assert "+50 %" in str(growth(0.5))
    assert "Mới" in str(growth(None, True))
    hidden = str(growth(None, False, False))
    assert "–" in hidden and "chưa thu thập dữ liệu" in hidden
    assert "Mới" not in str(growth(None, True, False))


def test_reject_reasons_read_in_the_page_language_and_unknown_codes_as_they_are() -> None:
    from duluan.web.pages.render import reason_namer

    assert reason_namer("vi")("future_date") == "Ngày đăng ở tương lai"
    assert reason_namer("en")("future_date") == "Published in the future"
    assert reason_namer("vi")("no_text") == "no_text"


def test_audit_targets_and_details_read_as_words_and_unknown_ones_as_stored() -> None:
    target, details = audit_namers("vi")
    assert target("case:4") == AuditTarget("Hồ sơ 4", "/cases/4", "case:4")
    assert target("user:an") == AuditTarget("Người dùng an", None, "user:an")
    assert target("documents").text == "Tài liệu"
    assert target("robot:7").text == "robot:7" and target(None).text == "–"
    assert details({"how": "link", "role": "case_officer", "status": "answered", "add_documents": [1, 2], "x": 1}) == [
        "cách: liên kết đăng nhập", "vai trò: Cán bộ xử lý", "trạng thái: Đã trả lời", "+2 tài liệu", "x=1",
    ]
    assert audit_namers("en")[1]({"priority": "high", "note": None, "stories": [4, 5]}) == ["priority: High", "2 stories"]


def test_p_values_too_small_for_four_places_say_so() -> None:
    assert p_formatter("vi")(0.00001) == "< 0,0001" and p_formatter("en")(0.00001) == "< 0.0001"
    assert p_formatter("vi")(0.0123) == "0,0123" and p_formatter("vi")(None) == "–"


def test_a_topics_history_puts_one_days_absorptions_on_one_line() -> None:
    from datetime import UTC, datetime

    from duluan.analysis.topic_report import TopicEvent
    from duluan.web.pages.topics import timeline

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, tzinfo=UTC)

    events = [
        TopicEvent("born", at(9, 1), None, {}),
        *(TopicEvent("absorbed", at(9, h), 60 + h, {}) for h in (2, 3, 4)),
        TopicEvent("absorbed", at(9, 20), 90, {}),  # 03:00 on the 10th in Hồ Chí Minh City: another day
        TopicEvent("split_off", at(10, 5), 95, {}),
        TopicEvent("absorbed", at(10, 6), 97, {}),
    ]
    lines = timeline(events, "Asia/Ho_Chi_Minh")
    assert [(e.kind, e.absorbed) for e in lines] == [
        ("born", []), ("absorbed", [62, 63, 64]), ("absorbed", [90]), ("split_off", []), ("absorbed", [97]),
    ]
