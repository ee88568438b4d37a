#!/usr/bin/env bash
# Build "WA Campaign Desktop.app" and a .dmg on macOS 12+ (CI: a macos-14 runner with Python 3.11+).
# Only Python from python.org/Homebrew/CI and PyPI are needed; hdiutil ships with macOS.
#
#     bash packaging/macos/build_macos.sh
#
# Outputs (gitignored): packaging/dist/WA Campaign Desktop.app and
# packaging/dist/wacampaign-desktop-<version>-macos-<arch>.dmg. To ship the ngrok agent, put the
# macOS binary at packaging/ngrok/macos/ngrok before building. Signing/notarisation (needs the
# team's Developer ID, not in this repository):
#   codesign --deep --force --options runtime --sign "Developer ID Application: …" "$APP"
#   xcrun notarytool submit "$DMG" --keychain-profile … --wait && xcrun stapler staple "$DMG"
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$HERE/build/venv-macos"
PYTHON="${PYTHON:-python3}"

[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "$ROOT[packaging]"

(cd "$ROOT" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$HERE/dist" --workpath "$HERE/build/pyinstaller" "$HERE/wacampaign-desktop.spec")

APP="$HERE/dist/WA Campaign Desktop.app"
VERSION="$("$VENV/bin/python" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
if [[ -f "$HERE/ngrok/macos/ngrok" ]]; then
  install -m 0755 "$HERE/ngrok/macos/ngrok" "$APP/Contents/MacOS/ngrok"
fi

# The frozen app proves itself headless before it is packed.
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/wacampaign-desktop" self-test

STAGE="$HERE/build/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="$HERE/dist/wacampaign-desktop-$VERSION-macos-$(uname -m).dmg"
rm -f "$DMG"
hdiutil create -volname "WA Campaign Desktop $VERSION" -srcfolder "$STAGE" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 "$DMG"
du -sh "$APP" "$DMG"
