"""Background work of follow-up: fetching a Kolada key figure's values."""

import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samskapa.accounts.models import User
from samskapa.core.services import notification_send
from samskapa.indicators.imports import kolada_rows, mark_duplicates_and_replacements
from samskapa.indicators.kolada import KoladaClient, KoladaError
from samskapa.indicators.models import Indicator
from samskapa.indicators.services import kolada_values_save, kolada_years

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def kolada_fetch(
    indicator_id: int, requested_by_id: int | None = None, client: KoladaClient | None = None
) -> int:
    """Fetch the last ten years of the indicator's Kolada key figure and save them (all or
    none); tell whoever asked how it went. Returns how many values were saved."""
    indicator = (
        Indicator.objects.select_related("municipality")
        .prefetch_related("measurements")
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None or indicator.municipality is None or not indicator.kolada_id:
        return 0
    requested_by = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    name, url = indicator.name, indicator.get_absolute_url()
    try:
        values = (client or KoladaClient()).values(
            kpi=indicator.kolada_id,
            municipality=indicator.municipality.code,
            years=kolada_years(),
        )
        rows = kolada_rows(values)
        mark_duplicates_and_replacements(rows, indicator)
        saved = kolada_values_save(indicator=indicator, rows=rows, requested_by=requested_by)
    except (KoladaError, ValidationError) as error:
        logger.warning("Kolada fetch of indicator %s failed: %s", indicator_id, error)
        reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        if requested_by is not None:
            notification_send(
                recipients=[requested_by],
                title=lambda: (
                    _("The values of “%(name)s” could not be fetched from Kolada") % {"name": name}
                ),
                body=reason,
                url=url,
            )
        return 0
    if requested_by is not None:
        notification_send(
            recipients=[requested_by],
            title=lambda: (
                _("%(count)s values of “%(name)s” fetched from Kolada")
                % {"count": saved, "name": name}
            ),
            url=url,
        )
    return saved
