"""Slow (excluded by default): build the Linux bundle and .deb with packaging/build_linux.sh,
then run the frozen app's self-test headless. Run it with:

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python -m pytest -m slow tests/packaging -v

Needs Debian/Ubuntu, the network to PyPI (the build venv) and, unless the system packages are
already there, root for apt-get. Takes ~4 minutes on 2 cores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "packaging" / "dist"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
                       reason="the Linux build script needs Debian/Ubuntu"),
]


@pytest.mark.timeout(1800)
def test_build_linux_bundle_and_deb_then_frozen_self_test_passes(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() != 0:
        env["SKIP_APT"] = "1"
    build = subprocess.run(["bash", str(ROOT / "packaging" / "build_linux.sh")], env=env,
                           capture_output=True, text=True, timeout=1700)
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]

    executable = DIST / "wacampaign-desktop" / "wacampaign-desktop"
    report = tmp_path / "self-test.txt"
    result = subprocess.run([str(executable), "self-test", "--report", str(report)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen) self-test" in result.stdout
    assert report.read_text("utf-8").strip().endswith("self-test passed")

    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    debs = list(DIST.glob(f"wacampaign-desktop_{version}_*.deb"))
    assert len(debs) == 1
    contents = subprocess.run(["dpkg-deb", "--contents", str(debs[0])], capture_output=True,
                              text=True, check=True).stdout
    for path in ("./opt/wacampaign-desktop/wacampaign-desktop", "./usr/bin/wacampaign-desktop",
                 "./usr/share/applications/wacampaign-desktop.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/wacampaign-desktop.png"):
        assert path in contents

    size_mb = sum(f.stat().st_size for f in (DIST / "wacampaign-desktop").rglob("*")
                  if f.is_file() and not f.is_symlink()) / 1e6
    print(f"bundle size: {size_mb:.0f} MB")
    assert size_mb < 130  # measured 109 MiB (du -sh); the goal is 120 MB, see README
