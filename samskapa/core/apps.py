from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskapa.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers the named rules; imported here so that every process has them.
        from samskapa.core import permissions  # noqa: F401
