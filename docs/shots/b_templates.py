"""Screenshot of the campaign editor's template picker, with the placeholders mapped, the preview
for one recipient, and a contact without a city listed as what stops the start.

    python docs/shots/b_templates.py            # English and French, Xvfb started if needed
    python docs/shots/b_templates.py --lang fr  # one language

Saves docs/screenshots/template_picker.png and docs/screenshots/fr/template_picker.png. The
templates come from the built-in sandbox's Content API (synced by the editor itself).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from take_screenshots import (  # noqa: E402
    EXTRA_CONTACTS,
    run_each_language,
    settle,
    shoot,
    wait_until,
)


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.store.models import Contact
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.editor import CampaignEditorDialog
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.services import GuiServices

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-b-")))
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)
    for phone, name, city, tags in EXTRA_CONTACTS:
        Contact.create(phone=phone, name=name, fields={"city": city}, tags=["demo", *tags])
    Contact.create(phone="+33612345618", name="Hugo Petit", fields={}, tags=["demo"])
    services = GuiServices.create(context)
    services.runtime_controller.start(
        lambda ctx: Runtime(ctx, sandbox_config=SandboxConfig(seed=42, step_latency=0.05)))
    wait_until(app, lambda: services.runtime is not None or bool(services.runtime_error), 60,
               "the sending service")
    editor = CampaignEditorDialog(services)
    try:
        ui, panel = editor.ui, editor.template_panel
        ui.nameEdit.setText("Retrait de commande" if lang == "fr" else "Order pickup")
        ui.templateRadio.setChecked(True)
        editor.resize(1240, 820)
        editor.show()
        picker = panel.picker
        wait_until(app, lambda: len(picker.model.templates) >= 10, 30, "the template sync")
        picker.languageCombo.setCurrentIndex(picker.languageCombo.findData(lang))
        row = next(i for i, t in enumerate(picker.model.templates)
                   if t.name == "order_update")
        picker.table.selectRow(row)
        wait_until(app, lambda: panel.template is not None, 10, "the chosen template")
        panel.grid.set_source("2", "{{city}}")
        first = next(c.id for c in Contact.select().order_by(Contact.id) if c.fields.get("city"))
        wait_until(app, lambda: not editor._pending and editor.preparation is not None, 30,
                   "the recipient check")
        ui.previewContactCombo.setCurrentIndex(ui.previewContactCombo.findData(first))
        settle(app, 0.8)
        shoot(app, editor, out / "template_picker.png")
    finally:
        editor.close()
        services.runtime_controller.stop()
        services.close()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
