"""A template campaign through the sandbox: per-recipient variables, the text each contact reads
stored with the message, every message read; and what stops a template campaign from starting,
named contact by contact."""

from __future__ import annotations

import json

import pytest
from template_helpers import add_contacts

from wacampaign_desktop.core.engine.rendering import fill_template_body, render_template_variables
from wacampaign_desktop.core.services.campaigns import CampaignDraft, CampaignsService, EngineError
from wacampaign_desktop.core.services.template_check import check_recipients
from wacampaign_desktop.core.services.templates import TemplatesService
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

pytestmark = pytest.mark.both_engines  # the check and the send on SQLite and PostgreSQL

PEOPLE = (("Ana Martin", "+33612345601", {"city": "Lyon"}),
          ("Bruno", "+33612345602", {"city": "Nantes"}),
          ("Chloé", "+33612345603", {"city": "Lille"}))


def _draft(template, **variables) -> CampaignDraft:
    return CampaignDraft(name="Pickup", kind="template", content_sid=template.sid,
                         variables=variables or {"1": "{{name}}", "2": "{{city}}"}, rate=50)


def test_render_template_variables_fills_fields_and_keeps_fixed_text():
    contact = {"name": "Ana", "phone": "+336", "fields": {"City": "Lyon"}}
    mapping = {"1": "{{name}}", "2": "Lyon shop", "3": "{{ city }} ({{phone}})", "4": "name"}
    assert render_template_variables(mapping, contact) == {
        "1": "Ana", "2": "Lyon shop", "3": "Lyon (+336)", "4": "Ana"}
    assert fill_template_body("Hi {{1}}, see you in {{2}} {{9}}", {"1": "Ana", "2": "Lyon"}) == \
        "Hi Ana, see you in Lyon {{9}}"


def test_template_campaign_sends_each_contacts_values_and_every_message_is_read(
        context, runtime, wait_until):
    TemplatesService(context).sync(runtime.gateway)
    template = TemplatesService(context).get("order_update")
    assert template.language == "en" and template.placeholders == ("1", "2")
    add_contacts(*PEOPLE)
    campaign_id = _draft(template).save()
    assert check_recipients(campaign_id) == []

    CampaignsService(context).start(campaign_id, runtime.engine)
    wait_until(lambda: Campaign.get_by_id(campaign_id).read_count == 3, 20, "every message read")

    rows = {m.phone: m for m in CampaignMessage.select().where(CampaignMessage.campaign == campaign_id)}
    assert rows["+33612345602"].content_variables == {"1": "Bruno", "2": "Nantes"}
    assert rows["+33612345601"].message == ("Hello Ana Martin, your order is ready for pickup at "
                                            "our Lyon shop.")
    sent = {m.to.removeprefix("whatsapp:"): m for m in runtime.sandbox.messages()}
    assert sent["+33612345603"].content_sid == template.sid
    assert json.loads(sent["+33612345603"].content_variables) == {"1": "Chloé", "2": "Lille"}
    assert sent["+33612345603"].body == "Hello Chloé, your order is ready for pickup at our Lille shop."
    assert {m.status for m in rows.values()} == {"read"}


def test_missing_or_invalid_value_blocks_the_start_and_names_contact_and_placeholder(
        context, runtime):
    TemplatesService(context).sync(runtime.gateway)
    template = TemplatesService(context).get("order_update")
    add_contacts(*PEOPLE, ("Dana", "+33612345604", {}),
                 ("Eve", "+33612345605", {"city": "Paris\nNord"}),
                 ("Fay", "+33612345606", {"city": "Paris      centre"}),
                 ("Gus", "+33612345607", {"city": "Pa\tris"}))
    campaign_id = _draft(template).save()

    problems = check_recipients(campaign_id)
    assert [(p.code, p.name, p.phone, p.variable) for p in problems] == [
        ("missing", "Dana", "+33612345604", "2"), ("newline", "Eve", "+33612345605", "2"),
        ("spaces", "Fay", "+33612345606", "2"), ("tab", "Gus", "+33612345607", "2")]
    assert problems[0].field == "city"
    assert problems[0].message == ("Dana (+33612345604): placeholder {{2}} has no value "
                                   "(the contact's 'city' is empty)")
    assert "contains a line break" in problems[1].message

    with pytest.raises(EngineError) as refused:
        CampaignsService(context).start(campaign_id, runtime.engine)
    assert "+33612345604 (Dana)" in str(refused.value) and "{{2}}" in str(refused.value)
    assert Campaign.get_by_id(campaign_id).state == "draft"
    assert runtime.sandbox.messages() == []


def test_a_template_not_synced_or_not_approved_or_unmapped_cannot_start(context, runtime):
    service = TemplatesService(context)
    add_contacts(*PEOPLE)
    unsynced = CampaignDraft(name="Old", kind="template", content_sid="HX" + "0" * 32,
                             variables={"1": "{{name}}"}).save()
    assert [p.code for p in check_recipients(unsynced)] == ["template_not_synced"]

    service.sync(runtime.gateway)
    pending = service.get("loyalty_points")
    pending_id = _draft(pending).save()
    [problem] = check_recipients(pending_id)
    assert (problem.code, problem.status, problem.template) == (
        "template_not_approved", "pending", "loyalty_points")
    assert "waiting for WhatsApp's approval" in problem.message

    unmapped_id = _draft(service.get("order_update"), **{"1": "{{name}}"}).save()
    assert [(p.code, p.variable) for p in check_recipients(unmapped_id)] == [("unmapped", "2")]
    for campaign_id in (unsynced, pending_id, unmapped_id):
        with pytest.raises(EngineError):
            runtime.engine.start_campaign(campaign_id)
    assert runtime.sandbox.messages() == []


def test_ab_versions_that_are_templates_and_a_used_fallback_are_checked(context, runtime):
    from wacampaign_desktop.core.engine.recipients import prepare_rows
    from wacampaign_desktop.core.engine.window import AudienceRules

    service = TemplatesService(context)
    service.sync(runtime.gateway)
    add_contacts(*PEOPLE)
    mapping = {"1": "{{name}}", "2": "{{city}}"}
    pending = Campaign.create(name="AB", body="Hi {{name}}", audience={"kind": "all"}, variants=[
        {"name": "B", "body": "", "content_sid": service.get("loyalty_points").sid,
         "content_variables": mapping}])
    assert [(p.code, p.template) for p in check_recipients(pending.id)] == [
        ("template_not_approved", "loyalty_points")]

    approved = Campaign.create(name="AB2", body="Hi {{name}}", audience={"kind": "all"}, variants=[
        {"name": "B", "body": "", "content_sid": service.get("order_update").sid,
         "content_variables": mapping}])
    assert check_recipients(approved.id) == []
    rows = {r["phone"]: r for r in prepare_rows(approved).recipients}
    assert rows["+33612345602"]["variant"] == "B"
    assert rows["+33612345602"]["message"] == ("Hello Bruno, your order is ready for pickup at "
                                               "our Nantes shop.")
    assert rows["+33612345601"]["message"] == "Hi Ana Martin"  # version A: the text

    held = Campaign.create(name="Window", body="Hi {{name}}", audience={"kind": "all"},
                           outside_window="template", fallback_content_sid="HX" + "1" * 32,
                           fallback_variables={"1": "{{name}}"})
    assert check_recipients(held.id) == []  # the sandbox: nobody gets the fallback
    live = AudienceRules(now=context.clock.now(), live=True, guard_window=True)
    assert [p.code for p in check_recipients(held.id, live)] == ["template_not_synced"]
