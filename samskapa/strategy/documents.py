"""The innovation strategy as a readable document: PDF (WeasyPrint) and Word (python-docx).

Both are written in the language active when they are made (the view chooses Swedish or
English with ``translation.override``) and hold the same parts: the project, the vision, each
focus area with the needs it answers and its goals (owner, date, initiatives, indicators), and
a chart of each indicator against its target path. The PDF draws the charts as the SVG that
``indicators.svg`` makes; Word cannot show SVG, so the same figures are drawn as PNG here.
"""

import base64
import io
import itertools
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from samskapa.indicators.selectors import IndicatorSeries, indicator_progress, indicator_series
from samskapa.indicators.svg import line_chart_svg
from samskapa.strategy.models import Strategy
from samskapa.strategy.selectors import strategy_indicators


def _charts(strategy: Strategy) -> list[dict[str, object]]:
    charts = []
    for indicator in strategy_indicators(strategy):
        series = indicator_series(indicator)
        charts.append(
            {
                "indicator": indicator,
                "series": series,
                "progress": indicator_progress(indicator),
            }
        )
    return charts


# The page layout of the PDF; a file of its own, since templates carry no inline styles.
DOCUMENT_CSS = Path(__file__).with_name("document.css")


def strategy_pdf(strategy: Strategy) -> bytes:
    """The strategy as a PDF, with the charts as SVG images."""
    # Imported here: loading WeasyPrint takes a moment and only exports need it.
    from weasyprint import CSS, HTML

    charts = _charts(strategy)
    for chart in charts:
        svg = line_chart_svg(
            series=chart["series"],  # type: ignore[arg-type]
            title=chart["indicator"].name,  # type: ignore[attr-defined]
            unit=chart["indicator"].unit,  # type: ignore[attr-defined]
        )
        chart["image"] = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = render_to_string(
        "strategy/document.html",
        {"strategy": strategy, "charts": charts, "today": timezone.localdate()},
    )
    stylesheet = CSS(filename=str(DOCUMENT_CSS))
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))


# --- Word --------------------------------------------------------------------------------------

