"""Where the app keeps its files: per-user folders (platformdirs) and bundled resources."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from wacampaign_desktop import APP_ID

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppPaths:
    """The folders of one profile. With --data-dir everything lives under that folder."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
            log_dir=Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
        )

    @classmethod
    def for_data_dir(cls, data_dir: str | Path | None) -> AppPaths:
        if data_dir is None:
            return cls.default()
        root = Path(data_dir).expanduser().resolve()
        return cls(data_dir=root, config_dir=root / "config", log_dir=root / "logs")

    @property
    def database_file(self) -> Path:
        return self.data_dir / "wacampaign.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "wacampaign.log"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resource_path(*parts: str) -> Path:
    """Path of a bundled file under `ui/` or `resources/`, e.g. resource_path("resources", "icons", "app.png").

    The single place that knows the three layouts: a PyInstaller bundle (sys._MEIPASS), an
    installed wheel (the folders are copied into the package) and a source checkout.
    """
    relative = Path(*parts)
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / relative)
    candidates.append(_PACKAGE_DIR / relative)  # installed wheel: wacampaign_desktop/ui, …/resources
    candidates.append(_PACKAGE_DIR.parent / relative)  # source checkout: <repo>/ui, <repo>/resources
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]
