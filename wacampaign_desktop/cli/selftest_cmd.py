"""`wacampaign-desktop self-test`: prove this installation works, headless, in a throw-away profile.

Runs core.selftest (sandbox + webhook server + a 20-recipient campaign + callbacks + counters)
and, unless --no-gui-check, checks that Qt loads: the platform plugin, the bundled icon and
.ui forms, and every gui module (what a frozen bundle most often misses). Exit code 0 when all
passed, 1 otherwise; each line names a step. Works frozen: `--report FILE` also writes the
result to a file, for Windows builds whose windowed executable has no console.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
import time
from pathlib import Path

from wacampaign_desktop.core.selftest import (
    DEFAULT_RECIPIENTS,
    DEFAULT_TIMEOUT,
    Check,
    SelfTestReport,
    run_self_test,
)

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "self-test", parents=[common],
        help="check this installation end to end in a temporary profile (sandbox, no internet)",
        description="Starts the sandbox and the webhook server in a temporary profile folder, "
        "sends a campaign, waits for the status callbacks and checks the counters. Exits 0 "
        "when everything works, 1 naming the step that failed. Your own data is not touched.",
    )
    parser.add_argument("--recipients", type=int, default=DEFAULT_RECIPIENTS, metavar="N",
                        help=f"contacts in the test campaign (default {DEFAULT_RECIPIENTS})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"how long to wait for the callbacks (default {DEFAULT_TIMEOUT:.0f})")
    parser.add_argument("--no-gui-check", action="store_true",
                        help="skip loading Qt, the icons, .ui forms, translations and gui modules")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary profile folder (its log) for inspection")
    parser.add_argument("--report", metavar="FILE", help="also write the result to FILE")
    parser.set_defaults(func=run)


def _print(text: str) -> None:
    if sys.stdout is not None:  # None in a windowed Windows build
        print(text, flush=True)


def _show(check: Check) -> None:
    _print(f"[{'ok' if check.ok else 'FAIL'}] {check.name} ({check.seconds:.1f}s)"
           + (f": {check.detail}" if check.detail else ""))


def gui_check() -> Check:
    """Qt starts (offscreen when there is no display), and the bundled resources (icons, .ui
    forms, our .qm translations and Qt's qtbase_<lang>.qm for each) and gui modules load."""
    started = time.monotonic()
    name = "load Qt, icons, .ui forms, translations and the gui modules"
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in (
            "win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QCollator, QFile, QIODevice, QLibraryInfo, QLocale, QTranslator
        from PySide6.QtGui import QIcon
        from PySide6.QtUiTools import QUiLoader
        from PySide6.QtWidgets import QApplication

        importlib.import_module("PySide6.QtCharts")  # the Analytics charts (PySide6-Addons)

        from wacampaign_desktop.core.paths import resource_path

        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "self-test"])
        icons = sorted(resource_path("resources", "icons").glob("*.png"))
        if not icons or QIcon(str(icons[0])).isNull():
            raise RuntimeError(f"no usable app icon under {resource_path('resources', 'icons')}")
        loader = QUiLoader()
        forms = sorted(Path(resource_path("ui")).glob("*.ui"))
        for form in forms:
            handle = QFile(str(form))
            if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
                raise RuntimeError(f"cannot open {form.name}")
            widget = loader.load(handle)
            handle.close()
            if widget is None:
                raise RuntimeError(f"QUiLoader could not build {form.name}: {loader.errorString()}")
            widget.deleteLater()
        # Qt sorts with ICU (trimmed in the Linux bundle): a broken data library sorts nothing.
        collator = QCollator(QLocale("fr_FR"))
        words = sorted(["zèbre", "Eve", "élan", "abc"], key=collator.sortKey)
        if words != ["abc", "élan", "Eve", "zèbre"]:
            raise RuntimeError(f"locale-aware sorting is broken (ICU data?): {words}")
        translations = sorted(resource_path("resources", "i18n").glob("*.qm"))
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for qm in translations:
            language = qm.stem.split("_", 1)[-1]
            if not QTranslator().load(str(qm)):
                raise RuntimeError(f"translation {qm.name} does not load")
            if not QTranslator().load(f"qtbase_{language}", qt_translations):
                raise RuntimeError(f"Qt's own qtbase_{language}.qm is missing from {qt_translations}")
        import wacampaign_desktop.gui as gui_package

        modules = [m.name for m in pkgutil.walk_packages(gui_package.__path__, "wacampaign_desktop.gui.")]
        for module in modules:
            importlib.import_module(module)
        from wacampaign_desktop.gui.help.guide_dialog import guide_html

        for language in ("en", "fr"):  # package data beside the modules
            if "<h" not in guide_html(language):
                raise RuntimeError(f"the {language} user guide is missing from the bundle")
        detail = (f"platform {app.platformName()}, {len(icons)} icons, {len(forms)} forms, "
                  f"{len(translations)} translations, {len(modules)} gui modules")
        return Check(name, True, detail, time.monotonic() - started)
    except Exception as exc:
        log.exception("GUI check failed")
        return Check(name, False, f"{type(exc).__name__}: {exc}", time.monotonic() - started)


def run(args: argparse.Namespace) -> int:
    from wacampaign_desktop import __version__

    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    _print(f"WA Campaign Desktop {__version__}{frozen} self-test")
    report: SelfTestReport = run_self_test(
        recipients=max(1, args.recipients), timeout=args.timeout, keep=args.keep, progress=_show
    )
    if not args.no_gui_check:
        check = gui_check()
        report.checks.append(check)
        _show(check)
    summary = report.render().splitlines()[-1]
    _print(summary)
    if args.keep:
        _print(f"profile kept in {report.data_dir}")
    if args.report:
        Path(args.report).write_text(report.render() + "\n", encoding="utf-8")
    return 0 if report.ok else 1
