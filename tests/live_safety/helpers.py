"""Live safety test helpers: a profile in live mode whose "Twilio" is a sandbox that enforces
the 24-hour window, contacts that wrote recently or long ago, a free-text campaign."""

from __future__ import annotations

import time
from datetime import timedelta

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.store.models import Campaign, Contact, ContentTemplate

INSIDE = ("+33611000001", "+33611000002")  # wrote an hour ago
OUTSIDE = ("+33611000003", "+33611000004")  # wrote 30 hours ago / never
DEMO = "+33612345601"  # a first-run demo contact
FALLBACK_BODY = "Hello {{1}}, news from the shop: reply to get them."


def go_live(context: AppContext, sandbox: SandboxServer) -> None:
    """Real-account settings (credentials, sandbox off) with Twilio's API at the sandbox."""
    s = context.settings
    s.use_sandbox, s.twilio_account_sid, s.sender, s.webhook_port = (
        False, sandbox.account_sid, DEFAULT_SENDER, 0)
    context.secrets.set(TWILIO_AUTH_TOKEN, sandbox.auth_token)
    context.save_settings()
    assert context.live


def start_window_sandbox(**overrides: object) -> SandboxServer:
    config = SandboxConfig(seed=3, step_latency=0.01, enforce_session_window=True, **overrides)
    server = SandboxServer(config)
    server.start()
    return server


def seed_contacts(context: AppContext, sandbox: SandboxServer | None = None,
                  demo: bool = True) -> None:
    """Two contacts inside the window (in the app and in the sandbox), two outside, and one
    demo contact that wrote recently (so only the demo rule can keep it out)."""
    now = context.clock.now()
    rows = [(INSIDE[0], "Inès", now - timedelta(hours=1)),
            (INSIDE[1], "Ivan", now - timedelta(hours=2)),
            (OUTSIDE[0], "Olga", now - timedelta(hours=30)),
            (OUTSIDE[1], "Oscar", None)]
    for phone, name, last in rows:
        Contact.create(phone=phone, name=name, last_inbound_at=last, fields={"city": "Lyon"})
    if demo:
        Contact.create(phone=DEMO, name="Camille Martin", is_demo=True, tags=["demo"],
                       last_inbound_at=now - timedelta(minutes=5))
    if sandbox is not None:  # the sandbox's own record of who wrote (its window is real time)
        for phone in (*INSIDE, DEMO):
            sandbox.state.note_inbound(phone, time.time() - 3600)


def fallback_template_sid(sandbox: SandboxServer | None) -> str:
    """An approved template the sandbox knows (its Content API catalogue when there is one)."""
    if sandbox is None or not hasattr(sandbox, "add_template"):
        return "HX" + "ab" * 16
    return sandbox.add_template("shop_news", FALLBACK_BODY, variables={"1": "Marie"}).sid


def store_template(sid: str, body: str = FALLBACK_BODY, status: str = "approved") -> None:
    """The template as a sync would have stored it locally."""
    ContentTemplate.create(sid=sid, friendly_name="shop_news", language="en", category="MARKETING",
                           approval_status=status, body=body, variables={"1": "Marie"})


def free_text_campaign(**fields: object) -> Campaign:
    values = {"name": "Spring", "body": "Hi {{name}}, our spring sale starts today!",
              "send_rate": 50.0, **fields}
    return Campaign.create(**values)
