"""Running the CLI in-process as a user would (`main` with argv), capturing what it prints."""

from __future__ import annotations

from wacampaign_desktop.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one `wacampaign` command."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
