"""Analytics figures equal a recount from the messages, on SQLite and PostgreSQL: funnel and
rates, failures by code, per-minute timeline, median and 90th percentile times, per-variant
funnels, a period that keeps only the messages that left within it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.analytics.helpers import START, recount, seeded_campaign
from tests.analytics.test_ab_stats import reference_p_value
from wacampaign_desktop.core.ab_stats import sentence
from wacampaign_desktop.core.services.analytics import AnalyticsService, Period

pytestmark = pytest.mark.both_engines


def test_funnel_failures_and_times_equal_a_recount(context):
    campaign_id = seeded_campaign(count=400)
    seeded_campaign("Other", count=50, seed=3)  # must not leak into the first one's figures
    report = AnalyticsService(context).report(campaign_id)
    ref = recount(campaign_id)

    f = report.funnel
    assert (f.total, f.sent, f.delivered, f.read, f.replied, f.failed) == (
        ref["total"], ref["sent"], ref["delivered"], ref["read"], ref["replied"], ref["failed"])
    assert f.sent > f.delivered > f.read > f.replied > 0
    assert f.rate("delivered") == pytest.approx(ref["delivered"] / ref["sent"])
    assert f.rate("read") == pytest.approx(ref["read"] / ref["sent"])
    assert f.step("read") == pytest.approx(ref["read"] / ref["delivered"])
    assert {row.code: row.count for row in report.failures} == ref["codes"]
    assert [row.count for row in report.failures] == sorted(ref["codes"].values(), reverse=True)
    assert sum(row.share for row in report.failures) == pytest.approx(1.0)

    median, p90 = ref["deliver"]
    assert report.deliver_time.median == pytest.approx(median, abs=1e-3)
    assert report.deliver_time.p90 == pytest.approx(p90, abs=1e-3)
    median, p90 = ref["read_time"]
    assert report.read_time.median == pytest.approx(median, abs=1e-3)
    assert report.read_time.p90 == pytest.approx(p90, abs=1e-3)
    assert report.read_time.p90 > report.read_time.median > report.deliver_time.median


def test_timeline_per_minute_equals_a_recount(context):
    campaign_id = seeded_campaign(count=300)
    report = AnalyticsService(context).report(campaign_id)
    assert report.timeline.unit == "minute"  # 300 messages, 3 s apart: a quarter of an hour
    got = {(at, series): n for at, counts in report.timeline.rows()
           for series, n in counts.items() if n}
    assert got == recount(campaign_id)["minutes"]
    assert report.timeline.totals()["sent"] == report.funnel.sent


def test_long_ranges_count_per_hour(context):
    campaign_id = seeded_campaign(count=200)
    seeded_campaign("Later", count=20, start=START + timedelta(hours=9))
    report = AnalyticsService(context).report(None)  # all campaigns: 9 hours
    assert report.timeline.unit == "hour"
    assert all(at.minute == 0 for at, _ in report.timeline.rows())
    assert report.timeline.totals()["sent"] == report.funnel.sent == recount()["sent"]
    assert recount(campaign_id)["sent"] < report.funnel.sent


def test_a_period_keeps_the_messages_that_left_within_it(context):
    campaign_id = seeded_campaign(count=400)
    since = START + timedelta(minutes=10)
    report = AnalyticsService(context).report(campaign_id, Period(since, None, "custom"))
    ref = recount(campaign_id, since=since)
    assert 0 < report.funnel.sent == ref["sent"] < recount(campaign_id)["sent"]
    assert (report.funnel.delivered, report.funnel.read) == (ref["delivered"], ref["read"])
    assert min(at for at, _ in report.timeline.rows()) == report.timeline.bucket_of(since)
    assert report.timeline.totals()["sent"] == ref["sent"]


def test_per_variant_rates_equal_a_recount(context):
    campaign_id = seeded_campaign(count=600, variants=("A", "B"), read_bias={"B": 0.6})
    report = AnalyticsService(context).report(campaign_id)
    assert [v.name for v in report.variants] == ["A", "B"]
    for variant in report.variants:
        ref = recount(campaign_id, variant=variant.name)
        f = variant.funnel
        assert (f.sent, f.delivered, f.read, f.replied) == (
            ref["sent"], ref["delivered"], ref["read"], ref["replied"])
        assert f.rate("read") == pytest.approx(ref["read"] / ref["sent"])
    verdict = report.comparisons[0]
    assert verdict.metric == "read"  # the deciding metric first
    a, b = recount(campaign_id, variant="A"), recount(campaign_id, variant="B")
    assert verdict.leader.name == "B" and (verdict.leader.hits, verdict.leader.trials) == (
        b["read"], b["sent"])
    assert verdict.p_value == pytest.approx(
        reference_p_value(b["read"], b["sent"], a["read"], a["sent"]), rel=1e-9)
    assert verdict.significant == (verdict.p_value < 0.05)
    assert sentence(verdict).startswith(
        f"B's read rate ({100 * b['read'] / b['sent']:.0f} %) is higher than "
        f"A's ({100 * a['read'] / a['sent']:.0f} %)")
    assert [c.metric for c in report.comparisons] == ["read", "delivered", "replied"]


def test_a_campaign_without_messages_has_empty_figures(context):
    from wacampaign_desktop.core.store.models import Campaign

    campaign = Campaign.create(name="Empty", body="Hi")
    report = AnalyticsService(context).report(campaign.id)
    assert report.funnel.sent == 0 and report.funnel.rate("delivered") is None
    assert report.failures == [] and report.variants == [] and report.comparisons == []
    assert report.deliver_time.median is None and report.timeline.rows() == []
    with pytest.raises(LookupError):
        AnalyticsService(context).report(campaign.id + 1)


def test_percentiles_of_a_sample_stay_close(context):
    """Past SAMPLE_AT_MOST stamps SQLite takes an evenly spread sample: still near the truth."""
    from wacampaign_desktop.core.store import analytics_queries as q

    campaign_id = seeded_campaign(count=3000, seed=11)
    median, p90 = recount(campaign_id)["read_time"]
    with context.db.atomic(lock_type="DEFERRED"), \
            q.narrowed(context.db, q.Scope(campaign_id)) as narrow:
        count, exact = q.durations(context.db, narrow, "read")
        sampled_count, sampled = q.durations(context.db, narrow, "read", sample_at_most=300)
    assert count == sampled_count == recount(campaign_id)["read"]
    assert exact[0.5] == pytest.approx(median, abs=1e-3) and exact[0.9] == pytest.approx(p90, abs=1e-3)
    assert sampled[0.5] == pytest.approx(median, rel=0.1)
    assert sampled[0.9] == pytest.approx(p90, rel=0.1)
    # a big campaign: only every 10th message's seconds are computed while copying
    with context.db.atomic(lock_type="DEFERRED"), q.narrowed(
            context.db, q.Scope(campaign_id), stamped=q.SAMPLE_AT_MOST * 10) as narrow:
        gated_count, gated = q.durations(context.db, narrow, "read")
        delivered_count, _ = q.durations(context.db, narrow, "deliver")
        points = q.timeline(context.db, narrow, "minute")
    assert gated_count == count
    # report() takes these counts from the timeline's totals instead of counting again
    assert sum(n for s, _at, n in points if s == "read") == gated_count
    assert sum(n for s, _at, n in points if s == "delivered") == delivered_count
    assert delivered_count == recount(campaign_id)["delivered"]
    assert gated[0.5] == pytest.approx(median, rel=0.15)
    assert gated[0.9] == pytest.approx(p90, rel=0.15)


def test_first_figures_are_the_reports_funnel_and_failures(context):
    campaign_id = seeded_campaign(count=300, variants=("A", "B"))
    service = AnalyticsService(context)
    for scope in ((campaign_id, None), (None, Period(START + timedelta(minutes=5), None, "custom"))):
        first, full = service.first_figures(*scope), service.report(*scope)
        assert not first.complete and full.complete
        assert first.funnel == full.funnel and first.failures == full.failures
        assert first.timeline.rows() == [] and first.variants == []
