"""Draws the app icon (a speech bubble with a check mark) with QPainter and saves PNGs under
resources/icons/. Run once after changing the drawing: `python resources/make_icons.py`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

HERE = Path(__file__).resolve().parent / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    # rounded square background
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f8f5f"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 14 * s, 14 * s)
    # speech bubble
    bubble = QPainterPath()
    bubble.addEllipse(QRectF(12 * s, 12 * s, 40 * s, 36 * s))
    tail = QPainterPath()
    tail.moveTo(QPointF(18 * s, 40 * s))
    tail.lineTo(QPointF(12 * s, 54 * s))
    tail.lineTo(QPointF(28 * s, 46 * s))
    tail.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(bubble.united(tail))
    # double check mark (read)
    pen = QPen(QColor("#1f8f5f"), 3.6 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for dx in (0.0, 8.0):
        path = QPainterPath()
        path.moveTo(QPointF((20 + dx) * s, 30 * s))
        path.lineTo(QPointF((25 + dx) * s, 35 * s))
        path.lineTo(QPointF((35 + dx) * s, 24 * s))
        p.drawPath(path)
    p.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    HERE.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256):
        draw(size).save(str(HERE / f"app_{size}.png"))
    draw(256).save(str(HERE / "app.png"))
    print(f"icons written to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
