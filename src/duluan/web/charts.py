"""Server-side SVG charts: no JavaScript, no inline style, safe under a strict CSP.

Every chart is one complete `<svg>` with `role="img"`, a `<title>` and an `aria-label`,
scaled by its viewBox (the stylesheet sets the width). Every text node and attribute value
is escaped. A suppressed figure ("< 5": too few distinct authors) is drawn as a hatched
gap carrying its text, never as zero; each point and bar has a `<title>` tooltip with the
exact number and day. Numbers are written the Vietnamese way: 1.234 and 12,5.

Classes for the stylesheet (no colour is set here; only geometry is):

    chart, chart-line, chart-bar, chart-share      the <svg> of each kind
    chart-title-text                               the y-axis caption (line chart)
    grid, axis, tick-label                         gridlines, the axis lines, tick labels
    series-observed, series-expected               the lines (observed; expected baseline)
    series-0 … series-5                            the same, by position, for other series
    band-expected                                  the shaded band up to the baseline's upper bound
    point, point-observed, point-expected          the circles on a line, with their tooltips
    marker-alert                                   a triangle above a day with an alert
    suppressed, gap, hatch, gap-label              a suppressed value: its group, frame, hatch lines, "< 5"
    bar, bar-label, bar-value, bar-row             horizontal bars, their label and value
    share-part, share-0 … share-5, share-label     the parts of a stacked share bar, its legend text
    legend, legend-swatch, legend-text             legends; each swatch also has one of
    legend-observed, legend-expected, legend-band, legend-share-0 … legend-share-5,
    legend-suppressed
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeAlias

from markupsafe import Markup, escape

from ..analysis.privacy import Figure
from ..analysis.trends import Trend
from ..text.shorten import shorten

__all__ = [
    "CHART_WORDS",
    "ChartWords",
    "chart_language",
    "chart_words",
    "ChartSeries",
    "Value",
    "bar_chart",
    "format_number",
    "line_chart",
    "nice_ticks",
    "stacked_share",
    "trend_chart",
]

# A value as the analysis gives it: a number, a Figure (maybe suppressed), "< 5", or None
# for no data at all.
Value: TypeAlias = Figure | int | float | str | None

WIDTH = 640
LINE_HEIGHT = 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 52, 16, 28, 30
# Bars with their label above them, in a narrow drawing: labels beside the bars in a
# 640-wide one were 6-7 px tall on a 390 px phone (topic labels are long).
BAR_WIDTH = 400
BAR_ROW = 38  # a label line, then the bar
BAR_HEIGHT = 16
BAR_MARGIN = 4
BAR_LABEL_CHARS = 60
MAX_X_LABELS = 8
SHARE_WIDTH = 320  # the stacked share bar's drawing, for a narrow card
LEGEND_LINE = 16
GAP_TEXT_MIN = 22  # the narrowest column (viewBox units) that holds a gap's "< 5"
HATCH_STEP = 6
SUPPRESSED_BAR = 44  # width of the hatched box that stands for a suppressed bar
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_XScale: TypeAlias = Callable[[int], float]
_YScale: TypeAlias = Callable[[float], float]


@dataclass(frozen=True)
class ChartWords:
    """The words a chart writes itself (tooltips, gaps, descriptions), in one language."""

    no_data: str
    hidden: str  # why a figure shows "< k"
    secondary: str  # a figure hidden beside one under k (it may rest on more)
    alert: str
    upper_bound: str
    line_description: str  # {n} points, {first}..{last}, {axis}
    items: str
    parts: str
    so_far: str  # a day not yet over: its count so far
    gap_legend: str  # the legend of hatched gaps too narrow to carry their text


CHART_WORDS = {
    "vi": ChartWords(
        no_data="không có dữ liệu",
        hidden="ẩn: dưới k tác giả",
        secondary="ẩn để không suy ra được con số nhỏ bị ẩn bên cạnh",
        alert="Cảnh báo",
        upper_bound="ngưỡng trên",
        line_description="{n} mốc, từ {first} đến {last}; trục dọc: {axis}.",
        items="{n} mục.",
        parts="{n} phần.",
        so_far="hôm nay, tính đến giờ",
        gap_legend="Gạch chéo: số liệu ẩn (< k hoặc ẩn kèm)",
    ),
    "en": ChartWords(
        no_data="no data",
        hidden="hidden: fewer than k authors",
        secondary="hidden so that a small hidden figure beside it cannot be worked out",
        alert="Alert",
        upper_bound="upper bound",
        line_description="{n} points, from {first} to {last}; vertical axis: {axis}.",
        items="{n} items.",
        parts="{n} parts.",
        so_far="today, so far",
        gap_legend="Hatched: hidden figure (< k or hidden beside one)",
    ),
}
# The page's language for the charts drawn in this request (figures.py sets it). A context
# variable rather than a parameter of every helper: each thread and task sees its own.
_LANGUAGE: ContextVar[str] = ContextVar("chart_language", default="vi")


@contextmanager
def chart_language(lang: str) -> Iterator[None]:
    """Draw the charts inside the block with the words of `lang` ("vi" or "en")."""
    token = _LANGUAGE.set(lang if lang in CHART_WORDS else "vi")
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def chart_words() -> ChartWords:
    return CHART_WORDS[_LANGUAGE.get()]


@dataclass(frozen=True)
class ChartSeries:
    """One line of a line chart, one value per label."""

    name: str  # legend text: "Thực tế", "Dự kiến"
    values: Sequence[Value]
    role: str = "observed"  # observed: line and points; expected: dashed line
    upper: Sequence[float | None] | None = None  # expected only: shade up to this bound
    markers: Collection[str] = ()  # labels to mark with an alert triangle


@dataclass(frozen=True)
class _Point:
    value: float | None  # None: no number to draw
    text: str  # as shown: "1.234", "< 5", "không có dữ liệu"
    suppressed: bool


def _point(value: Value) -> _Point:
    if isinstance(value, Figure):
        if value.value is None:
            return _Point(None, chart_words().secondary if value.secondary else value.show(), True)
        value = value.value
    if value is None:
        return _Point(None, chart_words().no_data, False)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return _Point(None, value, True)  # "< 5"
        return _Point(number, format_number(number), False)
    if isinstance(value, float) and not math.isfinite(value):
        return _Point(None, chart_words().no_data, False)
    return _Point(float(value), format_number(value), False)


def format_number(value: float) -> str:
    """Digits as the page's language writes them: Vietnamese "1.234" and "12,5", English
    "1,234" and "12.5" (the tables beside the charts do the same)."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"
    if _LANGUAGE.get() != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(share: float) -> str:
    """A share as the tables beside the charts print it: one decimal, "21,3 %" / "21.3 %"."""
    text = f"{100 * share:,.1f}"
    if _LANGUAGE.get() == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text} %"


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """Round ticks from 0 covering `high`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not math.isfinite(high) or high <= 0:
        return [0.0, 1.0]
    raw = high / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    top = math.ceil(high / step - 1e-9) * step
    n = int(round(top / step))
    return [round(i * step, 10) for i in range(n + 1)]


def _tip_label(label: str) -> str:
    """A day or hour as a tooltip says it: "22/11/2026" on Vietnamese pages, the ISO day
    on English ones; anything else as it is."""
    match = _ISO_DAY.match(label)
    if not match or _LANGUAGE.get() != "vi":
        return label
    rest = label[match.end():].strip()
    day = f"{match.group(3)}/{match.group(2)}/{match.group(1)}"
    return f"{day} {rest}:00" if rest.isdigit() else day


def _short_label(label: str) -> str:
    """An ISO day on an axis reads "02/11"; the tooltip keeps the full label."""
    match = _ISO_DAY.match(label)
    return f"{match.group(3)}/{match.group(2)}" if match else label


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, cls: str, anchor: str = "start") -> str:
    return f'<text class="{cls}" x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}">{escape(content)}</text>'


def _title(content: str) -> str:
    return f"<title>{escape(content)}</title>"


def _hatch(x: float, y: float, w: float, h: float) -> str:
    """45° lines filling the rectangle, cut at its edges (no clip path, so no ids)."""
    lines = []
    c = x - h
    while c < x + w:
        # the line from (c, y + h) to (c + h, y), kept where x <= ... <= x + w
        t0 = max(0.0, (x - c) / h)
        t1 = min(1.0, (x + w - c) / h)
        if t1 > t0:
            lines.append(
                f'<line class="hatch" x1="{_f(c + t0 * h)}" y1="{_f(y + h - t0 * h)}" '
                f'x2="{_f(c + t1 * h)}" y2="{_f(y + h - t1 * h)}"/>'
            )
        c += HATCH_STEP
    return "".join(lines)


def _suppressed_box(x: float, y: float, w: float, h: float, tooltip: str, label: str) -> str:
    text = _text(x + w / 2, y + h - 4, label, "gap-label", "middle") if label else ""
    return (
        f'<g class="suppressed">{_title(tooltip)}'
        f'<rect class="gap" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}"/>'
        f"{_hatch(x, y, w, h)}{text}</g>"
    )


def _svg(
    kind: str, height: float, title: str, body: Sequence[str], description: str = "", width: float = WIDTH
) -> Markup:
    label = escape(title)
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'role="img" aria-label="{label}"><title>{label}</title>{desc}{"".join(body)}</svg>'
    )


def _legend(entries: Sequence[tuple[str, str]], y: float) -> str:
    """Swatches and names in one row: (css class of the swatch, text)."""
    out, x = ['<g class="legend">'], float(MARGIN_LEFT)
    for cls, name in entries:
        out.append(
            f'<rect class="legend-swatch {cls}" x="{_f(x)}" y="{_f(y - 9)}" width="12" height="10"/>'
        )
        out.append(_text(x + 16, y, name, "legend-text"))
        x += 28 + 7 * len(name)
    out.append("</g>")
    return "".join(out)


# ---------------------------------------------------------------------------- line chart


def line_chart(
    series: list[ChartSeries], labels: list[str], title: str, y_label: str, partial: str | None = None
) -> Markup:
    """Lines over labelled days (observed against the expected baseline, say), with an
    optional band up to the baseline's upper bound and triangles on alert days.

    `partial` is the label of a day not yet over (today): its observed count is what has
    arrived so far, so the point is hollow and the line into it dashed, or the day's drop
    would read as a collapse of the talk."""
    for s in series:
        if len(s.values) != len(labels) or (s.upper is not None and len(s.upper) != len(labels)):
            raise ValueError(
                f"series {s.name!r} has {len(s.values)} values for {len(labels)} labels"
            )
    points = [[_point(v) for v in s.values] for s in series]
    partial_at = labels.index(partial) if partial is not None and partial in labels else None
    highest = max(
        [p.value for row in points for p in row if p.value is not None]
        + [u for s in series for u in (s.upper or ()) if u is not None]
        + [0.0]
    )
    ticks = nice_ticks(highest)
    top = ticks[-1] or 1.0
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    n = len(labels)
    column = plot_w / max(n, 1)

    def x_at(i: int) -> float:
        return MARGIN_LEFT + column * (i + 0.5)

    def y_at(v: float) -> float:
        return MARGIN_TOP + plot_h * (1 - v / top)

    body: list[str] = [_text(MARGIN_LEFT, MARGIN_TOP - 12, y_label, "chart-title-text")]
    for tick in ticks:
        y = y_at(tick)
        body.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" y1="{_f(y)}" x2="{WIDTH - MARGIN_RIGHT}" y2="{_f(y)}"/>'
        )
        body.append(_text(MARGIN_LEFT - 6, y + 4, format_number(tick), "tick-label", "end"))
    bottom = MARGIN_TOP + plot_h
    body.append(
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{_f(bottom)}" x2="{WIDTH - MARGIN_RIGHT}" y2="{_f(bottom)}"/>'
    )
    every = max(1, math.ceil(n / MAX_X_LABELS))
    for i in range(0, n, every):
        body.append(_text(x_at(i), bottom + 16, _short_label(labels[i]), "tick-label", "middle"))

    # 1. bands under everything, 2. gaps for suppressed values, 3. lines, 4. points, 5. alerts
    for s, row in zip(series, points, strict=True):
        if s.upper is not None:
            body.extend(_band(s, row, x_at, y_at))
    gaps_drawn: set[int] = set()
    for row in points:
        for i, p in enumerate(row):
            if p.suppressed and i not in gaps_drawn:
                gaps_drawn.add(i)
                tip = f"{_tip_label(labels[i])}: {p.text} {y_label} ({chart_words().hidden})"
                # A narrow column cannot hold "< 5" (neighbours' texts ran together): the
                # tooltip and a legend entry say it instead.
                body.append(
                    _suppressed_box(
                        x_at(i) - column / 2 + 1,
                        MARGIN_TOP,
                        max(column - 2, 2),
                        plot_h,
                        tip,
                        p.text if column >= GAP_TEXT_MIN else "",
                    )
                )
    for index, (s, row) in enumerate(zip(series, points, strict=True)):
        cls = {"observed": "series-observed", "expected": "series-expected"}.get(
            s.role, f"series-{index % 6}"
        )
        coords = [(x_at(i), y_at(p.value)) if p.value is not None else None for i, p in enumerate(row)]
        # An observed line stops before a day not yet over; a dashed piece leads into it.
        cut = s.role != "expected" and partial_at is not None
        path = _path([None if cut and i == partial_at else c for i, c in enumerate(coords)])
        if path:
            body.append(f'<path class="{cls}" d="{path}" fill="none"/>')
        if cut and partial_at is not None and coords[partial_at] is not None:
            piece = _path(coords[max(partial_at - 1, 0) : partial_at + 1])
            body.append(f'<path class="{cls} series-partial" d="{piece}" fill="none"/>')
    for s, row in zip(series, points, strict=True):
        cls = "point-expected" if s.role == "expected" else "point-observed"
        for i, p in enumerate(row):
            if p.value is None:
                continue
            tip = f"{_tip_label(labels[i])} — {s.name}: {p.text} {y_label}"
            shape = cls
            if i == partial_at and s.role != "expected":
                tip += f" ({chart_words().so_far})"
                shape += " point-partial"
            body.append(
                f'<circle class="point {shape}" cx="{_f(x_at(i))}" cy="{_f(y_at(p.value))}" r="3">{_title(tip)}</circle>'
            )
    for s, row in zip(series, points, strict=True):
        for i, label in enumerate(labels):
            if label not in s.markers:
                continue
            value = row[i].value
            y = (y_at(value) if value is not None else MARGIN_TOP + 12) - 8
            x = x_at(i)
            body.append(
                f'<path class="marker-alert" d="M{_f(x)} {_f(y)} l-5 -8 h10 z">'
                f"{_title(f'{chart_words().alert} {_tip_label(label)}: {row[i].text} {y_label}')}</path>"
            )
    legend = [
        ("legend-expected" if s.role == "expected" else "legend-observed", s.name) for s in series
    ]
    if any(s.upper is not None for s in series):
        legend.append(("legend-band", chart_words().upper_bound.capitalize()))
    if partial_at is not None and any(s.role != "expected" for s in series):
        legend.append(("legend-partial", chart_words().so_far.capitalize()))
    if gaps_drawn and column < GAP_TEXT_MIN:
        legend.append(("legend-suppressed", chart_words().gap_legend))
    body.append(_legend(legend, LINE_HEIGHT - 2))
    description = (
        chart_words().line_description.format(n=n, first=labels[0], last=labels[-1], axis=y_label)
        if labels
        else chart_words().no_data.capitalize() + "."
    )
    return _svg("line", LINE_HEIGHT + 8, title, body, description)


def _path(coords: Sequence[tuple[float, float] | None]) -> str:
    """An SVG path through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for c in coords:
        if c is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{_f(c[0])} {_f(c[1])}")
        pen_down = True
    return " ".join(parts)


