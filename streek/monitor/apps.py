from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "streek.monitor"
    label = "monitor"
    verbose_name = _("Monitor")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the fact appenders to the domain events)
