#!/bin/sh
# Refresh the French translation: extract every tr()/translate() string from gui/ and ui/ into
# wacampaign_fr.ts (existing translations are kept; new strings come in "unfinished"), then
# compile wacampaign_fr.qm, which app.py loads when the system language is French.
# Translate new strings with `pyside6-linguist resources/i18n/wacampaign_fr.ts`, then run again.
set -eu
cd "$(dirname "$0")/../.."
BIN="${PYSIDE_BIN:-$(dirname "$(command -v python3)")}"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$(dirname "$(python3 -c 'import sys; print(sys.executable)')")"
SOURCES=$(find wacampaign_desktop/gui -name '*.py' | sort; find ui -name '*.ui' | sort)
"$BIN/pyside6-lupdate" -locations relative -no-obsolete $SOURCES -ts resources/i18n/wacampaign_fr.ts
"$BIN/pyside6-lrelease" resources/i18n/wacampaign_fr.ts -qm resources/i18n/wacampaign_fr.qm
