"""Campaign drafts: one set of rules for the editor and the CLI, one stored A/B shape that
still reads campaigns stored in the older shape, and the service's actions without an engine."""

from __future__ import annotations

from datetime import datetime

import pytest

from wacampaign_desktop.core.engine.lifecycle import EngineError
from wacampaign_desktop.core.engine.recipients import prepare_rows
from wacampaign_desktop.core.services.campaigns import (
    CampaignDraft,
    CampaignLocked,
    CampaignsService,
    DraftError,
)
from wacampaign_desktop.core.services.queries import Queries
from wacampaign_desktop.core.store.models import Campaign, Contact

SID = "HX" + "0123456789abcdef" * 2


def test_an_empty_draft_names_each_missing_field():
    problems = CampaignDraft().validate()
    assert {k: p.code for k, p in problems.items()} == {"name": "name_missing",
                                                        "body": "body_missing"}
    assert all(p.field == k for k, p in problems.items())


def test_rules_name_the_field_they_concern():
    draft = CampaignDraft(name="Spring", body="x" * 1601, variants=[" "], media_url="http://a",
                          audience={"kind": "list", "contact_ids": []}, rate=500)
    problems = draft.validate()
    assert problems["body"].args == ("1601", "1600")
    assert set(problems) == {"body", "variant", "media", "audience", "rate"}

    template = CampaignDraft(name="T", kind="template", content_sid="HX12",
                             variables={"1": "name", "2": ""})
    assert set(template.validate()) == {"content_sid", "variables"}
    assert CampaignDraft(name="T", body="Hi", variables={"1": "name"}).validate()["variables"].code \
        == "variables_need_template"
    assert CampaignDraft(name="T", kind="template", content_sid=SID,
                         variables={"1": "name"}).validate() == {}


def test_unknown_placeholders_and_past_times_only_when_asked():
    draft = CampaignDraft(name="N", body="Hi {{nickname}}", scheduled_at=datetime(2020, 1, 1))
    assert draft.validate() == {}
    problems = draft.validate(known_fields=["name", "phone"], now=datetime(2026, 1, 1))
    assert problems["body"].code == "unknown_field" and problems["body"].args[0] == "{{nickname}}"
    assert problems["schedule"].code == "schedule_past"


def test_save_writes_one_variant_shape_and_refuses_invalid_drafts(db):
    with pytest.raises(DraftError) as caught:
        CampaignDraft(name="", body="Hi").save()
    assert "name" in caught.value.problems
    incomplete = CampaignDraft(name="Later")
    campaign_id = incomplete.save(complete=False)  # the editor keeps unfinished drafts
    assert Campaign.get_by_id(campaign_id).name == "Later"

    draft = CampaignDraft(name="A/B", body="A {{name}}", variants=["B {{name}}", "C {{name}}"])
    draft.save()
    stored = Campaign.get_by_id(draft.campaign_id)
    assert stored.variants == [{"name": "B", "body": "B {{name}}"},
                               {"name": "C", "body": "C {{name}}"}]


def test_both_stored_variant_shapes_read_and_send_alike(db):
    for i in range(4):
        Contact.create(phone=f"+3361234567{i}", name=f"P{i}")
    old = Campaign.create(name="cli", body="A", variants=[{"body": "B"}])
    new = Campaign.create(name="editor", body="A", variants=[{"name": "B", "body": "B"}])
    for row in (old, new):
        draft = CampaignDraft.from_campaign(row)
        assert draft.variants == ["B"]
        prep = prepare_rows(row)
        assert [(r["variant"], r["message"]) for r in prep.recipients] == [
            ("A", "A"), ("B", "B"), ("A", "A"), ("B", "B")]
    # Re-saving an old row rewrites it in the one shape, text kept.
    draft = CampaignDraft.from_campaign(old)
    draft.save()
    assert Campaign.get_by_id(old.id).variants == [{"name": "B", "body": "B"}]


def test_a_started_campaign_cannot_be_edited(db):
    row = Campaign.create(name="Live", body="Hi", state="sending")
    draft = CampaignDraft.from_campaign(row)
    draft.body = "changed"
    with pytest.raises(CampaignLocked):
        draft.save()
    assert Campaign.get_by_id(row.id).body == "Hi"


def test_actions_without_an_engine_change_the_stored_state(context):
    service = CampaignsService(context)
    row = Campaign.create(name="Run", body="Hi", state="sending")
    assert service.pause(row.id) == "paused"
    assert service.resume(row.id) == "sending"
    assert service.cancel(row.id) == "cancelled"
    with pytest.raises(EngineError, match="cannot be paused"):
        service.pause(row.id)
    with pytest.raises(EngineError, match="there is no campaign 999"):
        service.summary(999)
    summary = service.summary(row.id)
    assert summary["state"] == "cancelled" and summary["counters_consistent"]
    assert [c.name for c in Queries().campaigns()] == ["Run"]  # the one campaign listing


def test_preview_shows_missing_values_empty(db):
    contact = Contact.create(phone="+33612345670", name="Ana", fields={"city": "Lyon"})
    draft = CampaignDraft(name="P", body="Hi {{name}} {{zip}}", variants=["Yo {{city}}"])
    result = CampaignsService.preview(draft, contact)
    assert (result.body, result.missing) == ("Hi Ana ", ["zip"])
    assert CampaignsService.preview(draft, contact, "B").body == "Yo Lyon"
    assert draft.validate(known_fields=["name", "phone", "city"])["body"].args[0] == "{{zip}}"

