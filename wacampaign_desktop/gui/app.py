"""Starts the Qt application and the main window."""

from __future__ import annotations

import argparse
import sys

from wacampaign_desktop import APP_NAME, __version__
from wacampaign_desktop.core.app_context import AppContext


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    context = AppContext.open(args.data_dir, verbose=args.verbose)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.setCentralWidget(QLabel(f"{APP_NAME} {__version__}"))
    window.resize(1000, 700)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()