def _band(s: ChartSeries, row: Sequence[_Point], x_at: _XScale, y_at: _YScale) -> list[str]:
    """The band from the expected line up to its upper bound, one polygon per unbroken run."""
    assert s.upper is not None
    out: list[str] = []
    run: list[tuple[int, float, float]] = []
    for i, (p, u) in enumerate([*zip(row, s.upper, strict=True), (None, None)]):
        if p is not None and p.value is not None and u is not None:
            run.append((i, p.value, max(u, p.value)))
            continue
        if run:
            upper = " ".join(f"{_f(x_at(j))} {_f(y_at(hi))}" for j, _, hi in run)
            lower = " ".join(f"{_f(x_at(j))} {_f(y_at(lo))}" for j, lo, _ in reversed(run))
            out.append(
                f'<polygon class="band-expected" points="{upper} {lower}">{_title(f"{s.name}: {chart_words().upper_bound}")}</polygon>'
            )
            run = []
    return out


def trend_chart(
    result: Trend, title: str, alert_days: Collection[str] = (), y_label: str = "tài liệu"
) -> Markup:
    """A trend's documents per day against its expected baseline."""
    labels = [p.bucket for p in result.points]
    series = [ChartSeries("Thực tế", [p.documents for p in result.points], markers=alert_days)]
    if any(p.expected is not None for p in result.points):
        series.append(ChartSeries("Dự kiến", [p.expected for p in result.points], role="expected"))
    return line_chart(series, labels, title, y_label)


