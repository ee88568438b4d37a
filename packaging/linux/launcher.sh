#!/bin/sh
# /usr/bin/wacampaign-desktop: runs the bundled app installed under /opt/wacampaign-desktop.
exec /opt/wacampaign-desktop/wacampaign-desktop "$@"
