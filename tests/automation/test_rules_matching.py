"""Rules as the "try a message" box and `rules test` see them: keywords ignore case and accents,
the first match in order wins, an invalid regular expression is refused at save with a plain
message, business hours are read in the profile's time zone, a reply to a campaign matches its
rule, and outside the 24-hour window the rule's template is chosen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.cli.helpers import run
from wacampaign_desktop.core.services.rules import RuleProblem
from wacampaign_desktop.core.store.models import Campaign, Contact

HX = "HX" + "a" * 32


@pytest.mark.both_engines
def test_keywords_ignore_case_and_accents_and_the_first_match_wins(rules, db_engine):
    first = rules.save(rules.new_rule(name="Price", match_kind="exact", pattern="Prix",
                                      reply_text="Prices: example.com"))
    rules.save(rules.new_rule(name="Any", match_kind="contains", pattern="PRIX ÉLEVÉ",
                              reply_text="Thanks"))
    decision = rules.test("  PRÎX ! ")
    assert decision.outcome == "fired" and decision.rule.id == first.id
    assert decision.reply_text == "Prices: example.com"
    assert rules.test("Un prix  élevé ?").rule.name == "Any"  # not exactly "prix": the next
    assert rules.test("nothing here").outcome == "no_rule"
    rules.move(first.id, +1)
    assert [r.name for r in rules.list()] == ["Any", "Price"]
    assert rules.test("prix eleve").rule.name == "Any"
    rules.set_enabled(rules.list()[0].id, False)
    assert rules.test("Prix élevé").outcome == "no_rule"
    assert rules.test("prix").rule.name == "Price"


def test_an_invalid_regular_expression_is_refused_with_a_plain_message(rules):
    with pytest.raises(RuleProblem, match=r"Regular expression: “\(prix” is not valid"):
        rules.save(rules.new_rule(name="Bad", match_kind="regex", pattern="(prix",
                                  reply_text="x"))
    assert rules.list() == []
    rules.save(rules.new_rule(name="Good", match_kind="regex", pattern=r"\bcommande\s*\d+",
                              add_tag="orders"))
    decision = rules.test("Ma COMMANDE 42 est où ?")
    assert decision.rule.name == "Good" and decision.tag == "orders" and not decision.sends


def test_after_hours_in_the_profile_time_zone(rules, context):
    context.settings.business_timezone = "Europe/Paris"
    rules.save(rules.new_rule(name="Closed", match_kind="after_hours",
                              business_hours={"days": [0, 1, 2, 3, 4], "start": "09:00",
                                              "end": "18:00"},
                              reply_text="We are closed; we answer tomorrow."))
    monday_17h_paris = datetime(2026, 3, 2, 16, 30)  # UTC, winter: Paris = UTC+1
    monday_19h_paris = datetime(2026, 3, 2, 18, 30)
    saturday_noon = datetime(2026, 3, 7, 11, 0)
    assert rules.test("hi", at=monday_17h_paris).outcome == "no_rule"
    assert rules.test("hi", at=monday_19h_paris).rule.name == "Closed"
    assert rules.test("hi", at=saturday_noon).rule.name == "Closed"


def test_reply_to_a_campaign_and_the_template_outside_the_window(rules, context):
    spring = Campaign.create(name="Spring")
    other = Campaign.create(name="Other")
    rules.save(rules.new_rule(name="Spring replies", match_kind="campaign_reply",
                              campaign_id=spring.id, reply_text="Thanks for answering!",
                              reply_content_sid=HX, reply_content_variables={"1": "{{name}}"},
                              follow_up=True))
    assert rules.test("ok", campaign=other.id).outcome == "no_rule"
    assert rules.test("ok", campaign=spring.id).reply_text == "Thanks for answering!"
    now = context.clock.now()
    Contact.create(phone="+33612345003", name="Chloé", last_inbound_at=now - timedelta(days=2))
    late = rules.test("ok", contact="+33612345003", campaign=spring.id)
    assert late.content_sid == HX and late.content_variables == {"1": "Chloé"}
    assert late.follow_up
    Contact.update(opted_out_at=now).where(Contact.phone == "+33612345003").execute()
    assert rules.test("ok", contact="+33612345003", campaign=spring.id).skipped == "opted_out"


def test_rules_list_and_test_on_the_command_line(capsys, context, rules, tmp_path):
    rules.save(rules.new_rule(name="Prices", match_kind="contains", pattern="prix",
                              reply_text="See example.com"))
    data_dir = str(tmp_path / "profile")  # the context's profile
    code, out, _err = run(capsys, "rules", "list", "--data-dir", data_dir)
    assert code == 0 and "1. Prices: when message contains “prix” → reply “See example.com”" in out
    code, out, _err = run(capsys, "rules", "test", "Quel prix ?", "--data-dir", data_dir)
    assert code == 0 and out.strip() == "Rule “Prices” fires. It sends: “See example.com”."
    code, out, _err = run(capsys, "rules", "test", "STOP", "--data-dir", data_dir)
    assert out.strip() == "Opt-out wins: this is an opt-out word, so no rule fires."
    code, out, _err = run(capsys, "rules", "list", "--json", "--data-dir", data_dir)
    assert '"name": "Prices"' in out
