"""The banner text for a tunnel that could not start (core Alert "tunnel_down" from the runtime),
in the interface language: what failed, what still works, and where to change it, naming the
menu and the dialog's section exactly as the window shows them (so "Fichier → Connecter
Twilio…" in French). The failure's reason comes from ngrok or the core and stays as given."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.core.events import Alert

# The core's English sentence (core/runtime.tunnel_failed_alert), read when the Alert's details
# do not carry the reason and the local address separately.
_CORE_SENTENCE = re.compile(
    r"could not be set up: (?P<reason>.*)\. Sending still works and webhooks are received on "
    r"this computer \((?P<local_url>[^)]*)\)", re.S)


def _menu_path() -> str:
    """File → Connect Twilio… and the dialog's section, in the words the window shows."""
    file_menu = QCoreApplication.translate("MainWindow", "&File").replace("&", "")
    action = QCoreApplication.translate("MainWindow", "Connect Twilio…")
    section = QCoreApplication.translate("ConnectTwilioForm", "How Twilio reaches this computer")
    return QCoreApplication.translate(
        "Alerts", "To change it, open %1 → %2 and pick another choice under “%3”.").replace(
        "%1", file_menu).replace("%2", action).replace("%3", section)


def tunnel_down_text(alert: Alert) -> str | None:
    """The translated text of the runtime's tunnel_down Alert; None for any other alert (or a
    tunnel_down whose words this does not recognise: its own message is then shown)."""
    details = alert.details or {}
    mode = details.get("mode")
    if alert.code != "tunnel_down" or not mode:
        return None
    reason, local_url = details.get("reason"), details.get("local_url")
    if not (reason and local_url):
        match = _CORE_SENTENCE.search(alert.message)
        if match is None:
            return None
        reason, local_url = match["reason"], match["local_url"]
    reason = str(reason).rstrip(".")
    if mode == "ngrok":
        what = QCoreApplication.translate("Alerts", "The ngrok tunnel could not be set up: %1.")
    elif mode == "own_url":
        what = QCoreApplication.translate("Alerts", "Your own public address could not be set up: %1.")
    else:
        what = QCoreApplication.translate("Alerts", "The public webhook address could not be set up: %1.")
    works = QCoreApplication.translate(
        "Alerts", "Sending still works and webhooks are received on this computer (%1), but "
        "Twilio's status updates cannot reach it.")
    return " ".join((what.replace("%1", reason), works.replace("%1", str(local_url)), _menu_path()))
