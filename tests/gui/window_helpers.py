"""Opening the real main window the way a first run does: the profile's settings saved, the demo
contacts seeded, the window shown on fresh GUI services (the caller stops and closes them)."""

from __future__ import annotations

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.gui.first_run import seed_demo_contacts
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.services import GuiServices


def open_demo_window(qtbot, context: AppContext) -> MainWindow:
    """Save `context`'s settings, seed the demo contacts and show a MainWindow (its services are
    `window.services`; close them after the test)."""
    context.save_settings()
    seed_demo_contacts(context)
    services = GuiServices.create(context)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window
