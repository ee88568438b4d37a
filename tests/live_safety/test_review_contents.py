"""The launch review: counts, first message, rate and duration, blocking problems."""

from __future__ import annotations

from tests.live_safety.helpers import (
    DEMO,
    INSIDE,
    free_text_campaign,
    go_live,
    seed_contacts,
    start_window_sandbox,
    store_template,
)
from wacampaign_desktop.core.services.launch_review import LaunchReviews, duration_words
from wacampaign_desktop.core.store.models import Contact

SID = "HX" + "ef" * 16


def test_live_review_counts_every_kind_of_recipient(context):
    sandbox = start_window_sandbox()
    try:
        go_live(context, sandbox)
    finally:
        sandbox.stop()
    seed_contacts(context)
    Contact.create(phone="+33611000009", name="Stop", opted_out_at=context.clock.now())
    Contact.create(phone="12", name="Broken")
    campaign = free_text_campaign(send_rate=0.01)
    review = LaunchReviews(context).review(campaign.id)
    assert review.live and review.needs_confirmation and not review.blocked
    assert (review.to_send, review.free_text, review.template, review.held) == (2, 2, 0, 2)
    assert (review.opted_out, review.invalid, review.demo_excluded) == (1, 1, 1)
    assert review.window_checked and review.sender.startswith("whatsapp:+")
    assert review.first_recipient == INSIDE[0]
    assert review.first_message == "Hi Inès, our spring sale starts today!"
    assert review.duration_text() == "about 4 minutes"  # 2 messages at 0.01 a second

    store_template(SID)
    campaign.outside_window, campaign.fallback_content_sid = "template", SID
    campaign.fallback_variables = {"1": "{{name}}"}
    campaign.save()
    review = LaunchReviews(context).review(campaign.id)
    assert (review.to_send, review.free_text, review.fallback, review.held) == (4, 2, 2, 0)
    assert any("with the template shop_news" in line for line in review.lines())


def test_sandbox_review_needs_no_confirmation_and_keeps_demo_contacts(context):
    seed_contacts(context)
    review = LaunchReviews(context).review(free_text_campaign().id)
    assert not review.live and not review.needs_confirmation
    assert review.to_send == 5 and review.demo_excluded == 0 and not review.window_checked


def test_a_live_audience_of_demo_contacts_only_is_blocked(context):
    sandbox = start_window_sandbox()
    try:
        go_live(context, sandbox)
    finally:
        sandbox.stop()
    Contact.create(phone=DEMO, name="Camille", is_demo=True)
    review = LaunchReviews(context).review(free_text_campaign().id)
    assert review.blocked and review.demo_excluded == 1
    assert "nobody to send to" in review.problems[0]


def test_duration_in_plain_words():
    assert duration_words(20) == "less than a minute"
    assert duration_words(61) == "about 2 minutes"
    assert duration_words(3600 * 2 + 60 * 5) == "about 2 hours 5 minutes"
