"""Server-side SVG charts: well-formed, accessible, escaped, CSP-safe; suppressed values
are gaps with their text, never zeros; tooltips carry the exact numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from markupsafe import Markup

from duluan.analysis.periods import Period
from duluan.analysis.privacy import Figure
from duluan.analysis.trends import Trend, TrendPoint
from duluan.web.charts import (
    MARGIN_TOP,
    ChartSeries,
    bar_chart,
    chart_language,
    format_number,
    line_chart,
    nice_ticks,
    stacked_share,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
DAYS = [(date(2026, 11, 1) + timedelta(days=i)).isoformat() for i in range(5)]


def parse(markup: Markup) -> ET.Element:
    assert isinstance(markup, Markup)
    root = ET.fromstring(str(markup))
    assert root.tag == SVG + "svg" and root.get("role") == "img" and root.get("viewBox")
    assert root[0].tag == SVG + "title" and root[0].text == root.get("aria-label")
    for element in root.iter():
        for name in element.attrib:
            assert name != "style" and not name.startswith("on"), f"{element.tag} has {name}"
        assert element.tag != SVG + "script"
    return root


def titles(root: ET.Element, tag: str) -> list[str]:
    return [el.findtext(SVG + "title") or "" for el in root.iter(SVG + tag)]


def with_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter() if cls in (el.get("class") or "").split()]


def test_titles_and_labels_are_escaped() -> None:
    evil = '<script>alert("x")</script> & Co'
    for markup in (
        line_chart([ChartSeries(evil, [1, 2, 3, 4, 5])], DAYS, evil, evil),
        bar_chart([(evil, 3)], evil, hrefs=['/trends?concern=waste&place="01"']),
        stacked_share([(evil, 1), ("b", 2)], evil),
    ):
        assert "<script>" not in str(markup)
        root = parse(markup)
        assert root.findtext(SVG + "title") == evil and root.get("aria-label") == evil
        texts = {"".join(el.itertext()) for el in root.iter()}
        assert any(evil in t for t in texts)  # shown as text, not as markup
    bars = parse(bar_chart([("x", 3)], "t", hrefs=['/trends?concern=waste&place="01"']))
    assert [a.get("href") for a in bars.iter(SVG + "a")] == ['/trends?concern=waste&place="01"']


def test_line_chart_scales_points_shows_gaps_band_and_alerts() -> None:
    observed = ChartSeries("Thực tế", [0, 1234, Figure(None, 5), None, 2000], markers={DAYS[4]})
    expected = ChartSeries("Dự kiến", [None, 1000.5, 1100, 1200, 1300], role="expected", upper=[None, 1500, 1600, 1700, 1800])
    root = parse(line_chart([observed, expected], DAYS, "Lượng thảo luận", "tài liệu"))
    points = with_class(root, "point-observed")
    assert len(points) == 3  # the suppressed day and the day without data have no point
    tips = [el.findtext(SVG + "title") for el in points]
    assert tips == ["01/11/2026 — Thực tế: 0 tài liệu", "02/11/2026 — Thực tế: 1.234 tài liệu", "05/11/2026 — Thực tế: 2.000 tài liệu"]
    # Round ticks up to 2.000: the largest value sits on the top gridline, zero on the axis.
    ticks = sorted(int(el.text.replace(".", "")) for el in with_class(root, "tick-label") if el.text and el.text[0].isdigit() and "/" not in el.text)
    assert ticks == [0, 500, 1000, 1500, 2000]
    cy = {el.findtext(SVG + "title")[:10]: float(el.get("cy") or 0) for el in points}
    axis = float(with_class(root, "axis")[0].get("y1") or 0)
    assert cy["05/11/2026"] == pytest.approx(MARGIN_TOP) and cy["01/11/2026"] == pytest.approx(axis)
    assert cy["02/11/2026"] == pytest.approx(axis - (axis - MARGIN_TOP) * 1234 / 2000, abs=0.1)
    [gap] = with_class(root, "suppressed")
    assert gap.findtext(SVG + "title", "").startswith("03/11/2026: < 5 tài liệu")
    assert [t.text for t in gap.iter(SVG + "text")] == ["< 5"] and with_class(gap, "hatch")
    [line] = with_class(root, "series-observed")
    assert (line.get("d") or "").count("M") == 2  # broken at the gap, never drawn down to zero
    assert with_class(root, "band-expected") and with_class(root, "series-expected")
    [alert] = with_class(root, "marker-alert")
    assert "05/11/2026" in (alert.findtext(SVG + "title") or "")
    assert [el.text for el in with_class(root, "tick-label") if el.text and "/" in el.text] == ["01/11", "02/11", "03/11", "04/11", "05/11"]
    with pytest.raises(ValueError, match="3 values for 5 labels"):
        line_chart([ChartSeries("x", [1, 2, 3])], DAYS, "t", "y")


def test_tooltips_write_days_as_the_page_does_and_narrow_gaps_leave_their_text_to_a_legend() -> None:
    many = [(date(2026, 11, 1) + timedelta(days=i)).isoformat() for i in range(45)]
    values: list[object] = [Figure(None, 5) if i % 2 else i for i in range(45)]
    root = parse(line_chart([ChartSeries("Thực tế", values)], many, "t", "tài liệu"))
    gaps = with_class(root, "suppressed")
    assert len(gaps) == 22 and not [t for g in gaps for t in g.iter(SVG + "text")]  # no "< 5< 5< 5"
    assert gaps[0].findtext(SVG + "title", "").startswith("02/11/2026: < 5 tài liệu")
    assert "Gạch chéo: số liệu ẩn (< k hoặc ẩn kèm)" in "".join(with_class(root, "legend")[0].itertext())
    with chart_language("en"):
        english = parse(line_chart([ChartSeries("Observed", [1, 2, 3, 4, 5])], DAYS, "t", "documents"))
    assert titles(english, "circle")[0] == "2026-11-01 — Observed: 1 documents"
    wide = parse(line_chart([ChartSeries("Thực tế", [1, Figure(None, 5), 3, 4, 5])], DAYS, "t", "tài liệu"))
    assert not any("Gạch chéo" in "".join(el.itertext()) for el in with_class(wide, "legend"))


def test_bar_chart_lengths_and_suppressed_bars() -> None:
    root = parse(bar_chart([("Ngập nước", 300), ("Rác thải", "< 5"), ("Giao thông", 150), ("Y tế", 0)], "Mối quan tâm"))
    bars = with_class(root, "bar")
    assert [b.findtext(SVG + "title") for b in bars] == ["Ngập nước: 300", "Giao thông: 150", "Y tế: 0"]
    widths = [float(b.get("width") or 0) for b in bars]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == 0
    [hidden] = with_class(root, "suppressed")
    assert hidden.findtext(SVG + "title", "").startswith("Rác thải: < 5") and with_class(hidden, "hatch")
    assert [t.text for t in with_class(root, "bar-value")] == ["300", "150", "0"]


def test_stacked_share_splits_by_value_and_hides_percentages_when_a_part_is_hidden() -> None:
    root = parse(stacked_share([("Tiêu cực", 600), ("Trung lập", 300), ("Tích cực", 100)], "Sắc thái"))
    parts = with_class(root, "share-part")
    widths = [float(p.get("width") or 0) for p in parts]
    assert widths[0] == pytest.approx(6 * widths[2]) and widths[1] == pytest.approx(3 * widths[2])
    assert [p.findtext(SVG + "title") for p in parts] == ["Tiêu cực: 600 (60,0 %)", "Trung lập: 300 (30,0 %)", "Tích cực: 100 (10,0 %)"]
    hidden = parse(stacked_share([("Tiêu cực", 600), ("Trung lập", Figure(None, 5)), ("Tích cực", 100)], "Sắc thái"))
    legend = [t.text for t in with_class(hidden, "legend-text")]
    assert legend == ["Tiêu cực: 600", "Trung lập: < 5", "Tích cực: 100"]
    assert len(with_class(hidden, "suppressed")) == 1 and len(with_class(hidden, "share-part")) == 2
    # Given the page's whole (labelled documents the table divides by), the same percent.
    whole = parse(stacked_share([("Tiêu cực", 600), ("Trung lập", 300)], "Sắc thái", total=1200))
    assert [p.findtext(SVG + "title") for p in with_class(whole, "share-part")] == ["Tiêu cực: 600 (50,0 %)", "Trung lập: 300 (25,0 %)"]
    # The page's table prints number(share * 100, 1) of a share kept to six places: the
    # same "21,3 %" for 2.562 of 12.054 (a share cut to four places, 0.2125, read "21,2").
    demo = parse(stacked_share([("Trung tính", 2562), ("Khác", 9492)], "Sắc thái", total=12054))
    assert with_class(demo, "share-part")[0].findtext(SVG + "title") == "Trung tính: 2.562 (21,3 %)"
    assert f"{round(2562 / 12054, 6) * 100:.1f}" == "21.3"
    # Drawn for a narrow card, the legend one entry a line.
    assert demo.get("viewBox", "").startswith("0 0 320 ")
    ys = [float(el.get("y") or 0) for el in with_class(demo, "legend-text")]
    assert ys[1] > ys[0]
    empty = parse(stacked_share([("Tiêu cực", 0)], "Sắc thái"))
    assert "không có dữ liệu" in "".join(empty.itertext())


def test_trend_chart_and_number_helpers() -> None:
    period = Period(date(2026, 11, 1), date(2026, 11, 3), "Asia/Ho_Chi_Minh")
    result = Trend("all documents", period, "day", [
        TrendPoint("2026-11-01", Figure(12, 5), None),
        TrendPoint("2026-11-02", Figure(None, 5), 10.4),
        TrendPoint("2026-11-03", Figure(40, 5), 11.0),
    ])
    root = parse(trend_chart(result, "Tổng", alert_days={"2026-11-03"}))
    assert len(with_class(root, "point-observed")) == 2 and len(with_class(root, "point-expected")) == 2
    assert "02/11/2026 — Dự kiến: 10,4 tài liệu" in titles(root, "circle")
    assert len(with_class(root, "marker-alert")) == 1
    assert nice_ticks(97) == [0, 25, 50, 75, 100] and nice_ticks(81) == [0, 25, 50, 75, 100]
    assert nice_ticks(150) == [0, 50, 100, 150]
    assert nice_ticks(1234) == [0, 500, 1000, 1500]
    assert nice_ticks(0) == [0, 1] and nice_ticks(7) == [0, 2, 4, 6, 8]
    assert (format_number(1234567), format_number(12.5), format_number(3.0)) == ("1.234.567", "12,5", "3")
    with chart_language("en"):  # as the English tables write them
        assert (format_number(1234567), format_number(12.5)) == ("1,234,567", "12.5")


def test_a_charts_own_words_follow_the_page_language() -> None:
    parts = [("Tích cực", None), ("Tiêu cực", Figure(None, 5))]
    vietnamese = str(stacked_share(parts, "Sắc thái")) + str(bar_chart([("Ngập", None)], "Chủ đề"))
    with chart_language("en"):
        english = str(stacked_share(parts, "Mood")) + str(bar_chart([("Flooding", None)], "Topics"))
    assert "không có dữ liệu" in vietnamese and "phần." in vietnamese
    assert "no data" in english and "parts." in english and "items." in english
    assert "không có dữ liệu" not in english and "phần." not in english
    # Outside the block the default comes back.
    assert "không có dữ liệu" in str(bar_chart([("Ngập", None)], "Chủ đề"))


def test_a_day_not_yet_over_is_drawn_as_so_far() -> None:
    observed = ChartSeries("Thực tế", [500, 520, 510, 530, 80])
    expected = ChartSeries("Dự kiến", [505, 515, 512, 525, 520], role="expected")
    root = parse(line_chart([observed, expected], DAYS, "Lượng tài liệu", "tài liệu", partial=DAYS[-1]))
    [hollow] = with_class(root, "point-partial")
    assert "hôm nay, tính đến giờ" in (hollow.findtext(SVG + "title") or "")
    [piece] = with_class(root, "series-partial")
    assert piece.get("d", "").count("L") == 1  # from the day before into today, dashed
    [line] = [el for el in with_class(root, "series-observed") if "series-partial" not in el.get("class", "")]
    assert line.get("d", "").count("L") == 3  # the four days that are over
    assert line_chart([expected], DAYS, "t", "y", partial=DAYS[-1]).count("point-partial") == 0
    legend = [el.text for el in root.iter(SVG + "text") if "legend-text" in (el.get("class") or "")]
    assert "Hôm nay, tính đến giờ" in legend
    without = parse(line_chart([observed, expected], DAYS, "Lượng tài liệu", "tài liệu"))
    assert not with_class(without, "point-partial") and not with_class(without, "series-partial")


def test_an_alert_chart_marks_the_day_its_counts_were_read_on() -> None:
    from duluan.web.pages.figures import alert_chart

    stats = {"days": DAYS, "observed": [3, 4, 3, 12, 5], "expected": [3.0, 3.2, 3.1, 3.3, 3.2],
             "flagged": {DAYS[3]: {}}}
    read_today = str(alert_chart({**stats, "read_on": DAYS[-1]}, "vi"))
    assert read_today.count("point-partial") == 1
    # Counts read after the chart's last day: every day was over.
    assert "point-partial" not in str(alert_chart({**stats, "read_on": "2026-12-01"}, "vi"))
    assert "point-partial" not in str(alert_chart(stats, "vi"))  # alerts stored before read_on


def test_a_long_bar_label_is_cut_and_kept_whole_in_the_title() -> None:
    label = "Người dân phường Bạch Mai phản ánh rác thải chất đống ở cổng chợ suốt nhiều ngày liền"
    root = parse(bar_chart([(label, 12)], "Chủ đề"))
    [shown] = [t.text or "" for t in with_class(root, "bar-label")]
    assert len(shown) <= 60 and shown.endswith("…") and label.startswith(shown[:-1])
    assert [b.findtext(SVG + "title") for b in with_class(root, "bar")] == [f"{label}: 12"]
