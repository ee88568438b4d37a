"""Once the account is live: offer to delete the first-run demo contacts (fictional numbers that
belong to the sandbox; they are never sent to in live mode, but they clutter the contacts and
the audience counts). Asked at most once per window session.

Role C's connect dialog calls `offer_demo_cleanup(self, services)` after a successful live
connect; the main window calls it too when the runtime comes up live.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

OFFERED = "_demo_cleanup_offered"  # attribute set on GuiServices once asked



def offer_demo_cleanup(parent: QWidget | None, services: GuiServices) -> bool:
    """Ask to delete the demo contacts (if any, once); True when they were deleted."""
    if getattr(services, OFFERED, False):
        return False
    count = services.contacts.demo_contacts_count()
    if count == 0:
        return False
    setattr(services, OFFERED, True)
    box = QMessageBox(parent)
    box.setObjectName("demoCleanupMessage")
    box.setIcon(QMessageBox.Icon.Question)
    translate = QCoreApplication.translate
    box.setWindowTitle(translate("DemoCleanup", "Demo contacts"))
    box.setText(translate("DemoCleanup", "Delete the demo contact?") if count == 1 else
                translate("DemoCleanup", "Delete the %1 demo contacts?").replace("%1", str(count)))
    box.setInformativeText(translate(
        "DemoCleanup",
        "They were added for trying the app with the built-in sandbox and have made-up "
        "numbers. Now that you send real WhatsApp messages, they are never sent to, but they "
        "still show in your contacts."))
    delete = box.addButton(translate("DemoCleanup", "Delete demo contacts"),
                           QMessageBox.ButtonRole.AcceptRole)
    delete.setObjectName("deleteDemoContacts")
    keep = box.addButton(translate("DemoCleanup", "Keep them"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepDemoContacts")
    box.setDefaultButton(delete)
    box.setEscapeButton(keep)
    box.exec()
    if box.clickedButton() is not delete:
        return False
    deleted = services.contacts.delete_demo_contacts()
    log.info("Deleted %d demo contact(s) after going live", deleted)
    return deleted > 0
