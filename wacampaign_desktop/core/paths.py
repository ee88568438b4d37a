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


NGROK_MISSING_MESSAGE = (
    "The ngrok agent is not installed and could not be downloaded (no internet access to "
    "ngrok's download site?). Either place the ngrok program ({binary}) next to WA Campaign "
    "Desktop ({folder}), or choose 'My own public address' or 'Local only' in Connect Twilio, "
    "under “How Twilio reaches this computer”."
)


def app_executable_dir() -> Path:
    """Folder of the running app's executable: the frozen app's own folder, or (pip install) the
    interpreter's folder, where the `wacampaign-desktop` script lives too (e.g. .venv/bin)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.executable).absolute().parent  # not resolved: a venv's python is a symlink


def find_bundled_ngrok() -> Path | None:
    """The ngrok agent shipped with a frozen app, or None: `ngrok` (`ngrok.exe` on Windows) next to
    the executable first, then in the bundle's data folder (PyInstaller's `_internal/`, or a
    macOS .app's `Contents/Resources` / `Contents/Frameworks`).

    Packagers drop the agent beside `wacampaign-desktop[.exe]` (see README "Building
    installers"). Not frozen (pip install) it returns None and pyngrok finds or downloads the
    agent. The tunnel passes a found path as `ngrok_path` to pyngrok (so pyngrok neither looks
    in ~/.config/ngrok nor downloads); when this returns None and pyngrok's download fails
    (PyngrokNgrokInstallError), show `ngrok_missing_message()` to the user.
    """
    if not getattr(sys, "frozen", False):
        return None  # pip install: pyngrok's own `ngrok` script in the venv is a wrapper, not the agent
    binary = "ngrok.exe" if sys.platform == "win32" else "ngrok"
    folders = [app_executable_dir()]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        folders.append(Path(frozen_root))
        if sys.platform == "darwin":  # …/Contents/MacOS/<exe> → Contents/Resources, Frameworks
            contents = app_executable_dir().parent
            folders += [contents / "Resources", contents / "Frameworks"]
    for folder in folders:
        candidate = folder / binary
        if candidate.is_file():
            return candidate
    return None


def ngrok_missing_message() -> str:
    """NGROK_MISSING_MESSAGE for this OS and install folder (no secrets in it)."""
    binary = "ngrok.exe" if sys.platform == "win32" else "ngrok"
    return NGROK_MISSING_MESSAGE.format(binary=binary, folder=app_executable_dir())
