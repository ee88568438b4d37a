"""Twilio webhooks: status callbacks and incoming messages, signed, idempotent, group-committed."""

from wacampaign_desktop.core.webhooks.app import HEALTH_PATH, INCOMING_PATH, STATUS_PATH, create_app
from wacampaign_desktop.core.webhooks.handling import AppOptions
from wacampaign_desktop.core.webhooks.server import WebhookServer, WebhookServerError

__all__ = [
    "HEALTH_PATH", "INCOMING_PATH", "STATUS_PATH", "AppOptions", "WebhookServer",
    "WebhookServerError", "create_app",
]
