"""Sandbox knobs (all seedable) and Twilio's documented magic test numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

API_VERSION = "2010-04-01"
DEFAULT_SENDER = "whatsapp:+14155238886"  # Twilio's WhatsApp sandbox number

# Twilio's magic "To" numbers (test credentials docs): number -> (HTTP status, code, message)
MAGIC_TO: dict[str, tuple[int, int, str]] = {
    "+15005550001": (400, 21211, "The 'To' number {to} is not a valid phone number."),
    "+15005550002": (400, 21612, "Twilio cannot route to this number."),
    "+15005550003": (400, 21408, "Permission to send an SMS has not been enabled for the region "
                                 "indicated by the 'To' number: {to}."),
    "+15005550004": (400, 21610, "Attempt to send to unsubscribed recipient"),
    "+15005550009": (400, 21614, "'To' number {to} is not a valid mobile number"),
}
# Magic "From" numbers; any other From is accepted (the sandbox owns every sender).
MAGIC_FROM: dict[str, tuple[int, int, str]] = {
    "+15005550001": (400, 21212, "The 'From' number {sender} is not a valid phone number, "
                                 "shortcode, or alphanumeric sender ID."),
    "+15005550007": (400, 21606, "The From phone number {sender} is not a valid, SMS-capable "
                                 "inbound phone number or short code for your account."),
    "+15005550008": (400, 21611, "This 'From' number has exceeded the maximum number of queued "
                                 "messages"),
}

# Delivery failures drawn by `failure_rate`: (final status, code, channel message)
FAILURES: tuple[tuple[str, int, str], ...] = (
    ("undelivered", 30003, "Unreachable destination handset"),
    ("undelivered", 30005, "Unknown destination handset"),
    ("undelivered", 30006, "Landline or unreachable carrier"),
    ("undelivered", 30007, "Message filtered"),
    ("undelivered", 30008, "Unknown error"),
    ("failed", 63003, "Channel could not find To address"),
    ("failed", 63016, "Failed to send freeform message because you are outside the allowed "
                      "window."),
    ("failed", 63024, "Invalid message recipient"),
    ("undelivered", 63032, "User's number is part of an experiment"),
    ("failed", 63049, "Meta chose not to deliver this WhatsApp marketing message."),
)

# Failures the sandbox produces by rule or by the demo script (not drawn by failure_rate)
_BY_CODE = {code: (status, code, text) for status, code, text in FAILURES}
OUTSIDE_WINDOW = _BY_CODE[63016]
MARKETING_LIMIT = _BY_CODE[63049]
INVALID_RECIPIENT = _BY_CODE[63024]
UNKNOWN_ERROR = _BY_CODE[30008]
TEMPLATE_MISSING = ("failed", 63027, "Template does not exist for a language and locale")
PARAMETER_COUNT = ("failed", 63028, "Number of parameters provided does not match the expected "
                                    "number of parameters")


@dataclass
class SandboxConfig:
    """Everything the sandbox can be told. Rates are shares in [0, 1]; times are seconds.

    The same `seed` gives the same story: each message's fate is drawn from
    (seed, recipient, how many times that recipient was sent to), so thread order is irrelevant.
    """

    port: int = 0
    seed: int | None = None
    step_latency: float = 0.2  # mean delay between two statuses (jittered ±50 %)
    failure_rate: float = 0.0  # share of messages ending failed/undelivered
    failure_codes: tuple[int, ...] | None = None  # failure_rate draws only these FAILURES codes
    never_read_rate: float = 0.0  # share of delivered messages never read
    duplicate_rate: float = 0.0  # share of callbacks posted twice
    reorder_rate: float = 0.0  # share of callbacks swapped with the next one
    drop_rate: float = 0.0  # share of callbacks never posted
    callback_before_response: bool = False  # post the first callback before answering the create
    rate_limit_per_s: float | None = None  # above it: HTTP 429, code 20429
    incoming_url: str | None = None  # where simulate_reply() posts incoming messages
    callbacks_enabled: bool = True
    enforce_session_window: bool = False  # free text fails 63016 unless the contact wrote <24 h ago
    server_error_rate: float = 0.0  # share of creates answered HTTP 500 (code 20500)
    api_latency: float = 0.0  # extra delay before each API answer
    problem_details: bool = False  # errors in RFC 9457 shape (twilio raises TwilioServiceException)
    account_sid: str | None = None  # default: derived from the seed
    auth_token: str | None = None  # default: derived from the seed
    host: str = "127.0.0.1"  # loopback only; the app never exposes the sandbox
    threads: int = 4  # Waitress worker threads (more only adds GIL contention)
    callback_workers: int = 4  # threads posting callbacks
    callback_timeout: tuple[float, float] = (5.0, 15.0)  # connect, read (Twilio's defaults)
    reply_rate: float = 0.0  # share of read messages the contact answers (demo-style replies)
    reply_delay: float = 2.0  # mean seconds between "read" and the reply (jittered ±50 %)
    seed_templates: bool = True  # the Content API starts with the demo catalogue (content.py)
    # "services" | "senders" | "phone_numbers" -> HTTP status (403 no permission, 404 none)
    resource_errors: dict[str, int] = field(default_factory=dict)
    # "demo": each new recipient's first message follows demo.py's script; None = rates only
    script: str | None = None

    @classmethod
    def demo(cls, **overrides: object) -> SandboxConfig:
        """The first-run demo: failures with real codes, messages never read, a few replies
        (a question, a thank-you, one STOP) within seconds. See sandbox/demo.py."""
        from wacampaign_desktop.core.sandbox.demo import demo_config

        return demo_config(cls, **overrides)

    def validate(self) -> list[str]:
        problems = []
        for name in ("failure_rate", "never_read_rate", "duplicate_rate", "reorder_rate",
                     "drop_rate", "server_error_rate", "reply_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                problems.append(f"{name}: must be between 0 and 1 (got {value})")
        if self.step_latency < 0 or self.api_latency < 0:
            problems.append("step_latency/api_latency: must not be negative")
        for name, status in self.resource_errors.items():
            if name not in ("services", "senders", "phone_numbers") or status not in (403, 404):
                problems.append(f"resource_errors: {name}={status} (services|senders|"
                                "phone_numbers -> 403|404)")
        known = {code for _, code, _ in FAILURES}
        if self.failure_codes is not None and (not self.failure_codes
                                               or set(self.failure_codes) - known):
            problems.append(f"failure_codes: each must be one of {sorted(known)}")
        if self.script not in (None, "demo"):
            problems.append(f"script: {self.script!r} (None or 'demo')")
        if self.rate_limit_per_s is not None and self.rate_limit_per_s <= 0:
            problems.append("rate_limit_per_s: must be positive")
        return problems
