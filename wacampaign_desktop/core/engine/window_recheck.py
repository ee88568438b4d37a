"""The 24-hour window checked again before free text is sent later than it was prepared: a
campaign resumed after a pause, failed messages retried. A pending free-text message whose
contact's window has closed since is held (skipped, skip_reason "outside_window") or, when the
campaign chose the fallback template, switched to it (its `content_variables` set, so the
dispatcher sends the template). Messages being sent (claimed) are left alone.
"""

from __future__ import annotations

import logging

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.engine.recipients import HELD_MESSAGE, template_text
from wacampaign_desktop.core.engine.rendering import RenderError, render
from wacampaign_desktop.core.engine.window import AudienceRules
from wacampaign_desktop.core.events import Event
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact
from wacampaign_desktop.core.store.status_pipeline import status_changes

log = logging.getLogger(__name__)


def recheck_pending(campaign_id: int, audience: AudienceRules, *, db: peewee.Database | None = None,
                    clock: Clock = SYSTEM_CLOCK) -> list[Event]:
    """Hold or switch to the fallback template the campaign's pending free-text messages to
    contacts now outside the window; returns the events to publish after commit."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None or campaign.content_sid or not audience.guard_window:
        return []
    fallback = campaign.fallback_content_sid if campaign.outside_window == "template" else None
    query = (CampaignMessage.select(CampaignMessage, Contact)
             .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMessage.contact == Contact.id))
             .where((CampaignMessage.campaign == campaign_id)
                    & (CampaignMessage.status == rules.PENDING)
                    & CampaignMessage.claimed_at.is_null()
                    & CampaignMessage.content_variables.is_null()))
    held = switched = 0
    with status_changes(db, clock) as changes:
        for message in query:
            contact = message.contact
            if contact is None or audience.inside(contact.last_inbound_at):
                continue
            if fallback:
                try:
                    variables = render(body="", content_sid=fallback,
                                       variables=campaign.fallback_variables or {},
                                       contact_id=contact.id, name=contact.name,
                                       phone=message.phone, custom=contact.fields)
                    values = dict(variables.content_variables or {})
                except RenderError:
                    values = None
                if values is not None:
                    CampaignMessage.update(
                        content_variables=values,
                        message=template_text(fallback, values) or message.message).where(
                        CampaignMessage.id == message.id).execute()
                    switched += 1
                    continue
            changes.transition(message, rules.SKIPPED, error_message=HELD_MESSAGE,
                               skip_reason="outside_window")
            held += 1
    if held or switched:
        log.info("Campaign %d: %d message(s) held and %d switched to the fallback template, "
                 "their 24-hour window having closed", campaign_id, held, switched)
    return list(changes.events)
