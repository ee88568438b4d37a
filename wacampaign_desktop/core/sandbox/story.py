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


def rng_for(seed: int | None, *parts: object) -> random.Random:
    if seed is None:
        return random.Random(secrets.randbits(64))
    return random.Random("|".join([str(seed), *map(str, parts)]))


def make_sid(prefix: str, seed: int | None, *parts: object) -> str:
    if seed is None:
        return prefix + secrets.token_hex(16)
    digest = hashlib.sha256("|".join([str(seed), prefix, *map(str, parts)]).encode()).hexdigest()
    return prefix + digest[:32]


OUTSIDE_WINDOW = ("failed", 63016, "Failed to send freeform message because you are outside "
                                   "the allowed window.")


def plan_story(config: SandboxConfig, to: str, n: int,
               forced_failure: tuple[str, int, str] | None = None,
               via_service: bool = False) -> Story:
    """Draw the fate of the n-th message to `to` (n counts from 0); `forced_failure` makes it
    end that way whatever the draw (e.g. 63016 outside the 24-hour window). Messages sent
    through a Messaging Service start `accepted`, then become `queued`, as on Twilio."""
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
    failure = FAILURES[rng.randrange(len(FAILURES))]
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
