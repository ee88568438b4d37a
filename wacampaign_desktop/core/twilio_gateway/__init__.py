"""Twilio gateway: send/fetch/list through twilio-python, classified errors, explanations."""

from wacampaign_desktop.core.twilio_gateway.errors import (
    classify_exception,
    explain_error,
    known_codes,
)
from wacampaign_desktop.core.twilio_gateway.gateway import TwilioGateway, whatsapp_address
from wacampaign_desktop.core.twilio_gateway.types import (
    CheckResult,
    ErrorExplanation,
    GatewayError,
    MessageInfo,
    SendRequest,
    SendResult,
    TwilioCredentials,
)

__all__ = [
    "CheckResult", "ErrorExplanation", "GatewayError", "MessageInfo", "SendRequest",
    "SendResult", "TwilioCredentials", "TwilioGateway", "classify_exception", "explain_error",
    "known_codes", "whatsapp_address",
]
