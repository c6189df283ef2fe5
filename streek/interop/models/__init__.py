from .dfc import DfcLink
from .mirror import MirroredSalesPoint, MirrorSource
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = ["DfcLink", "MirrorSource", "MirroredSalesPoint", "WebhookDelivery", "WebhookEndpoint"]
