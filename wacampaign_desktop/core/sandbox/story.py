"""Seeded per-message stories: the timeline of statuses and the callbacks Twilio would post.

A story is drawn from `random.Random(f"{seed}|{to}|{n}")` (n = how many times that recipient was
sent to before), so the same seed gives the same story whatever order threads send in.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import dataclass, field

from wacampaign_desktop.core.sandbox.config import FAILURES, SandboxConfig
from wacampaign_desktop.core.sandbox.demo import REPLY_TEXTS, fate_for


@dataclass(frozen=True)
class Step:
    """One status the message reaches `at` seconds after it was created."""

    at: float
    status: str
    error_code: int | None = None
    error_message: str | None = None


@dataclass(frozen=True)
class PlannedCallback:
    """A callback to post `at` seconds after creation (a step, possibly duplicated/reordered)."""

    at: float
    step: Step
    duplicate: bool = False


@dataclass
class Story:
    sid: str
    timeline: list[Step]
    callbacks: list[PlannedCallback] = field(default_factory=list)
    dropped: int = 0
    reply: str | None = None  # what the contact answers, `reply_at` s after creation
    reply_at: float | None = None


def rng_for(seed: int | None, *parts: object) -> random.Random:
    if seed is None:
        return random.Random(secrets.randbits(64))
    return random.Random("|".join([str(seed), *map(str, parts)]))


def make_sid(prefix: str, seed: int | None, *parts: object) -> str:
    if seed is None:
        return prefix + secrets.token_hex(16)
    digest = hashlib.sha256("|".join([str(seed), prefix, *map(str, parts)]).encode()).hexdigest()
    return prefix + digest[:32]


def plan_story(config: SandboxConfig, to: str, n: int,
               forced_failure: tuple[str, int, str] | None = None,
               via_service: bool = False, ordinal: int | None = None) -> Story:
    """Draw the fate of the n-th message to `to` (n counts from 0); `forced_failure` makes it
    end that way whatever the draw (e.g. 63016 outside the 24-hour window). Messages sent
    through a Messaging Service start `accepted`, then become `queued`, as on Twilio. With
    `config.script == "demo"` a recipient's first message follows the demo script (by the
    recipient's `ordinal`); a read message may get a reply (`reply_rate`, or the script)."""
    rng = rng_for(config.seed, "story", to, n)
    sid = make_sid("SM", config.seed, to, n)

    def gap() -> float:
        return config.step_latency * rng.uniform(0.5, 1.5)

    t = 0.0
    steps = [Step(0.0, "queued")]
    if via_service:
        t += gap() / 4
        steps = [Step(0.0, "accepted"), Step(t, "queued")]
    fails = rng.random() < config.failure_rate
    never_read = rng.random() < config.never_read_rate
    pool = FAILURES if config.failure_codes is None else tuple(
        f for f in FAILURES if f[1] in config.failure_codes)
    failure = pool[rng.randrange(len(pool))]
    reply_rng = rng_for(config.seed, "reply", to, n)  # its own draws: stories stay as before
    replies = reply_rng.random() < config.reply_rate
    reply = REPLY_TEXTS[reply_rng.randrange(len(REPLY_TEXTS))]
    if config.script == "demo" and n == 0 and ordinal is not None:
        fate = fate_for(ordinal)
        fails, never_read, replies = fate.failure is not None, fate.never_read, fate.replies
        failure, reply = fate.failure or failure, fate.reply or reply
    if forced_failure is not None:
        fails, failure = True, forced_failure
    t += gap()
    steps.append(Step(t, "sending"))
    if fails:
        final_status, code, message = failure
        if final_status == "undelivered":
            t += gap()
            steps.append(Step(t, "sent"))
        t += gap()
        steps.append(Step(t, final_status, code, message))
    else:
        for status in ("sent", "delivered"):
            t += gap()
            steps.append(Step(t, status))
        if not never_read:
            t += gap() * 2
            steps.append(Step(t, "read"))

    story = Story(sid=sid, timeline=steps)
    if replies and steps[-1].status == "read":
        story.reply = reply
        story.reply_at = t + config.reply_delay * reply_rng.uniform(0.5, 1.5)
    callbacks: list[PlannedCallback] = []
    for step in steps[1:]:  # Twilio posts no callback for the first status
        if rng.random() < config.drop_rate:
            story.dropped += 1
            continue
        callbacks.append(PlannedCallback(step.at, step))
        if rng.random() < config.duplicate_rate:
            callbacks.append(PlannedCallback(step.at + gap() / 2, step, duplicate=True))
    for i in range(len(callbacks) - 1):
        if rng.random() < config.reorder_rate:
            a, b = callbacks[i], callbacks[i + 1]
            callbacks[i] = PlannedCallback(a.at, b.step, b.duplicate)
            callbacks[i + 1] = PlannedCallback(b.at, a.step, a.duplicate)
    story.callbacks = callbacks
    return story
