"""The JSON API at /api/v1/: one NinjaAPI, one router per domain (see streek/api/)."""

from ninja import NinjaAPI

from streek.api.routers import register_routers

api = NinjaAPI(
    title="Streek API",
    version="1.0.0",
    description="Open API of Streek, the platform for short food supply chains.",
    urls_namespace="api-1",
    docs_url="/docs",
)
register_routers(api)
