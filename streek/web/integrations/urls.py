"""An organisation's integrations under /mijn-organisatie/<id>/koppelingen/: API tokens and webhooks."""

from django.urls import URLPattern, URLResolver, path

from . import dfc, tokens, webhooks

urlpatterns: list[URLPattern | URLResolver] = []

# API tokens (accounts): list and create (the token shown once), revoke after confirming.
API_TOKENS = "<int:organisation_id>/koppelingen/api-sleutels/"
urlpatterns += [
    path(API_TOKENS, tokens.api_tokens, name="integration_tokens"),
    path(f"{API_TOKENS}<int:token_id>/intrekken/", tokens.api_token_revoke_confirm, name="integration_token_revoke"),
]

# Webhooks (interop): list, create, one webhook with its delivery log, edit, secret, test, delete, redeliver.
WEBHOOKS = "<int:organisation_id>/koppelingen/webhooks/"
urlpatterns += [
    path(WEBHOOKS, webhooks.webhook_list, name="integration_webhooks"),
    path(f"{WEBHOOKS}nieuw/", webhooks.webhook_new, name="integration_webhook_create"),
    path(f"{WEBHOOKS}<int:endpoint_id>/", webhooks.webhook_detail, name="integration_webhook_detail"),
    path(f"{WEBHOOKS}<int:endpoint_id>/bewerken/", webhooks.webhook_edit, name="integration_webhook_edit"),
    path(f"{WEBHOOKS}<int:endpoint_id>/geheim/", webhooks.webhook_rotate, name="integration_webhook_rotate"),
    path(f"{WEBHOOKS}<int:endpoint_id>/test/", webhooks.webhook_test, name="integration_webhook_test"),
    path(f"{WEBHOOKS}<int:endpoint_id>/verwijderen/", webhooks.webhook_remove, name="integration_webhook_delete"),
    path(
        f"{WEBHOOKS}leveringen/<int:delivery_id>/opnieuw/",
        webhooks.webhook_delivery_retry,
        name="integration_webhook_redeliver",
    ),
]

# DFC catalogue import (interop): upload a DFC file, check it (nothing written), then import it all or nothing.
urlpatterns += [
    path("<int:organisation_id>/koppelingen/dfc-import/", dfc.dfc_import, name="integration_dfc_import"),
]
