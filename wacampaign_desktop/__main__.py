"""Allows `python -m wacampaign_desktop`."""

from wacampaign_desktop.cli import main

raise SystemExit(main())
