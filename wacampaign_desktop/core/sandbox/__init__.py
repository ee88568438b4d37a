"""A local Twilio emulator on Waitress: the first-run demo and the honest test double."""

from wacampaign_desktop.core.sandbox.config import DEFAULT_SENDER, SandboxConfig
from wacampaign_desktop.core.sandbox.server import SandboxError, SandboxServer

__all__ = ["DEFAULT_SENDER", "SandboxConfig", "SandboxError", "SandboxServer"]
