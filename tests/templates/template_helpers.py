"""Helpers of the template tests."""

from __future__ import annotations

from wacampaign_desktop.core.store.models import Contact


def add_contacts(*people: tuple[str, str, dict]) -> list[int]:
    """(name, phone, fields) each; returns their ids."""
    return [Contact.create(name=name, phone=phone, fields=fields).id for name, phone, fields in people]
