"""Inbox: incoming WhatsApp messages by contact, and free-text replies inside the 24-hour window."""

from wacampaign_desktop.gui.inbox.view import InboxView

__all__ = ["InboxView"]
