"""RuntimeConfig: everything outside the profile that a Runtime is built from.

The profile (settings, secrets, database, clock) comes from the AppContext; this object holds
what the caller chooses: where live mode reaches Twilio, the sandbox's behaviour, the engine's
and webhook server's options, and the factories of the gateway and the tunnel (tests pass real
stand-ins, e.g. a tunnel manager pointed at the fake ngrok agent). The CLI fills `api_url` from
its `--api-url` option (default: the WACAMPAIGN_TWILIO_API_URL environment variable); nothing in
core reads the environment for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.engine.options import EngineOptions
from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

if TYPE_CHECKING:
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.tunnel import TunnelManager

GatewayFactory = Callable[[TwilioCredentials], TwilioGateway]
TunnelFactory = Callable[..., "TunnelManager"]  # called like TunnelManager(mode, bus, port, **kw)


@dataclass(frozen=True)
class RuntimeConfig:
    api_url: str | None = None  # live mode's Twilio API base URL; None = api.twilio.com
    sandbox: SandboxConfig | None = None  # sandbox mode's behaviour; None = SandboxConfig()
    engine: EngineOptions = field(default_factory=EngineOptions)
    webhook_options: Mapping[str, Any] = field(default_factory=dict)  # extra WebhookServer keywords
    gateway_factory: GatewayFactory = TwilioGateway
    tunnel_factory: TunnelFactory | None = None  # None = core.tunnel.TunnelManager
    clock: Clock | None = None  # None = the AppContext's clock
    auth_token: str | None = None  # live mode's token instead of the keyring's (serve: from the env)

    def with_legacy(self, sandbox_config: object | None = None,
                    engine_options: Mapping[str, Any] | None = None) -> RuntimeConfig:
        """This config with the older `Runtime(context, sandbox_config=…, engine_options={…})`
        keywords applied on top."""
        config = self
        if sandbox_config is not None:
            config = replace(config, sandbox=sandbox_config)
        if engine_options:
            config = replace(config, engine=replace(config.engine, **dict(engine_options)))
        return config
