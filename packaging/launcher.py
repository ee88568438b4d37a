"""Entry script PyInstaller freezes: the same `wacampaign-desktop` command as the pip install."""

from wacampaign_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
