"""Line charts of indicators drawn on the server as SVG, for downloads and documents.

The browser draws the same figures with Chart.js; documents (and anyone who wants a vector
file) need a chart without a browser. The SVG is plain: a frame, the year axis, the value axis
with round steps, the measured values as a solid line with points and the target path as a
dashed line, a legend, and a ``<title>``/``<desc>`` that say what it shows. Every text is
escaped.
"""

import math
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samskapa.indicators.selectors import IndicatorSeries

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 56
VALUE_COLOUR = "#0062ba"
TARGET_COLOUR = "#a8431c"
TEXT_COLOUR = "#202733"
GRID_COLOUR = "#d2d5d9"


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about five gridlines."""
    raw = span / 5 if span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _format(value: float) -> str:
    """A tick label in the reader's language: 1 234,5 in Swedish, 1,234.5 in English."""
    return str(number_format(round(value, 2), decimal_pos=None, force_grouping=True))


def line_chart_svg(*, series: IndicatorSeries, title: str, unit: str) -> str:
    """An SVG line chart of ``series``: values, and the target path where there is one."""
    numbers = [float(v) for v in (*series.values, *series.path) if v is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(series, unit))}</desc>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{escape(title)}</text>",
    ]
    if not series.years or not numbers:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{TEXT_COLOUR}">'
            f"{escape(_('No values yet'))}</text></svg>"
        )
        return "".join(parts)
    low, high = min(numbers), max(numbers)
    low = min(low, 0.0) if low >= 0 else low
    step = _nice_step(high - low)
    low = step * (low // step)
    high = step * (high // step + 1) if high % step or high == low else high
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(series.years)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    tick = low
    while tick <= high + step / 1000:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{y(tick):.1f}" '
            f'stroke="{GRID_COLOUR}"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(_format(tick))}</text>"
        )
        tick += step
    label_every = max(1, count // 10)
    for index, year in enumerate(series.years):
        if index % label_every == 0 or index == count - 1:
            parts.append(
                f'<text x="{x(index):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
                f'fill="{TEXT_COLOUR}">{year}</text>'
            )
    parts.append(_polyline(series.path, x, y, TARGET_COLOUR, dashed=True))
    parts.append(_polyline(series.values, x, y, VALUE_COLOUR, dashed=False))
    for index, value in enumerate(series.values):
        if value is not None:
            parts.append(
                f'<circle cx="{x(index):.1f}" cy="{y(float(value)):.1f}" r="3.5" '
                f'fill="{VALUE_COLOUR}"/>'
            )
    legend_y = HEIGHT - 14
    parts.append(
        f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 24}" y2="{legend_y - 4}" '
        f'stroke="{VALUE_COLOUR}" stroke-width="2.5"/>'
        f'<text x="{LEFT + 30}" y="{legend_y}" fill="{TEXT_COLOUR}">'
        f"{escape(_('Measured') + f' ({unit})')}</text>"
        f'<line x1="{LEFT + 220}" y1="{legend_y - 4}" x2="{LEFT + 244}" y2="{legend_y - 4}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2.5" stroke-dasharray="6 4"/>'
        f'<text x="{LEFT + 250}" y="{legend_y}" fill="{TEXT_COLOUR}">'
        f"{escape(_('Target path'))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _polyline(
    values: list[Decimal | None], x: object, y: object, colour: str, *, dashed: bool
) -> str:
    segments: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        segments[-1].append(f"{x(index):.1f},{y(float(value)):.1f}")  # type: ignore[operator]
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="2.5"{dash}/>'
        for points in segments
        if len(points) > 1
    )


def _description(series: IndicatorSeries, unit: str) -> str:
    rows = []
    for year, value, target in series.rows:
        text = f"{year}: {value if value is not None else '–'}"
        if target is not None:
            text += f" ({_('target')} {target})"
        rows.append(text)
    return f"{unit}. " + "; ".join(rows)