# ---------------------------------------------------------------------------- bars


def bar_chart(
    items: list[tuple[str, Value]], title: str, hrefs: Sequence[str | None] | None = None
) -> Markup:
    """Horizontal bars, largest first as given (concerns, places); a suppressed value is a
    hatched box with its text; `hrefs` makes each row a link to the documents behind it."""
    if hrefs is not None and len(hrefs) != len(items):
        raise ValueError(f"{len(hrefs)} links for {len(items)} bars")
    points = [_point(v) for _, v in items]
    ticks = nice_ticks(max([p.value for p in points if p.value is not None] + [0.0]))
    top = ticks[-1] or 1.0
    left = BAR_MARGIN
    right = BAR_WIDTH - BAR_MARGIN - 48  # room for the value after the longest bar
    scale = (right - left) / top
    first = 4.0
    height = first + BAR_ROW * len(items) + 20
    body: list[str] = []
    for tick in ticks:
        x = left + tick * scale
        body.append(
            f'<line class="grid" x1="{_f(x)}" y1="{_f(first)}" x2="{_f(x)}" y2="{_f(height - 18)}"/>'
        )
        body.append(_text(x, height - 4, format_number(tick), "tick-label", "middle"))
    for i, ((label, _), p) in enumerate(zip(items, points, strict=True)):
        y = first + BAR_ROW * i
        bar_y = y + BAR_ROW - BAR_HEIGHT - 4
        # The full label is in the bar's title; one line holds about 60 characters.
        row = [_text(left + 2, bar_y - 5, shorten(label, BAR_LABEL_CHARS), "bar-label", "start")]
        if p.suppressed:
            row.append(
                _suppressed_box(
                    left,
                    bar_y,
                    SUPPRESSED_BAR,
                    BAR_HEIGHT,
                    f"{label}: {p.text} ({chart_words().hidden})",
                    p.text,
                )
            )
        elif p.value is None:
            row.append(_text(left + 4, bar_y + BAR_HEIGHT - 4, p.text, "bar-value"))
        else:
            w = max(p.value * scale, 1.0 if p.value > 0 else 0.0)
            row.append(
                f'<rect class="bar" x="{left}" y="{_f(bar_y)}" width="{_f(w)}" height="{BAR_HEIGHT}">'
                f"{_title(f'{label}: {p.text}')}</rect>"
            )
            row.append(_text(left + w + 6, bar_y + BAR_HEIGHT - 4, p.text, "bar-value"))
        content = "".join(row)
        href = hrefs[i] if hrefs is not None else None
        if href:
            body.append(f'<a class="bar-row" href="{escape(href)}">{content}</a>')
        else:
            body.append(f'<g class="bar-row">{content}</g>')
    body.append(
        f'<line class="axis" x1="{left}" y1="{_f(first)}" x2="{left}" y2="{_f(height - 18)}"/>'
    )
    return _svg("bar", height, title, body, chart_words().items.format(n=len(items)), width=BAR_WIDTH)


