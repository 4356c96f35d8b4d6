"""The dashboard's pages: what each role sees, the forms (CSRF, permissions, PRG), escaping,
both languages, and templates that the Content-Security-Policy can run."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from duluan.accounts import create_login_link, find_user, list_audit
from duluan.accounts.hashing import unusable_password
from duluan.analysis.alerts import get_alert
from duluan.analysis.cases import get_case
from duluan.analysis.impact import case_impact
from duluan.store.schema import users
from duluan.web.i18n import MESSAGES
from web_fixtures import (
    PASSWORD,
    RANGE,
    REJECT_REASON,
    SOURCE_NAME,
    TZ,
    XSS,
    Site,
    csrf_token,
    login,
    site_fixture,  # noqa: F401  (the fixture `site`)
)

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "duluan" / "web" / "templates"
PERIOD = f"from={RANGE['from']}&to={RANGE['to']}"
WASTE_TEXT = "Rác không ai thu gom ở đầu hẻm"
TRAFFIC_TEXT = "Ngã tư kẹt xe cả tiếng"
ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _pages(site: Site) -> dict[str, str]:
    return {
        "overview": f"/?{PERIOD}",
        "topics": f"/topics?{PERIOD}",
        "topic": f"/topics/{site.topic_id}?{PERIOD}",
        "places": f"/places?{PERIOD}",
        "place": f"/places/00292?{PERIOD}",
        "alerts": "/alerts",
        "alert": f"/alerts/{site.alerts['waste']}",
        "cases": "/cases",
        "case_list": "/cases?view=list",
        "case": f"/cases/{site.case_id}",
        "search": "/search?q=rac",
        "sources": "/sources",
        "account": "/account",
    }


# What an analyst must find on each page: numbers known by construction (web_fixtures.py).
EXPECTED = {
    # 3 concerns x (30 days x 3 + 3 days x 15) + 1 XSS post + 4 posts about prices
    "overview": ["410", "Rác thải, vệ sinh", "Thành phố Hà Nội", "271", "Rác thải ở Bạch Mai", "Phường Hoàn Kiếm"],
    "topics": ["Rác thải ở Bạch Mai", "136", "bốc mùi"],
    "topic": ["Rác thải ở Bạch Mai", "136", "bốc mùi", "Chủ đề hình thành", WASTE_TEXT],
    "places": ["Thành phố Hà Nội", "271", "Thành phố Hồ Chí Minh"],
    # A ward with days under k: no expected total beside a total of other days.
    "place": ["Phường Bạch Mai", "Thành phố Hà Nội", "136", "Rác thải, vệ sinh", "Không so tổng với mức nền"],
    "alerts": ["Rác thải, vệ sinh — Phường Bạch Mai", "Ngập nước, thoát nước — Phường Hoàn Kiếm", "55", "Điểm / ngưỡng"],
    "alert": ["55", "9,0", "26/10/2026", "Các ngày vượt ngưỡng", WASTE_TEXT, SOURCE_NAME, "<svg"],
    "cases": ["Giao thông, đường sá — Phường Thạnh Mỹ Tây", "Đã trả lời"],
    "case_list": ["UBND phường Thạnh Mỹ Tây", "Cao"],
    "case": ["Đã giảm: trở lại mức bình thường", "Đã báo đội điều tiết giao thông", TRAFFIC_TEXT, "3,00"],
    "search": [WASTE_TEXT, "Xuất dữ liệu", "/api/v1/exports/documents?q=rac&amp;format=csv"],
    "sources": [
        SOURCE_NAME, "http://127.0.0.1:9/feed.xml trả lời HTTP 503 Service Unavailable", REJECT_REASON,
        "không tìm thấy nội dung bài viết trong http://127.0.0.1:9/bai-trong.html (12 ký tự, ít hơn 200)", ">Xong<",
        'title="feed">Nguồn tin RSS/Atom<', ">Nguồn tin RSS/Atom: Báo Mẫu<",
    ],
    "account": ["analyst", "Phân tích viên", "Xem nội dung tài liệu và tìm kiếm"],
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_each_page_renders_for_an_analyst_with_its_figures(site: Site, page: str) -> None:
    answer = site.client("analyst").get(_pages(site)[page])
    assert answer.status_code == 200, answer.text
    for text in EXPECTED[page]:
        assert text in answer.text, f"{page}: {text!r} missing"


def test_pages_work_without_any_filter_and_ask_strangers_to_log_in(site: Site) -> None:
    analyst = site.client("analyst")
    for path in ("/", "/topics", "/places", "/alerts", "/cases", "/search", "/sources", "/account"):
        assert analyst.get(path).status_code == 200, path
    stranger = site.client()
    answer = stranger.get("/alerts?status=new", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/alerts%3Fstatus%3Dnew"


def test_suppressed_figures_show_below_k_never_zero(site: Site) -> None:
    # Four posts about prices from two authors: the concern is counted, but shown "< 5".
    page = site.client("analyst").get(f"/places/{'26956'}?{PERIOD}").text
    # ... with a tooltip saying "< 5" counts authors, not documents.
    assert re.search(r'<span class="suppressed" title="Ẩn: phần bài đăng, bình luận[^"]*dưới 5 tác giả[^"]*">&lt; 5</span>', page)
    assert "Giá cả, chi phí sinh hoạt" in page


def test_a_merged_topic_leads_to_the_topic_that_holds_it(site: Site) -> None:
    answer = site.client("analyst").get(f"/topics/{site.merged_topic_id}?{PERIOD}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/topics/{site.topic_id}?{PERIOD}&merged={site.merged_topic_id}"
    # ... and says so there.
    landed = site.client("analyst").get(answer.headers["location"]).text
    said = f"Chủ đề {site.merged_topic_id} đã được gộp vào chủ đề {site.topic_id}"
    assert said in landed and said not in site.client("analyst").get(f"/topics/{site.topic_id}?{PERIOD}").text
    assert site.client("analyst").get("/topics/999").status_code == 404


def test_places_resolve_names_old_and_new_and_list_the_choices(site: Site) -> None:
    client = site.client("analyst")
    found = client.get(f"/places?q=Ha Noi&{PERIOD}", follow_redirects=False)
    assert (found.status_code, found.headers["location"]) == (303, f"/places/01?{PERIOD}")
    # An old district became three wards: their page together, named as typed.
    old = client.get(f"/places?q=quận Phú Nhuận&{PERIOD}")
    assert old.status_code == 200
    assert "Quận Phú Nhuận (cũ)" in old.text and "Phường Cầu Kiệu" in old.text
    ambiguous = client.get(f"/places?q=Phú Nhuận&{PERIOD}")
    assert ambiguous.status_code == 400
    assert "Phường Phú Nhuận (phường/xã 27073" in ambiguous.text and "có thể là nhiều đơn vị" in ambiguous.text
    english = site.client("analyst", lang="en").get(f"/places?q=Phú Nhuận&{PERIOD}")
    assert "Phường Phú Nhuận (ward 27073" in english.text and "may mean several units" in english.text
    assert client.get("/places/99999").status_code == 404


def test_a_viewer_sees_aggregates_but_never_document_text(site: Site) -> None:
    viewer = site.client("viewer")
    before = len(list_audit(site.audited(), limit=1000, action="view_documents"))
    alert = viewer.get(f"/alerts/{site.alerts['waste']}")
    assert alert.status_code == 200 and "55" in alert.text
    topic = viewer.get(f"/topics/{site.topic_id}?{PERIOD}")
    assert topic.status_code == 200 and "Rác thải ở Bạch Mai" in topic.text
    case = viewer.get(f"/cases/{site.case_id}")
    assert case.status_code == 200 and "Đã giảm" in case.text
    for answer in (alert, topic, case):
        assert WASTE_TEXT not in answer.text and TRAFFIC_TEXT not in answer.text and ESCAPED_XSS not in answer.text
        assert "Vai trò của bạn chỉ xem được số liệu tổng hợp" in answer.text
        assert 'action="/alerts/' not in answer.text and 'action="/cases/' not in answer.text
    assert len(list_audit(site.audited(), limit=1000, action="view_documents")) == before
    assert viewer.get("/search?q=rac").status_code == 403
    assert viewer.get("/sources").status_code == 403
    assert 'href="/search"' not in viewer.get("/").text


def test_pages_with_document_text_are_audited(site: Site) -> None:
    analyst = site.client("analyst")
    analyst.get(f"/alerts/{site.alerts['waste']}")
    [entry] = list_audit(site.audited(), limit=1, action="view_documents", username="analyst")
    assert entry.target == f"alert:{site.alerts['waste']}"
    assert site.xss_document in entry.detail["documents"]
    analyst.get("/search?q=ngap nuoc")
    [search] = list_audit(site.audited(), limit=1, action="search", username="analyst")
    assert search.detail["q"] == "ngap nuoc" and search.detail["documents"]
    # An administrator reads the trail in the page's language, the code in a tooltip.
    page = site.client("admin").get("/account").text
    assert 'title="view_documents">Xem tài liệu<' in page and 'title="search">Tìm kiếm<' in page
    # Targets and details in words: the alert linked, the documents counted, the query quoted.
    alert = site.alerts["waste"]
    assert f'title="alert:{alert}"><a href="/alerts/{alert}">Cảnh báo {alert}</a>' in page
    assert f"{len(entry.detail['documents'])} tài liệu" in page
    assert f"từ khoá: “ngap nuoc”; {len(search.detail['documents'])} tài liệu" in page
    # Every filter of a search is kept, not only its words.
    analyst.get("/search?concern=waste&complaint=1&place=00292")
    [filtered] = list_audit(site.audited(), limit=1, action="search", username="analyst")
    assert filtered.detail["filters"] == {"concern": "waste", "complaint": True, "wards": ["00292"]}
    assert "lọc: vấn đề Rác thải, vệ sinh, chỉ phản ánh, phường, xã Phường Bạch Mai" in site.client("admin").get("/account").text
    analyst.get(f"/search?{PERIOD}&kind=social")
    [dated] = list_audit(site.audited(), limit=1, action="search", username="analyst")
    assert dated.detail["filters"]["kind"] == ["post", "comment"]
    # Kept as UTC bounds, read as the local days the analyst chose.
    start, end = RANGE["from"].split("-"), RANGE["to"].split("-")
    shown = f"lọc: từ {start[2]}/{start[1]}/{start[0]}, đến {end[2]}/{end[1]}/{end[0]}, loại Bài đăng/Bình luận"
    assert shown in site.client("admin").get("/account").text
    # Narrowed to one person and one action.
    narrowed = site.client("admin").get("/account?audit_user=analyst&audit_action=search").text
    table = narrowed.split('id="audit"')[1].split("<table>")[1]
    actions = re.findall(r'<td title="([a-z_]+)">(?:Tìm kiếm|Xem tài liệu|Đăng nhập)</td>', table)
    assert actions and set(actions) == {"search"}  # the analyst also viewed documents and logged in
    assert '<option value="search" selected>Tìm kiếm</option>' in narrowed
    english = site.client("admin", lang="en").get("/account").text
    assert f">Alert {alert}</a>" in english and "words: “ngap nuoc”" in english


def test_document_text_is_escaped_and_its_links_are_safe(site: Site) -> None:
    analyst = site.client("analyst")
    for path in ("/search?q=alert", f"/alerts/{site.alerts['waste']}"):
        page = analyst.get(path).text
        assert ESCAPED_XSS in page, path
        assert XSS not in page, path
        assert 'href="javascript:' not in page, path


def test_search_pages_on_with_a_cursor_and_only_offers_exports_to_who_may(site: Site) -> None:
    analyst = site.client("analyst")
    first = analyst.get("/search?q=rac")
    link = re.search(r'href="(/search\?[^"]*cursor=[^"]+)"', first.text)
    assert link, "a next-page link"
    second = analyst.get(link.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and WASTE_TEXT in second.text
    assert second.text != first.text
    bad = analyst.get("/search?q=rac&kind=tweet")
    assert bad.status_code == 400 and "tweet" in bad.text


def test_open_alert_and_case_counts_link_to_the_lists_they_count(site: Site) -> None:
    analyst = site.client("analyst")
    overview = analyst.get(f"/?{PERIOD}").text
    assert 'href="/alerts?status=open"' in overview
    assert 'href="/cases?view=list&amp;status=unresolved"' in overview
    # A province's page links to its own lists, which count its wards' too.
    place = analyst.get(f"/places/79?{PERIOD}").text
    link = re.search(r'href="(/cases\?view=list&amp;status=unresolved&amp;place=79)"', place)
    assert link, "the place page's case count links to the place's cases"
    listed = analyst.get(link.group(1).replace("&amp;", "&")).text
    assert f'href="/cases/{site.case_id}"' in listed
    assert 'value="Thành phố Hồ Chí Minh (79)"' in listed  # the code read as a name, and back
    assert f'href="/cases/{site.case_id}"' not in analyst.get("/cases?view=list&status=unresolved&place=01").text
    assert f'href="/cases/{site.case_id}"' not in analyst.get("/cases?view=list&status=closed&place=79").text
    alerts = analyst.get("/alerts?status=open&place=Thành phố Hồ Chí Minh (79)").text
    assert "Giao thông, đường sá — Phường Thạnh Mỹ Tây" not in alerts  # made a case: not open
    assert "Ngập nước, thoát nước — Phường Hoàn Kiếm" not in alerts  # Hà Nội


def test_a_place_page_names_what_kind_of_unit_it_is_about(site: Site) -> None:
    analyst = site.client("analyst")
    old = analyst.get(f"/places?q=Quận 1&{PERIOD}").text
    assert '<span class="badge">Đơn vị hành chính cũ (nay thuộc nhiều phường, xã)</span>' in old
    assert MESSAGES["wards_most_complaints"][0] in old  # its wards, listed
    ward = analyst.get(f"/places/00292?{PERIOD}").text
    assert '<span class="badge">Phường/xã</span>' in ward
    assert MESSAGES["wards_most_complaints"][0] not in ward  # it would list the ward alone


def test_the_case_chart_marks_the_days_its_alert_flagged_and_small_p_values_read_as_such(site: Site) -> None:
    case = get_case(site.engine, site.case_id)
    [alert_id] = case.alerts
    alert = get_alert(site.engine, alert_id, timezone=TZ)
    page = site.client("analyst").get(f"/cases/{site.case_id}").text
    marked = re.findall(r'<path class="marker-alert"[^>]*><title>Cảnh báo (\d\d)/(\d\d)/(\d{4})', page)
    days = sorted(f"{y}-{m}-{d}" for d, m, y in marked)
    flagged = [alert.started_on + timedelta(days=i) for i in range((alert.last_on - alert.started_on).days + 1)]
    assert days == [d.isoformat() for d in flagged]
    assert "0,0000" not in page
    # The table gives the surge's total (its rate times its days): a single hidden day of
    # the surge would be that total minus the days shown, so another is hidden with it.
    impact = case_impact(site.engine, site.case_id, timezone=TZ, k=5)
    first, last = impact.surge
    hidden = [
        (d, m, y) for d, m, y in re.findall(r'<g class="suppressed"><title>(\d\d)/(\d\d)/(\d{4})', page)
        if first.isoformat() <= f"{y}-{m}-{d}" <= last.isoformat()
    ]
    assert len(hidden) != 1, hidden
    # The same unit as the alert's chart and the verdict: stories of posts and comments.
    unit = MESSAGES["chart_social_stories"][0]
    assert unit in page and unit in site.client("analyst").get(f"/alerts/{alert_id}").text


def test_growth_left_out_says_why(site: Site) -> None:
    analyst = site.client("analyst")
    note = MESSAGES["growth_not_compared"][0]
    # The fixture's data start with the range: nothing before it to compare with.
    assert note in analyst.get(f"/topics?{PERIOD}").text and note in analyst.get(f"/?{PERIOD}").text
    assert note not in analyst.get("/topics?from=2026-10-20&to=2026-10-30").text


def test_an_alert_links_to_the_documents_it_counted(site: Site) -> None:
    analyst = site.client("analyst")
    alert = get_alert(site.engine, site.alerts["waste"], timezone=TZ)
    page = analyst.get(f"/alerts/{alert.id}").text
    link = re.search(r'<a href="(/search\?[^"]+)">' + MESSAGES["documents_of_alert"][0], page)
    assert link, "a link to the documents behind the alert"
    found = analyst.get(link.group(1).replace("&amp;", "&")).text
    count = re.search(r'<p class="matches">([\d.]+) tài liệu khớp, thuộc ([\d.]+) câu chuyện</p>', found)
    # The alert counts stories of posts and comments with a date of their own: the
    # search, filtered the same way, finds those stories.
    assert count and int(count.group(2).replace(".", "")) == alert.observed
    assert "dated=1" in link.group(1)
    # Its export carries the same filters, posts and comments together included.
    export = re.search(r'<a href="(/api/v1/exports/documents\?[^"]+format=csv)"', found)
    assert export and "kind=social" in export.group(1)
    rows = analyst.get(export.group(1).replace("&amp;", "&"), headers={"accept": "text/csv"})
    assert rows.status_code == 200, rows.text
    assert len(list(csv.reader(io.StringIO(rows.text)))) == alert.observed + 1  # and the header
    # The same for Excel: a byte-order mark first, or it garbles every diacritic.
    excel = re.search(r'<a href="(/api/v1/exports/documents\?[^"]+excel=1)">CSV cho Excel</a>', found)
    assert excel, "an Excel link beside the plain CSV"
    marked = analyst.get(excel.group(1).replace("&amp;", "&"))
    assert marked.content.startswith(b"\xef\xbb\xbf") and not rows.content.startswith(b"\xef\xbb\xbf")
    assert marked.content[3:] == rows.content
    assert f'href="/places/{alert.place_code}?from={alert.started_on}&amp;to={alert.last_on}"' in page
    viewer = site.client("viewer").get(f"/alerts/{alert.id}").text
    assert MESSAGES["documents_of_alert"][0] not in viewer  # no search for who may not read documents


def test_a_topic_links_to_all_its_documents(site: Site) -> None:
    analyst = site.client("analyst")
    page = analyst.get(f"/topics/{site.topic_id}?{PERIOD}").text
    link = re.search(r'<a href="(/search\?[^"]+)">' + MESSAGES["documents_of_topic"][0], page)
    assert link, "a link to the topic's documents"
    found = analyst.get(link.group(1).replace("&amp;", "&")).text
    count = re.search(r'<p class="matches">([\d.]+) tài liệu khớp, thuộc ([\d.]+) câu chuyện</p>', found)
    assert count and count.group(1) == "136"  # the topic page's own figure (EXPECTED above)
    assert f'name="topic" value="{site.topic_id}" checked> Chủ đề {site.topic_id}: Rác thải ở Bạch Mai' in found
    # On the search form: a topic that merged says where it went, an unknown one says so.
    gone = analyst.get(f"/search?topic={site.merged_topic_id}")
    assert gone.status_code == 400 and f"đã gộp vào chủ đề {site.topic_id}" in gone.text
    assert "không có chủ đề số 999999" in analyst.get("/search?topic=999999").text


def test_a_topics_documents_are_counted_to_the_end(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from duluan.web.pages import search as search_page

    monkeypatch.setattr(search_page, "COUNT_CAP", 50)  # as if the topic held more than the cap
    analyst = site.client("analyst")
    broad = analyst.get(f"/search?{PERIOD}&q=rac").text
    assert "Hơn 50 tài liệu khớp" in broad
    topic = analyst.get(f"/search?{PERIOD}&topic={site.topic_id}").text
    assert "136 tài liệu khớp" in topic  # the topic page's own figure, not "Hơn 50"


def test_bad_addresses_are_explained_in_the_page_language(site: Site) -> None:
    for lang, path, status, message in (
        ("vi", "/places/99999999", 404, "Không có tỉnh, phường hay xã nào mang mã &#39;99999999&#39;"),
        ("vi", "/cases/abc", 422, "Giá trị «abc» của mã hồ sơ trong địa chỉ trang phải là một số nguyên"),
        ("vi", "/places/abc", 422, "Giá trị «abc» của mã địa bàn trong địa chỉ trang không đúng dạng"),
        ("vi", "/khong-co", 404, "Không có trang nào ở /khong-co"),
        ("en", "/places/99999999", 404, "No province or ward has the code &#39;99999999&#39;"),
        ("en", "/cases/abc", 422, "Path.case_id: Input should be a valid integer"),
    ):
        answer = site.client("analyst", lang=lang).get(path)
        assert answer.status_code == status and message in answer.text, (lang, path, answer.text[-600:])
        heading = MESSAGES[f"error_{status}"][0 if lang == "vi" else 1]
        assert f"<h1>{heading} <span" in answer.text
    api = site.client("analyst").get("/api/v1/cases/abc", headers={"accept": "application/json"})
    assert api.json()["error"]["message"].startswith("path.case_id:")  # the API stays in English


def test_search_says_how_many_documents_match_as_many_as_its_pages_hold(site: Site) -> None:
    analyst = site.client("analyst")
    page = analyst.get("/search?q=rac")
    said = re.search(r'<p class="matches">([\d.]+) tài liệu khớp, thuộc ([\d.]+) câu chuyện</p>', page.text)
    assert said, "a count on the first page"
    assert MESSAGES["untitled"][0] not in page.text  # posts have no title by nature: nothing to say
    shown = page.text.count('<article class="doc">')
    while link := re.search(r'href="(/search\?[^"]*cursor=[^"]+)"', page.text):
        page = analyst.get(link.group(1).replace("&amp;", "&"))
        assert said.group(0) in page.text, "every page says how many match in all"
        shown += page.text.count('<article class="doc">')
    assert int(said.group(1).replace(".", "")) == shown > 20
    none = analyst.get("/search?q=khongcotudaynhe")
    assert "0 tài liệu khớp, thuộc 0 câu chuyện" in none.text and "Không tìm thấy tài liệu nào." in none.text


def _post(site: Site, role: str, path: str, data: dict[str, str], token: bool = True) -> object:
    client = site.client(role)
    if token:
        data = {**data, "csrf_token": csrf_token(client)}
    return client.post(path, data=data, follow_redirects=False)


def test_acknowledge_and_dismiss_by_form(site: Site, tmp_path: Path) -> None:
    own = site.clone(tmp_path / "ws")
    waste, flooding = own.alerts["waste"], own.alerts["flooding"]
    # Refused without the CSRF token, and for a viewer.
    assert _post(own, "analyst", f"/alerts/{waste}/acknowledge", {}, token=False).status_code == 403
    assert _post(own, "viewer", f"/alerts/{waste}/acknowledge", {}).status_code == 403
    assert get_alert(own.engine, waste, timezone=TZ).status == "new"
    done = _post(own, "analyst", f"/alerts/{waste}/acknowledge", {})
    assert (done.status_code, done.headers["location"]) == (303, f"/alerts/{waste}")
    assert get_alert(own.engine, waste, timezone=TZ).status == "acknowledged"
    assert list_audit(own.audited(), limit=1, action="alert_acknowledged")[0].target == f"alert:{waste}"
    # Dismissing needs a reason: the form comes back with the message and what was typed.
    empty = _post(own, "analyst", f"/alerts/{flooding}/dismiss", {"reason": "  "})
    assert empty.status_code == 400 and "Cần ghi lý do bỏ qua" in empty.text
    dismissed = _post(own, "analyst", f"/alerts/{flooding}/dismiss", {"reason": "Tin cũ, đã xử lý"})
    assert dismissed.status_code == 303
    assert get_alert(own.engine, flooding, timezone=TZ).status_reason == "Tin cũ, đã xử lý"
    assert "Tin cũ, đã xử lý" in own.client("analyst").get(f"/alerts/{flooding}").text


def test_open_a_case_from_an_alert_then_move_it(site: Site, tmp_path: Path) -> None:
    own = site.clone(tmp_path / "ws")
    alert = own.alerts["waste"]
    form = {"title": "Rác ở Bạch Mai", "assigned_unit": "UBND phường Bạch Mai", "priority": "urgent",
            "due_on": "2026-12-01", "note": "Gọi công ty môi trường"}
    assert _post(own, "analyst", f"/alerts/{alert}/case", form).status_code == 403
    assert _post(own, "case_officer", f"/alerts/{alert}/case", form, token=False).status_code == 403
    bad = _post(own, "case_officer", f"/alerts/{alert}/case", {**form, "due_on": "1/12/2026"})
    assert bad.status_code == 400 and "Ngày “1/12/2026” không hợp lệ" in bad.text and "Rác ở Bạch Mai" in bad.text
    opened = _post(own, "case_officer", f"/alerts/{alert}/case", form)
    assert opened.status_code == 303
    case_id = int(opened.headers["location"].rsplit("/", 1)[1])
    case = get_case(own.engine, case_id)
    assert (case.title, case.priority, case.status, case.alerts) == ("Rác ở Bạch Mai", "urgent", "open", [alert])
    page = own.client("case_officer").get(f"/cases/{case_id}").text
    assert "Gọi công ty môi trường" in page
    # One button per allowed move; the impact waits for an answer and says so.
    assert 'value="in_progress"' in page and 'value="resolved"' not in page
    assert "chưa được trả lời" in page
    path = f"/cases/{case_id}/status"
    assert _post(own, "case_officer", path, {"status": "in_progress"}, token=False).status_code == 403
    assert _post(own, "viewer", path, {"status": "in_progress"}).status_code == 403
    refused = _post(own, "case_officer", path, {"status": "resolved"})
    assert refused.status_code == 400 and "chỉ có thể chuyển sang: Đang xử lý, Đã trả lời, Đã đóng" in refused.text
    moved = _post(own, "case_officer", path, {"status": "in_progress"})
    assert (moved.status_code, moved.headers["location"]) == (303, f"/cases/{case_id}")
    assert _post(own, "case_officer", f"/cases/{case_id}/note", {"note": "Đã thu gom xong"}).status_code == 303
    assert _post(own, "case_officer", f"/cases/{case_id}/update", {"priority": "low", "assigned_unit": "Đội vệ sinh",
                                                                    "due_on": ""}).status_code == 303
    case = get_case(own.engine, case_id)
    assert (case.status, case.priority, case.assigned_unit) == ("in_progress", "low", "Đội vệ sinh")
    assert [e["action"] for e in case.events][-4:] == ["status", "note", "changed", "changed"]
    assert "Đã thu gom xong" in own.client("case_officer").get(f"/cases/{case_id}").text


def test_password_tokens_and_users_on_the_account_page(site: Site, tmp_path: Path) -> None:
    own = site.clone(tmp_path / "ws")
    wrong = _post(own, "analyst", "/account/password", {"current": "sai", "new": "mật khẩu mới dài", "confirm": "mật khẩu mới dài"})
    assert wrong.status_code == 400 and "Mật khẩu hiện tại không đúng" in wrong.text
    differ = _post(own, "analyst", "/account/password", {"current": PASSWORD, "new": "mật khẩu mới dài", "confirm": "khác"})
    assert differ.status_code == 400 and "không khớp" in differ.text
    changed = _post(own, "analyst", "/account/password", {"current": PASSWORD, "new": "mật khẩu mới dài", "confirm": "mật khẩu mới dài"})
    assert (changed.status_code, changed.headers["location"]) == (303, "/account?done=password")
    assert "Đã đổi mật khẩu" in own.client("analyst").get("/account?done=password").text  # a fresh session
    # The secret of a new token is shown once; the list shows only its prefix.
    created = _post(own, "analyst", "/account/tokens", {"name": "xuất hằng đêm"})
    secret = re.search(r'<code class="secret">(dl_[^<]+)</code>', created.text)
    assert created.status_code == 200 and secret
    listed = own.client("analyst").get("/account").text
    assert secret.group(1) not in listed and "xuất hằng đêm" in listed
    token_id = re.search(r'action="/account/tokens/(\d+)/revoke"', listed)
    assert token_id
    assert _post(own, "analyst", f"/account/tokens/{token_id.group(1)}/revoke", {}).status_code == 303
    assert "Thu hồi lúc" in own.client("analyst").get("/account").text
    # Admins manage users; nobody else may.
    new_user = {"username": "lan.nguyen", "password": "mật khẩu đủ dài", "role": "viewer"}
    assert _post(own, "editor", "/account/users", new_user).status_code == 403
    assert _post(own, "admin", "/account/users", new_user).status_code == 303
    assert _post(own, "admin", "/account/users/lan.nguyen/role", {"role": "analyst"}).status_code == 303
    assert find_user(own.engine, "lan.nguyen").role == "analyst"
    admin_page = own.client("admin").get("/account").text
    assert "lan.nguyen" in admin_page and "role_changed" in admin_page


def test_a_user_without_a_password_sets_one_after_a_login_link(site: Site, tmp_path: Path) -> None:
    own = site.clone(tmp_path / "ws")
    with own.engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == "editor").values(password_hash=unusable_password()))
    client = own.client()
    link = create_login_link(own.engine, find_user(own.engine, "editor"))
    assert client.get(f"/login/link?token={link}", follow_redirects=False).status_code == 303
    page = client.get("/account").text
    assert "chưa có mật khẩu" in page and 'name="current"' not in page
    token = csrf_token(client)
    answer = client.post("/account/password", data={"csrf_token": token, "new": "mật khẩu đầu tiên", "confirm": "mật khẩu đầu tiên"},
                         follow_redirects=False)
    assert answer.status_code == 303
    with own.engine.connect() as conn:
        assert not conn.execute(select(users.c.password_hash).where(users.c.username == "editor")).scalar_one().startswith("!")
    login(own.client(lang="en"), "editor", "mật khẩu đầu tiên")


def test_wrong_filters_come_back_with_a_message_in_the_readers_language(site: Site) -> None:
    vi = site.client("analyst").get("/?days=abc")
    assert vi.status_code == 400 and "Số ngày “abc” không hợp lệ" in vi.text
    en = site.client("analyst", lang="en").get("/alerts?days=0")
    assert en.status_code == 400 and "Days “0” is not valid" in en.text


@pytest.mark.parametrize(
    ("path", "vietnamese", "english"),
    [
        ("/?from=2026-13-01", "Ngày bắt đầu &#39;2026-13-01&#39; không phải là ngày", "--from &#39;2026-13-01&#39; is not a date"),
        ("/?from=2999-01-01", "nằm trong tương lai", "is in the future"),
        ("/alerts?from=2026-06-10&to=2026-06-01", "Khoảng thời gian 10/06/2026 – 01/06/2026 trống", "it ends before it starts"),
        ("/places?q=Xứ Sở Thần Tiên", "không có đơn vị hành chính nào tên", "no administrative unit is called"),
        ("/alerts/999999", "Không có cảnh báo số 999999", "No alert 999999"),
        ("/cases/999999", "Không có hồ sơ số 999999", "No case 999999"),
    ],
)
def test_the_librarys_errors_reach_the_page_in_its_language(site: Site, path: str, vietnamese: str, english: str) -> None:
    vi = site.client("analyst").get(path)
    en = site.client("analyst", lang="en").get(path)
    assert vi.status_code == en.status_code and vi.status_code in (400, 404)
    assert vietnamese in vi.text and english not in vi.text
    assert english in en.text and vietnamese not in en.text


def test_a_refused_alert_move_names_the_allowed_ones_in_vietnamese(site: Site, tmp_path: Path) -> None:
    own = site.clone(tmp_path / "ws")
    waste = own.alerts["waste"]
    assert _post(own, "analyst", f"/alerts/{waste}/acknowledge", {}).status_code == 303
    again = _post(own, "analyst", f"/alerts/{waste}/acknowledge", {})
    assert again.status_code == 400
    assert "đang ở trạng thái “Đã tiếp nhận”; chỉ có thể chuyển sang: Đã bỏ qua, Đã lập hồ sơ" in again.text


# English on every page: one phrase each that only the English switch shows.
ENGLISH = {
    "overview": "Public opinion overview", "topics": "Topics of conversation", "topic": "Representative stories",
    "places": "Provinces with the most complaints", "place": "Top citizen concerns",
    "alerts": "Surge alerts", "alert": "Observed against expected", "cases": "Response times (medians)",
    "case_list": "Assigned unit", "case": "After the answer: did the talk go down?", "search": "Search documents",
    "sources": "Registered sources", "account": "My permissions",
}


@pytest.mark.parametrize("page", sorted(ENGLISH))
def test_every_page_speaks_english_when_asked(site: Site, page: str) -> None:
    answer = site.client("analyst", lang="en").get(_pages(site)[page])
    assert answer.status_code == 200
    assert ENGLISH[page] in answer.text and '<html lang="en">' in answer.text
    assert MESSAGES["nav_overview"][1] in answer.text


def test_language_switch_sets_the_cookie_and_returns(site: Site) -> None:
    page = site.client("viewer").get("/alerts?status=new").text
    assert 'href="/lang/en?next=/alerts%3Fstatus%3Dnew"' in page  # back to the same filters
    answer = site.client("viewer").get("/lang/en?next=/alerts%3Fstatus%3Dnew", follow_redirects=False)
    assert answer.headers["location"] == "/alerts?status=new" and "lang=en" in answer.headers["set-cookie"]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= handler"),
    (re.compile(r"\|\s*safe\b"), "|safe filter"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_hold_no_inline_script_style_or_handlers(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for pattern, what in INLINE:
        assert not pattern.search(text), f"{template}: {what}"


def test_every_message_key_a_template_uses_exists_in_both_languages() -> None:
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", path.read_text(encoding="utf-8")))
    assert used, "the pattern finds the keys"
    assert sorted(used - set(MESSAGES)) == []
    for key, (vi, en) in MESSAGES.items():
        assert vi and en, key


def test_a_lower_bound_reads_at_least_with_its_reason() -> None:
    from duluan.analysis.privacy import Figure
    from duluan.web.pages.render import number_formatter, templates, translator

    macros = templates.env.get_template("_macros.html").make_module(
        {"t": translator("vi"), "number": number_formatter("vi"), "k": 5}
    )
    for value in (Figure(1234, 5, at_least=True), "≥ 1234"):
        html = str(macros.fig(value))
        assert 'class="lower-bound"' in html and "≥ 1.234" in html
        assert "ít hơn 5 tác giả" in html and "{k}" not in html
    assert 'class="suppressed"' in str(macros.fig(Figure(None, 5))) and str(macros.fig(Figure(7, 5))) == "7"


def test_every_page_names_its_icon_and_the_icon_is_served(site: Site) -> None:
    page = site.client("analyst").get("/").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    icon = site.client().get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
