"""Public URL for Twilio's webhooks: local only, the user's own URL, or an ngrok tunnel."""

from wacampaign_desktop.core.tunnel.health import check_reaches_app
from wacampaign_desktop.core.tunnel.manager import MODES, TunnelManager
from wacampaign_desktop.core.tunnel.ngrok_agent import TunnelError

__all__ = ["MODES", "TunnelError", "TunnelManager", "check_reaches_app"]
