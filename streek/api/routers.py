"""Every domain router is added to the NinjaAPI here."""

from ninja import NinjaAPI


def register_routers(api: NinjaAPI) -> None:
    from . import errors

    errors.register_handlers(api)
