"""Absolute addresses of the site's pages, for what leaves the site (mails, documents, webhooks)."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def public_url(name: str, *args: object, fallback: str | None = None) -> str:
    """The page `name` (with `args`) under settings.STREEK_PUBLIC_URL. When the page does not exist (the web app
    is not installed): the site's `fallback` path (e.g. "/"), or "" without one, so that no link is given."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        if fallback is None:
            return ""
        path = fallback
    return settings.STREEK_PUBLIC_URL.rstrip("/") + path
