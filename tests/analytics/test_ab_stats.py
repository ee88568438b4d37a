"""The A/B verdict against a reference computed by hand: the pooled two-proportion z-test, the
sample size for 80 % power at 95 %, and the plain sentence built from them."""

from __future__ import annotations

import math

import pytest

from wacampaign_desktop.core.ab_stats import (
    Arm,
    compare,
    sample_size_per_variant,
    sentence,
    two_proportion_test,
)

Z_95 = 1.959964  # two-sided 95 %
Z_80 = 0.841621  # 80 % power


def reference_p_value(x1: int, n1: int, x2: int, n2: int) -> float:
    p = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return 2 * (1 - 0.5 * (1 + math.erf(abs(z) / math.sqrt(2))))


def reference_size(p1: float, p2: float) -> int:
    p_bar = (p1 + p2) / 2
    top = Z_95 * math.sqrt(2 * p_bar * (1 - p_bar)) + Z_80 * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top ** 2 / (p1 - p2) ** 2)


def test_z_test_matches_the_formula_and_a_textbook_value():
    test = two_proportion_test(410, 1000, 330, 1000)
    assert test.z == pytest.approx(3.7051, abs=1e-3)  # 0.08 / sqrt(.37 × .63 × 2/1000)
    assert test.p_value == pytest.approx(reference_p_value(410, 1000, 330, 1000), rel=1e-9)
    assert test.p_value == pytest.approx(0.000211, abs=5e-6)
    assert test.significant
    close = two_proportion_test(41, 100, 33, 100)
    assert close.p_value == pytest.approx(reference_p_value(41, 100, 33, 100), rel=1e-9)
    assert 0.2 < close.p_value < 0.3 and not close.significant


def test_sample_size_matches_the_textbook_formula():
    assert sample_size_per_variant(0.41, 0.33) == reference_size(0.41, 0.33)
    assert sample_size_per_variant(0.10, 0.15) == 686  # the classic worked example
    assert sample_size_per_variant(0.3, 0.3) is None


def test_significant_difference_sentence():
    verdict = compare("read", [Arm("A", 330, 1000), Arm("B", 410, 1000)])
    assert (verdict.leader.name, verdict.other.name, verdict.verdict) == ("B", "A", "significant")
    assert sentence(verdict) == ("B's read rate (41 %) is higher than A's (33 %); "
                                 "the difference is significant at 95 %.")


def test_not_significant_yet_says_how_many_more():
    verdict = compare("read", [Arm("A", 33, 100), Arm("B", 41, 100)])
    more = reference_size(0.41, 0.33) - 100
    assert verdict.verdict == "not_yet" and verdict.more_needed == more
    assert sentence(verdict) == (f"B's read rate (41 %) is higher than A's (33 %); not "
                                 f"significant yet: about {more:,} more messages per variant "
                                 "would tell.")


def test_equal_rates_and_empty_variants():
    same = compare("delivered", [Arm("A", 50, 100), Arm("B", 50, 100)])
    assert same.verdict == "same" and not same.significant
    assert "same delivery rate" in sentence(same)
    empty = compare("replied", [Arm("A", 3, 10), Arm("B", 0, 0)])
    assert empty.verdict == "too_few" and "not enough messages" in sentence(empty)
    assert compare("read", [Arm("A", 1, 2)]) is None


def test_three_variants_compare_the_best_two():
    verdict = compare("read", [Arm("A", 30, 100), Arm("B", 60, 100), Arm("C", 45, 100)])
    assert (verdict.leader.name, verdict.other.name) == ("B", "C")
    assert verdict.p_value == pytest.approx(reference_p_value(60, 100, 45, 100), rel=1e-9)


def test_a_tiny_difference_is_too_close_to_call():
    verdict = compare("delivered", [Arm("A", 369, 450), Arm("B", 368, 450)])
    assert verdict.verdict == "too_close" and verdict.more_needed > 10 * 450
    assert sentence(verdict) == ("A's delivery rate (82 %) and B's (82 %) are too close to call: "
                                 "the difference is likely chance.")
