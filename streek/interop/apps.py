from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "streek.interop"
    label = "interop"
    verbose_name = _("Interoperability")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the webhooks to the domain events)