def stacked_share(parts: list[tuple[str, Value]], title: str, total: float | None = None) -> Markup:
    """One bar split by share (the sentiment mix). A suppressed part keeps a narrow hatched
    slot with its text; then no percentages are printed, since they could not add up.
    `total`: the whole the page's table divides by, so that both print the same percent."""
    points = [_point(v) for _, v in parts]
    shown = sum(p.value for p in points if p.value is not None and p.value > 0)
    whole = total if total else shown
    hidden = sum(1 for p in points if p.suppressed)
    # Narrower than the line charts: it sits in a narrow card, and a 640-wide drawing
    # scaled down there made its legend about 6 px tall.
    bar_x, bar_w, bar_y, bar_h = 4.0, SHARE_WIDTH - 8.0, 10.0, 28.0
    slot = min(SUPPRESSED_BAR, bar_w / max(len(parts), 1)) if hidden else 0.0
    room = bar_w - slot * hidden
    body: list[str] = []
    x = bar_x
    legend_y = bar_y + bar_h + 22
    if not shown and not hidden:
        body.append(
            f'<rect class="gap" x="{_f(bar_x)}" y="{_f(bar_y)}" width="{_f(bar_w)}" height="{_f(bar_h)}"/>'
        )
        body.append(
            _text(
                bar_x + bar_w / 2,
                bar_y + bar_h / 2 + 4,
                chart_words().no_data,
                "gap-label",
                "middle",
            )
        )
    for i, ((label, _), p) in enumerate(zip(parts, points, strict=True)):
        if p.suppressed:
            body.append(
                _suppressed_box(
                    x, bar_y, slot, bar_h, f"{label}: {p.text} ({chart_words().hidden})", p.text
                )
            )
            x += slot
            continue
        if p.value is None or p.value <= 0 or not shown:
            continue
        w = room * p.value / shown
        percent = "" if hidden else f" ({format_percent(p.value / whole)})"
        body.append(
            f'<rect class="share-part share-{i % 6}" x="{_f(x)}" y="{_f(bar_y)}" width="{_f(w)}" height="{_f(bar_h)}">'
            f"{_title(f'{label}: {p.text}{percent}')}</rect>"
        )
        x += w
    entries = []
    for i, ((label, _), p) in enumerate(zip(parts, points, strict=True)):
        percent = (
            ""
            if hidden or p.value is None or not shown
            else f" ({format_percent(p.value / whole)})"
        )
        entries.append(
            (
                f"legend-share-{i % 6}" if not p.suppressed else "legend-suppressed",
                f"{label}: {p.text}{percent}",
            )
        )
    body.append(_legend_column(entries, legend_y, bar_x))
    height = legend_y + LEGEND_LINE * (len(entries) - 1) + 10
    return _svg("share", height, title, body, chart_words().parts.format(n=len(parts)), width=SHARE_WIDTH)


def _legend_column(entries: Sequence[tuple[str, str]], y: float, x: float) -> str:
    """Swatches and names one under the other: (css class of the swatch, text)."""
    out = ['<g class="legend">']
    for row, (cls, name) in enumerate(entries):
        top = y + row * LEGEND_LINE
        out.append(f'<rect class="legend-swatch {cls}" x="{_f(x)}" y="{_f(top - 9)}" width="12" height="10"/>')
        out.append(_text(x + 16, top, name, "legend-text"))
    out.append("</g>")
    return "".join(out)