PNG_WIDTH, PNG_HEIGHT = 1200, 600
VALUE_RGB = (0, 98, 186)
TARGET_RGB = (168, 67, 28)
TEXT_RGB = (32, 39, 51)
GRID_RGB = (210, 213, 217)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def line_chart_png(*, series: IndicatorSeries, unit: str) -> bytes:
    """The chart of ``series`` as a PNG: values solid with points, the target path dashed."""
    image = Image.new("RGB", (PNG_WIDTH, PNG_HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = _font(22)
    left, right, top, bottom = 130, 30, 30, 110
    numbers = [float(v) for v in (*series.values, *series.path) if v is not None]
    if not series.years or not numbers:
        draw.text((left, PNG_HEIGHT // 2), _("No values yet"), fill=TEXT_RGB, font=font)
        return _png(image)
    low, high = min(min(numbers), 0.0), max(numbers)
    high = high if high > low else low + 1
    width, height = PNG_WIDTH - left - right, PNG_HEIGHT - top - bottom
    count = len(series.years)

    def x(index: int) -> float:
        return left + (width * index / (count - 1) if count > 1 else width / 2)

    def y(value: float) -> float:
        return top + height - (value - low) / (high - low) * height

    for step in range(5):
        value = low + (high - low) * step / 4
        draw.line([(left, y(value)), (PNG_WIDTH - right, y(value))], fill=GRID_RGB, width=1)
        label = formats.number_format(round(value, 1), force_grouping=True)
        draw.text((10, y(value) - 12), str(label), fill=TEXT_RGB, font=font)
    every = max(1, count // 8)
    for index, year in enumerate(series.years):
        if index % every == 0 or index == count - 1:
            draw.text((x(index) - 24, top + height + 12), str(year), fill=TEXT_RGB, font=font)
    _draw_line(draw, series.path, x, y, TARGET_RGB, dashed=True)
    _draw_line(draw, series.values, x, y, VALUE_RGB, dashed=False)
    for index, measured in enumerate(series.values):
        if measured is not None:
            cx, cy = x(index), y(float(measured))
            draw.ellipse([cx - 7, cy - 7, cx + 7, cy + 7], fill=VALUE_RGB)
    legend = PNG_HEIGHT - 40
    draw.line([(left, legend), (left + 50, legend)], fill=VALUE_RGB, width=5)
    draw.text((left + 60, legend - 12), f"{_('Measured')} ({unit})", fill=TEXT_RGB, font=font)
    draw.line([(left + 420, legend), (left + 470, legend)], fill=TARGET_RGB, width=5)
    draw.text((left + 480, legend - 12), _("Target path"), fill=TEXT_RGB, font=font)
    return _png(image)


def _draw_line(
    draw: ImageDraw.ImageDraw,
    values: list[Decimal | None],
    x: object,
    y: object,
    colour: tuple[int, int, int],
    *,
    dashed: bool,
) -> None:
    points = [
        (x(i), y(float(v)))  # type: ignore[operator]
        for i, v in enumerate(values)
        if v is not None
    ]
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        if not dashed:
            draw.line([(x1, y1), (x2, y2)], fill=colour, width=5)
            continue
        pieces = 12
        for piece in range(0, pieces, 2):
            a, b = piece / pieces, (piece + 1) / pieces
            draw.line(
                [
                    (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                    (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                ],
                fill=colour,
                width=5,
            )


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def strategy_docx(strategy: Strategy) -> bytes:
    """The strategy as a Word document, with the charts as PNG images."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.core_properties.title = strategy.title
    document.add_heading(strategy.title, level=0)
    project = strategy.project
    document.add_paragraph(
        _("Innovation strategy of %(project)s, %(organisation)s.")
        % {"project": project.name, "organisation": project.organisation.name}
    )
    document.add_heading(_("Vision"), level=1)
    document.add_paragraph(strategy.vision or _("No vision written yet."))
    document.add_heading(_("Focus areas"), level=1)
    for area in strategy.focus_areas.all():
        document.add_heading(area.title, level=2)
        if area.description:
            document.add_paragraph(area.description)
        needs = getattr(area, "visible_needs", [])
        if needs:
            document.add_paragraph(_("Needs it answers:"))
            for need in needs:
                document.add_paragraph(need.title, style="List Bullet")
        for goal in area.goals.all():
            document.add_heading(goal.title, level=3)
            facts = []
            if goal.owner:
                facts.append(_("Owner: %(owner)s") % {"owner": goal.owner})
            if goal.due_on:
                facts.append(
                    _("To be reached by %(date)s")
                    % {"date": formats.date_format(goal.due_on, "j F Y")}
                )
            if facts:
                document.add_paragraph(". ".join(facts) + ".")
            for initiative in getattr(goal, "visible_initiatives", []):
                document.add_paragraph(
                    _("Initiative: %(title)s") % {"title": initiative.title}, style="List Bullet"
                )
            for indicator in getattr(goal, "visible_indicators", []):
                document.add_paragraph(
                    _("Indicator: %(name)s") % {"name": indicator.name}, style="List Bullet"
                )
    charts = _charts(strategy)
    if charts:
        document.add_heading(_("Indicators against their targets"), level=1)
        for chart in charts:
            indicator = chart["indicator"]
            document.add_heading(indicator.name, level=2)  # type: ignore[attr-defined]
            document.add_paragraph(
                _("Progress: %(status)s.") % {"status": chart["progress"].label}  # type: ignore[attr-defined]
            )
            png = line_chart_png(series=chart["series"], unit=indicator.unit)  # type: ignore[arg-type,attr-defined]
            document.add_picture(io.BytesIO(png), width=Cm(16))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
