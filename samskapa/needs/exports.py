"""The needs inventory as a spreadsheet (CSV) for reports and further analysis.

The rows are those of the list, filtered by ``needs.filters.NeedFilter`` from
``selectors.needs_for_list``, so an export holds exactly what the reader may see in the list:
others' private needs and hidden needs never reach it. Authors' names are left out;
the inventory is about needs, not about who wrote them.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samskapa.needs.models import Need

CHUNK = 1000


def need_export_header() -> list[str]:
    return [
        _("Need number"),
        _("Title"),
        _("Description"),
        _("Project"),
        _("Campaign"),
        _("Stakeholder group"),
        _("Municipality"),
        _("Place"),
        _("Sustainability dimensions"),
        _("SDG targets"),
        _("Visibility"),
        _("Responsible unit"),
        _("Supporters"),
        _("Submitted"),
    ]


def need_export_rows(*, needs: QuerySet[Need], searched: bool = False) -> Iterator[list[Any]]:
    """One row per need of ``needs`` (those of the list, with its filters), for ``core.exports``.

    By project and date, or in the order of the search when ``searched``. Cells are plain
    values; the shared CSV writer neutralises text that a spreadsheet program would run as a
    formula.
    """
    needs = needs.select_related("responsible_unit").prefetch_related("sdg_targets")
    if not searched:
        needs = needs.order_by("project__name", "created_at", "id")
    # Read a thousand rows at a time with their prefetches, however long the inventory is.
    for need in needs.iterator(chunk_size=CHUNK):
        yield [
            need.pk,
            need.title,
            need.description,
            need.project.name,
            need.campaign.title if need.campaign else "",
            str(need.stakeholder_group) if need.stakeholder_group_id else "",
            str(need.municipality) if need.municipality_id else "",
            need.area,
            ", ".join(str(dimension) for dimension in need.dimensions.all()),
            ", ".join(target.code for target in need.sdg_targets.all()),
            need.get_visibility_display(),
            str(need.responsible_unit) if need.responsible_unit_id else "",
            need.support_count,
            timezone.localtime(need.created_at).strftime("%Y-%m-%d"),
        ]
