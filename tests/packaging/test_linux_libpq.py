"""The Linux bundle's PostgreSQL driver: psycopg's pure-Python implementation on the system's
libpq (Debian libpq5), set up by packaging/linux/rthook_libpq.py, as the frozen app runs it.

Each case runs in a fresh interpreter where psycopg's binary wheel cannot be imported (the
Linux bundle leaves it out), then runs the runtime hook the way PyInstaller does at start-up.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "packaging" / "linux" / "rthook_libpq.py"


def _system_libpq() -> bool:
    try:
        ctypes.CDLL("libpq.so.5")
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not _system_libpq(),
                                reason="needs Linux with the system libpq (apt install libpq5)")

BUNDLE_LIKE = """
import os, runpy, sys
os.environ.pop("PSYCOPG_IMPL", None)
sys.modules["psycopg_binary"] = None  # as in the Linux bundle: no binary wheel
sys.modules["psycopg_c"] = None
"""


def _run(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = BUNDLE_LIKE + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env={**os.environ, **(env or {})})


def test_psycopg_loads_the_system_libpq_through_the_hook():
    result = _run(f"""
        runpy.run_path({str(HOOK)!r})
        import psycopg
        from psycopg.pq import _pq_ctypes
        print(psycopg.pq.__impl__, psycopg.pq.version(), _pq_ctypes.libname)
        from psycopg.conninfo import conninfo_to_dict
        print(conninfo_to_dict("host=db.example port=5433")["port"])
    """)
    assert result.returncode == 0, result.stderr
    impl, version, libname = result.stdout.splitlines()[0].split()
    assert impl == "python" and int(version) >= 100000
    assert "libpq.so" in libname
    assert result.stdout.splitlines()[1] == "5433"  # parsed by libpq itself (PQconninfoParse)


def test_hook_finds_libpq_where_find_library_finds_nothing():
    # A minimal system without ldconfig: ctypes.util.find_library("pq") answers None.
    result = _run(f"""
        import ctypes.util
        ctypes.util.find_library = lambda name: None
        runpy.run_path({str(HOOK)!r})
        import psycopg
        from psycopg.pq import _pq_ctypes
        print(psycopg.pq.__impl__, _pq_ctypes.libname)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["python", "libpq.so.5"]


def test_a_bundle_carrying_libpq_uses_its_own_copy(tmp_path):
    # WACAMPAIGN_BUNDLE_SYSTEM_LIBS=1 puts libpq.so.5 in the bundle's _internal (sys._MEIPASS).
    candidates = [*Path("/usr/lib").glob("*/libpq.so.5"), *Path("/lib").glob("*/libpq.so.5"),
                  Path("/usr/lib64/libpq.so.5"), Path("/usr/lib/libpq.so.5")]
    source = next((path for path in candidates if path.is_file()), None)
    if source is None:
        pytest.skip("libpq.so.5 is not in a usual library folder")
    shutil.copy(source, tmp_path / "libpq.so.5")
    result = _run(f"""
        sys._MEIPASS = {str(tmp_path)!r}
        runpy.run_path({str(HOOK)!r})
        import psycopg
        from psycopg.pq import _pq_ctypes
        print(_pq_ctypes.libname)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "libpq.so.5")


def test_self_test_names_a_missing_libpq_and_the_package_to_install():
    result = _run("""
        import ctypes.util
        ctypes.util.find_library = lambda name: None  # no libpq on this system
        os.environ["PSYCOPG_IMPL"] = "python"
        from wacampaign_desktop.core.selftest import run_self_test
        print(run_self_test(timeout=10).render())
    """, env={"WACAMPAIGN_SECRET_BACKEND": "file"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("[FAIL] ")]
    assert len(failed) == 1 and failed[0].startswith("[FAIL] load the PostgreSQL driver"), lines
    assert "libpq" in failed[0] and "apt install libpq5" in failed[0]
    assert lines[-1] == "self-test FAILED: load the PostgreSQL driver"
    assert not any("send a" in line for line in lines)  # stops there
