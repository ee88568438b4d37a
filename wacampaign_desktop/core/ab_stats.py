"""A/B statistics as pure functions: the two-proportion z-test at 95 %, the sample size per
variant that 80 % power would need at the observed rates, and `compare()`, the structured
verdict the GUI and the CLI put into words (`sentence()` is the CLI's English wording).

Reference formulas (any statistics textbook; checked by hand in tests/analytics):
- pooled p = (x1 + x2) / (n1 + n2); z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2));
  two-sided p-value = erfc(|z| / sqrt 2); significant when p-value < alpha.
- n per group = (z_{1-alpha/2} sqrt(2 pbar (1 - pbar)) + z_{power} sqrt(p1 q1 + p2 q2))² / (p1 - p2)²
  with pbar = (p1 + p2) / 2, rounded up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

ALPHA = 0.05  # 95 % confidence
POWER = 0.80
TOO_CLOSE = 10  # more than 10x the messages already sent per variant: "too close to call"


@dataclass(frozen=True)
class ZTest:
    z: float
    p_value: float
    significant: bool


def two_proportion_test(x1: int, n1: int, x2: int, n2: int, alpha: float = ALPHA) -> ZTest:
    """Two-sided two-proportion z-test (pooled). No test possible (n = 0, or every/no message
    counted in both): z 0, p-value 1, not significant."""
    if n1 <= 0 or n2 <= 0:
        return ZTest(0.0, 1.0, False)
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return ZTest(0.0, 1.0, False)
    z = (x1 / n1 - x2 / n2) / math.sqrt(variance)
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return ZTest(z, p_value, p_value < alpha)


def sample_size_per_variant(p1: float, p2: float, alpha: float = ALPHA,
                            power: float = POWER) -> int | None:
    """Messages per variant a test needs to tell p1 from p2 (None when p1 == p2: no size does)."""
    if p1 == p2:
        return None
    normal = NormalDist()
    z_alpha = normal.inv_cdf(1 - alpha / 2)
    z_power = normal.inv_cdf(power)
    p_bar = (p1 + p2) / 2
    top = (z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))
           + z_power * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))
    return math.ceil(top * top / ((p1 - p2) ** 2))


@dataclass(frozen=True)
class Arm:
    """One variant's count for a metric: `hits` of `trials` (e.g. read of sent)."""

    name: str
    hits: int
    trials: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.trials if self.trials else None


@dataclass(frozen=True)
class Comparison:
    """The verdict for one metric between the leading variant and the runner-up.

    verdict: "significant" (the leader is better at 95 %), "not_yet" (a difference, not
    significant: `more_needed` more messages per variant would tell), "too_close" (so small
    that it would take over TOO_CLOSE times the messages sent so far: likely chance), "same"
    (equal rates so far), "too_few" (a variant has no message yet).
    """

    metric: str  # "delivered" | "read" | "replied"
    leader: Arm
    other: Arm
    p_value: float
    significant: bool
    verdict: str
    more_needed: int | None = None

    def as_dict(self) -> dict:
        return {"metric": self.metric, "leader": self.leader.name,
                "leader_rate": self.leader.rate, "other": self.other.name,
                "other_rate": self.other.rate, "p_value": round(self.p_value, 6),
                "significant": self.significant, "verdict": self.verdict,
                "more_needed": self.more_needed, "sentence": sentence(self)}


def compare(metric: str, arms: list[Arm]) -> Comparison | None:
    """The best variant against the runner-up for `metric` (None with fewer than two)."""
    if len(arms) < 2:
        return None
    ranked = sorted(arms, key=lambda a: (-(a.rate if a.rate is not None else -1.0), a.name))
    leader, other = ranked[0], ranked[1]
    if not leader.trials or not other.trials:
        return Comparison(metric, leader, other, 1.0, False, "too_few")
    test = two_proportion_test(leader.hits, leader.trials, other.hits, other.trials)
    if leader.rate == other.rate:
        return Comparison(metric, leader, other, test.p_value, False, "same")
    if test.significant:
        return Comparison(metric, leader, other, test.p_value, True, "significant")
    needed = sample_size_per_variant(leader.rate or 0.0, other.rate or 0.0)
    have = min(leader.trials, other.trials)
    more = max(0, needed - have) if needed is not None else None
    verdict = "too_close" if more is not None and more > TOO_CLOSE * have else "not_yet"
    return Comparison(metric, leader, other, test.p_value, False, verdict, more)


_METRIC_WORDS = {"delivered": "delivery rate", "read": "read rate", "replied": "reply rate"}


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f} %"


def sentence(c: Comparison) -> str:
    """The verdict in plain English (the CLI's words; the GUI words the same data itself)."""
    what = _METRIC_WORDS.get(c.metric, c.metric)
    if c.verdict == "too_few":
        return f"{what.capitalize()}: not enough messages in every variant yet to compare."
    if c.verdict == "same":
        return (f"{c.leader.name} and {c.other.name} have the same {what} so far "
                f"({_pct(c.leader.rate)}).")
    head = (f"{c.leader.name}'s {what} ({_pct(c.leader.rate)}) is higher than "
            f"{c.other.name}'s ({_pct(c.other.rate)})")
    if c.verdict == "significant":
        return f"{head}; the difference is significant at 95 %."
    if c.verdict == "too_close":
        return (f"{c.leader.name}'s {what} ({_pct(c.leader.rate)}) and {c.other.name}'s "
                f"({_pct(c.other.rate)}) are too close to call: the difference is likely chance.")
    if c.more_needed:
        return (f"{head}; not significant yet: about {c.more_needed:,} more messages per "
                "variant would tell.")
    return f"{head}; not significant yet."
