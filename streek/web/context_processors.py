from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.STREEK_SITE_NAME,
        "TILE_URL": settings.STREEK_TILE_URL,
        "TILE_ATTRIBUTION": settings.STREEK_TILE_ATTRIBUTION,
    }
