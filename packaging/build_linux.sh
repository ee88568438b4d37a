#!/usr/bin/env bash
# Build the Linux one-folder bundle and a .deb on Debian 12+/Ubuntu 22.04+, from Debian and PyPI
# packages only. Run from anywhere, as root or with sudo available for apt-get:
#
#     bash packaging/build_linux.sh            # bundle + .deb
#     SKIP_APT=1 bash packaging/build_linux.sh # the system packages are already there
#
# Outputs (gitignored): packaging/dist/wacampaign-desktop/ (the bundle) and
# packaging/dist/wacampaign-desktop_<version>_<arch>.deb. The build venv is packaging/build/venv.
# To ship the ngrok agent, put its Linux binary at packaging/ngrok/linux/ngrok before building.
# Common system libraries (OpenSSL, glib, X11, libpq, …) come from Debian: the .deb depends on them.
# WACAMPAIGN_BUNDLE_SYSTEM_LIBS=1 bundles them as well (a folder for other distributions).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUILD="$HERE/build"
DIST="$HERE/dist"
VENV="$BUILD/venv"
NAME=wacampaign-desktop

log() { printf '\n==> %s\n' "$*"; }

# --- 1. system packages (Debian) ---------------------------------------------------------------
# python3-venv: the build venv; binutils: objdump/strip for PyInstaller; dpkg-dev: dpkg-deb and
# dpkg-architecture; icu-devtools + gcc: trim Qt's ICU data (packaging/linux/slim_icu.py); the
# libraries: what Qt's xcb platform plugin loads when self-test runs; libpq5: PostgreSQL's client
# library, which psycopg loads through ctypes (the bundle leaves psycopg's binary wheel out).
APT_PACKAGES=(python3 python3-venv python3-dev binutils dpkg-dev file icu-devtools gcc libpq5
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
if [[ "${SKIP_APT:-0}" != 1 ]]; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "Installing Debian packages: ${missing[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

# --- 2. build venv from Debian's python3, the app and PyInstaller from PyPI --------------------
PYTHON="${PYTHON:-/usr/bin/python3}"
if [[ ! -x "$VENV/bin/python" ]]; then
  log "Creating the build venv $VENV with $PYTHON"
  "$PYTHON" -m venv "$VENV"
fi
log "Installing the app and PyInstaller into the build venv"
"$VENV/bin/python" -m pip install -q --upgrade pip
# A regular (not editable) install, so the bundle carries the package's metadata.
"$VENV/bin/python" -m pip install -q "$ROOT[packaging]"

# --- 3. the bundle ---------------------------------------------------------------------------
log "Freezing with PyInstaller"
rm -rf "$DIST/$NAME"
(cd "$ROOT" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$HERE/$NAME.spec")
BUNDLE="$DIST/$NAME"
if [[ -f "$HERE/ngrok/linux/ngrok" ]]; then
  log "Bundling the ngrok agent"
  install -m 0755 "$HERE/ngrok/linux/ngrok" "$BUNDLE/ngrok"
fi
VERSION="$("$VENV/bin/python" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")"

log "Checking the frozen app: self-test (headless)"
QT_QPA_PLATFORM=offscreen "$BUNDLE/$NAME" self-test
echo "bundle size: $(du -sh "$BUNDLE" | cut -f1)  ($BUNDLE)"

# --- 4. the .deb -----------------------------------------------------------------------------
log "Building the .deb"
ARCH="$(dpkg --print-architecture)"
PKGROOT="$BUILD/deb/${NAME}_${VERSION}_${ARCH}"
rm -rf "$PKGROOT"
mkdir -p "$PKGROOT/DEBIAN" "$PKGROOT/opt" "$PKGROOT/usr/bin" "$PKGROOT/usr/share/applications"
cp -a "$BUNDLE" "$PKGROOT/opt/$NAME"
install -m 0755 "$HERE/linux/launcher.sh" "$PKGROOT/usr/bin/$NAME"
install -m 0644 "$HERE/linux/$NAME.desktop" "$PKGROOT/usr/share/applications/$NAME.desktop"
for png in "$HERE"/icons/png/"$NAME"-*.png; do
  size="${png##*-}"; size="${size%.png}"
  install -D -m 0644 "$png" "$PKGROOT/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$PKGROOT" | cut -f1)"
cat > "$PKGROOT/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: WA Campaign Desktop team <packaging@wacampaign.invalid>
Section: net
Priority: optional
Installed-Size: $INSTALLED_KB
Depends: libc6 (>= 2.35), libstdc++6 (>= 11), libgcc-s1, libssl3 | libssl3t64, libglib2.0-0 | libglib2.0-0t64, libdbus-1-3, libgssapi-krb5-2, libfontconfig1, libfreetype6, libpng16-16 | libpng16-16t64, libx11-6, libx11-xcb1, libxcb1, libxkbcommon0, libgl1, libegl1, libffi8, libexpat1, zlib1g, libbz2-1.0, liblzma5, libzstd1, libuuid1, libreadline8 | libreadline8t64, libpq5
Description: WhatsApp campaigns through Twilio, watched live
 Send WhatsApp campaigns through Twilio from a desktop window and follow each
 message from queued to read. Includes a local Twilio sandbox (no account needed).
CONTROL
cat > "$PKGROOT/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
POSTINST
cp "$PKGROOT/DEBIAN/postinst" "$PKGROOT/DEBIAN/postrm"
chmod 0755 "$PKGROOT/DEBIAN/postinst" "$PKGROOT/DEBIAN/postrm"
DEB="$DIST/${NAME}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build -Zxz "$PKGROOT" "$DEB" >/dev/null
echo "deb: $DEB ($(du -h "$DEB" | cut -f1), installed size $((INSTALLED_KB / 1024)) MB)"
log "Done"
