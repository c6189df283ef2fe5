"""Every domain router is added to the NinjaAPI here."""

from ninja import NinjaAPI


def register_routers(api: NinjaAPI) -> None:
    from . import catalog, errors, logistics, market, orders, organisations, sales_points, territory

    errors.register_handlers(api)
    api.add_router("", sales_points.router)
    api.add_router("", organisations.router)
    api.add_router("", catalog.router)
    api.add_router("", territory.router)
    api.add_router("", orders.router)
    api.add_router("", logistics.router)
    api.add_router("", market.router)
    from . import monitor

    api.add_router("", monitor.router)
    from . import strategy

    api.add_router("", strategy.router)
