"""Plain-language error explanations (error_codes.json, English and French) and the
classification of Twilio/network failures into SendResult."""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources

import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException

from wacampaign_desktop.core.redaction import redact
from wacampaign_desktop.core.twilio_gateway.types import ErrorExplanation, SendResult

log = logging.getLogger(__name__)

OPT_OUT_CODES = frozenset({21610})
RATE_LIMIT_CODES = frozenset({20429, 63017, 63018})
# Suggested waits (seconds) before retrying.
RETRY_AFTER = {20429: 2.0, 63017: 10.0, 63018: 30.0, 30008: 60.0}
NETWORK_RETRY_AFTER = 5.0
SERVER_RETRY_AFTER = 5.0


_FALLBACK = {"generic": {"retryable": False,
                         "en": {"title": "Twilio reported an error", "explanation": "",
                                "hint": "Look the code up in Twilio's error dictionary."},
                         "fr": {"title": "Twilio a signalé une erreur", "explanation": "",
                                "hint": "Cherchez le code dans le dictionnaire de Twilio."}}}


@functools.cache
def _catalog() -> dict:
    """error_codes.json; a frozen build must bundle it (PyInstaller datas) next to this module."""
    try:
        text = resources.files(__package__).joinpath("error_codes.json").read_text("utf-8")
        return json.loads(text)
    except (OSError, ValueError):
        log.error("error_codes.json is missing or broken; errors are explained generically")
        return _FALLBACK


def explain_error(code: int | str | None, language: str = "en") -> ErrorExplanation:
    """Title, explanation and hint for a Twilio error code ("network"/"server" for those
    failure kinds); unknown codes get the generic entry. `language` is "en" or "fr"."""
    catalog = _catalog()
    key = str(code) if code is not None else "generic"
    entry = catalog.get(key) or catalog["generic"]
    lang = language if language in entry else "en"
    text = entry[lang]
    number = code if isinstance(code, int) else (int(code) if str(code).isdigit() else None)
    return ErrorExplanation(number, text["title"], text["explanation"], text["hint"],
                            bool(entry["retryable"]))


def known_codes() -> list[int]:
    return sorted(int(k) for k in _catalog() if k.isdigit())


def _result(*, code: int | None, http_status: int | None, message: str,
            explain_key: int | str | None, retryable: bool | None = None,
            retry_after: float | None = None) -> SendResult:
    explanation = explain_error(explain_key)
    if retryable is None:
        retryable = explanation.retryable
    if retryable and retry_after is None:
        retry_after = RETRY_AFTER.get(code or 0, SERVER_RETRY_AFTER)
    return SendResult(
        success=False, sid=None, status=None, error_code=code,
        error_message=redact(message), retryable=retryable,
        retry_after=retry_after if retryable else None, http_status=http_status,
        hint=explanation.hint, opt_out=code in OPT_OUT_CODES,
    )


def classify_twilio_error(http_status: int | None, code: int | None, message: str) -> SendResult:
    """Map an HTTP status + Twilio code to a SendResult (retryable, wait, hint, opt-out)."""
    if http_status == 429 or code == 20429:
        return _result(code=code or 20429, http_status=http_status, message=message,
                       explain_key=20429, retryable=True,
                       retry_after=RETRY_AFTER[20429])
    if http_status == 401 or code == 20003:
        return _result(code=code or 20003, http_status=http_status, message=message,
                       explain_key=20003, retryable=False)
    if http_status is not None and http_status >= 500:
        key = code if code is not None and str(code) in _catalog() else "server"
        return _result(code=code, http_status=http_status, message=message,
                       explain_key=key, retryable=True, retry_after=SERVER_RETRY_AFTER)
    if code is not None and str(code) in _catalog():
        return _result(code=code, http_status=http_status, message=message, explain_key=code)
    return _result(code=code, http_status=http_status, message=message,
                   explain_key="generic", retryable=False)


def classify_exception(exc: BaseException) -> SendResult:
    """A SendResult for anything `twilio` or `requests` raises; never raises itself."""
    if isinstance(exc, TwilioRestException):
        code = exc.code if isinstance(exc.code, int) else None
        if code == exc.status and code is not None and code < 600:
            code = None  # twilio uses the HTTP status as code when the body had none
        return classify_twilio_error(exc.status, code, str(exc.msg or "Twilio error"))
    if isinstance(exc, TwilioServiceException):
        code = exc.code if isinstance(exc.code, int) else None
        message = exc.detail or exc.title or "Twilio error"
        return classify_twilio_error(exc.status, code, str(message))
    if isinstance(exc, requests.Timeout):
        return _result(code=None, http_status=None,
                       message="Twilio did not answer in time (timeout)",
                       explain_key="network", retryable=True, retry_after=NETWORK_RETRY_AFTER)
    if isinstance(exc, requests.RequestException):
        return _result(code=None, http_status=None,
                       message=f"Could not connect to Twilio ({type(exc).__name__})",
                       explain_key="network", retryable=True, retry_after=NETWORK_RETRY_AFTER)
    log.warning("unexpected error talking to Twilio: %s", redact(repr(exc)))
    return _result(code=None, http_status=None,
                   message=f"Unexpected error talking to Twilio ({type(exc).__name__})",
                   explain_key="generic", retryable=False)
