"""Make every OS's app icon from the one source image, packaging/icons/source.png (1024 px).

    python packaging/make_icons.py            # derive .png sizes, .ico and .icns from source.png
    python packaging/make_icons.py --draw     # first re-render source.png from resources/make_icons.py

Needs Pillow (`pip install -e '.[packaging]'`; --draw also PySide6). The outputs are committed, so a packager only
runs this after changing the artwork. Outputs:
  packaging/icons/png/wacampaign-desktop-<N>.png   Linux hicolor sizes (16 … 512)
  packaging/icons/wacampaign-desktop.ico           Windows (16 … 256, one file)
  packaging/icons/wacampaign-desktop.icns          macOS (16 … 1024)
The window icon (resources/icons/app_*.png) comes from the same drawing, resources/make_icons.py.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ICONS = HERE / "icons"
SOURCE = ICONS / "source.png"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
NAME = "wacampaign-desktop"


def draw_source(size: int = 1024) -> Image.Image:
    """Render the master artwork at `size` px with the GUI's own drawing (resources/make_icons.py,
    QPainter), so the window icon and the installers' icons are the same picture."""
    import importlib.util
    import io
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    spec = importlib.util.spec_from_file_location("gui_icons", HERE.parent / "resources" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    module.draw(size).save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def derive(source: Image.Image) -> list[Path]:
    """Write every derived icon file; returns their paths."""
    written: list[Path] = []
    png_dir = ICONS / "png"
    png_dir.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        path = png_dir / f"{NAME}-{size}.png"
        source.resize((size, size), Image.LANCZOS).save(path, optimize=True)
        written.append(path)
    ico = ICONS / f"{NAME}.ico"
    source.save(ico, sizes=[(s, s) for s in ICO_SIZES])
    icns = ICONS / f"{NAME}.icns"
    source.save(icns, sizes=[(s, s) for s in ICNS_SIZES])
    written += [ico, icns]
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", action="store_true", help="redraw source.png first")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ICONS.mkdir(parents=True, exist_ok=True)
    if args.draw or not SOURCE.exists():
        draw_source().save(SOURCE, optimize=True)
        log.info("drew %s", SOURCE)
    source = Image.open(SOURCE).convert("RGBA")
    for path in derive(source):
        log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
