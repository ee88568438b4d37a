"""Signed webhook posts as Twilio makes them: form-encoded, `X-Twilio-Signature` over the exact
URL, one retry when the connection fails (never when the receiver answered with any status)."""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from twilio.request_validator import RequestValidator

log = logging.getLogger(__name__)

_local = threading.local()


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def thread_session(url: str) -> requests.Session:
    """A keep-alive session owned by the calling thread (one for loopback targets, which skips
    the per-request scan of the environment for proxies, and one for the rest)."""
    local = urlsplit(url).hostname in _LOOPBACK
    name = "local_session" if local else "session"
    session = getattr(_local, name, None)
    if session is None:
        session = requests.Session()
        session.trust_env = not local
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=4, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        setattr(_local, name, session)
    return session


class Signer:
    """Computes Twilio's signature with one auth token."""

    def __init__(self, auth_token: str) -> None:
        self._validator = RequestValidator(auth_token)

    def signature(self, url: str, params: dict[str, str]) -> str:
        return self._validator.compute_signature(url, params)


def post_signed(
    signer: Signer,
    url: str,
    params: dict[str, str],
    *,
    timeout: tuple[float, float] = (5.0, 15.0),
    headers: dict[str, str] | None = None,
) -> int | None:
    """POST `params` to `url`; returns the HTTP status, or None when the receiver was unreachable
    twice (Twilio retries once, only when the connection fails)."""
    all_headers = {"X-Twilio-Signature": signer.signature(url, params),
                   "User-Agent": "TwilioProxy/1.1"}
    if headers:
        all_headers.update(headers)
    for attempt in (1, 2):
        try:
            # Reading the body (requests does) returns the connection to the pool; calling
            # response.close() would close the socket and lose keep-alive.
            response = thread_session(url).post(url, data=params, headers=all_headers,
                                             timeout=timeout)
            return response.status_code
        except (requests.ConnectionError, requests.Timeout) as exc:
            # A read timeout is not retried by Twilio; a refused/failed connection is.
            if isinstance(exc, requests.ReadTimeout) or attempt == 2:
                log.info("webhook to %s failed (%s); dropped", url, type(exc).__name__)
                return None
    return None
