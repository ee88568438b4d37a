"""The opt-out stamping rule and the table search rule, on a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta

from wacampaign_desktop.core.services.search import search_condition
from wacampaign_desktop.core.store.contact_updates import set_opt_state
from wacampaign_desktop.core.store.models import Contact

T0 = datetime(2026, 1, 5, 9, 0)


def _reload(contact: Contact) -> Contact:
    return Contact.get_by_id(contact.id)


def test_opt_out_then_in_stamps_each_change_once(db):
    alice = Contact.create(phone="+33612345678", name="Alice")
    assert set_opt_state(alice.id, True, T0) is True
    assert _reload(alice).opted_out and _reload(alice).opted_out_at == T0

    # Opting out again changes nothing: the first opt-out time is kept.
    assert set_opt_state(alice.id, True, T0 + timedelta(hours=1)) is False
    assert _reload(alice).opted_out_at == T0

    later = T0 + timedelta(days=1)
    assert set_opt_state(alice.id, False, later) is True
    again = _reload(alice)
    assert not again.opted_out and again.opted_in_at == later and again.updated_at == later
    assert set_opt_state(alice.id, False, later + timedelta(hours=1)) is False
    assert _reload(alice).opted_in_at == later


def test_opting_in_a_contact_who_never_opted_out_changes_nothing(db):
    bob = Contact.create(phone="+33612345679", name="Bob")
    assert set_opt_state(bob.id, False, T0) is False
    assert _reload(bob).opted_in_at is None
    assert set_opt_state(999_999, True, T0) is False


def _names(text: str) -> list[str]:
    condition = search_condition(text, Contact.phone, Contact.name)
    query = Contact.select().order_by(Contact.id)
    if condition is not None:
        query = query.where(condition)
    return [c.name for c in query]


def test_search_matches_phone_digits_ignoring_punctuation_or_a_name_part(db):
    Contact.create(phone="+33612345678", name="Alice Martin")
    Contact.create(phone="+447700900123", name="Bob 06")
    assert _names("06 12-34") == []  # digits must appear in the number: 061234 does not
    assert _names("6 12-34") == ["Alice Martin"]
    assert _names("+44 7700") == ["Bob 06"]
    assert _names("mart") == ["Alice Martin"]
    assert _names("Bob 0") == ["Bob 06"]  # letters: a name part, not digits
    assert _names("   ") == ["Alice Martin", "Bob 06"]
    assert search_condition("", Contact.phone) is None


def test_search_without_a_name_field_matches_the_number_only(db):
    Contact.create(phone="+33612345678", name="Alice")
    condition = search_condition("alice", Contact.phone)
    assert Contact.select().where(condition).count() == 0
