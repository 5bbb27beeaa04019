"""A municipality's plan for innovation work as a PDF (WeasyPrint), in Swedish or English.

Written in the language active when it is made (the view chooses with
``translation.override``), with the page layout of the strategy documents.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from samskapa.learning.models import Plan
from samskapa.strategy.documents import DOCUMENT_CSS


def plan_pdf(plan: Plan) -> bytes:
    """The plan's current version: overall goal, focus areas with goals, next steps."""
    # Imported here: loading WeasyPrint takes a moment and only exports need it.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "learning/plan_document.html",
        {"plan": plan, "content": plan.content, "today": timezone.localdate()},
    )
    return bytes(HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(DOCUMENT_CSS))]))
