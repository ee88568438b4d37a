"""Qt-free core: storage, status rules, settings and secrets, Twilio gateway, sandbox, webhooks,
tunnel and campaign engine. Nothing under this package may import PySide6 (a test enforces it)."""
