"""The JSON API at /api/v1/: one NinjaAPI, one router per domain (see streek/api/)."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from streek.api.auth import document_token_responses
from streek.api.routers import register_routers


class StreekAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document also declares what token authentication answers (401, 403, 429)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_token_responses(schema)
        return schema


api = StreekAPI(
    title="Streek API",
    version="1.0.0",
    description="Open API of Streek, the platform for short food supply chains.",
    urls_namespace="api-1",
    docs_url="/docs",
)
register_routers(api)
