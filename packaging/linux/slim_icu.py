"""Shrink the ICU data library that PySide6's Linux wheels ship (libicudata.so.NN, ~31 MB).

Qt uses ICU for collation (sorting names), case mapping, time-zone names, text codecs and IDNA.
It never asks ICU for the display names of languages, regions, currencies or units, nor for
transliteration or spelled-out numbers: those trees (~12 MB) are dropped. The data blob is read
out of the library's `icudtNN_dat` symbol, trimmed with `icupkg` and turned back into a shared
library with the same soname by `genccode` + `gcc` (Debian: icu-devtools, gcc).

Used by the PyInstaller spec on Linux; without the tools (or with WACAMPAIGN_FULL_ICU=1) the
original library is bundled unchanged. `wacampaign-desktop self-test` checks collation.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

DROPPED_TREES = ("unit/", "curr/", "lang/", "region/", "translit/", "rbnf/")
TOOLS = ("readelf", "icupkg", "genccode", "gcc")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _data_symbol(lib: Path) -> tuple[str, int, int]:
    """(symbol, file offset, size) of the icudtNN_dat blob inside `lib`."""
    symbols = _run("readelf", "-sW", str(lib))
    match = re.search(r"^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)\s*$",
                      symbols, re.M)
    if not match:
        raise ValueError(f"no icudtNN_dat symbol in {lib}")
    value, size, section, name = int(match[1], 16), int(match[2], 0), int(match[3]), match[4]
    sections = _run("readelf", "-SW", str(lib))
    sec = re.search(rf"^\s*\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s", sections, re.M)
    if not sec:
        raise ValueError(f"section {section} not found in {lib}")
    address, offset = int(sec[1], 16), int(sec[2], 16)
    return name, value - address + offset, size


def slim_icu_data(lib: Path, workdir: Path) -> Path | None:
    """A trimmed copy of `lib` under `workdir`, or None (keep the original) when not possible."""
    if os.environ.get("WACAMPAIGN_FULL_ICU") == "1":
        return None
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        log.warning("Bundling the full ICU data (%s missing: apt-get install icu-devtools gcc)",
                    ", ".join(missing))
        return None
    try:
        symbol, offset, size = _data_symbol(lib)
        entry = symbol.removesuffix("_dat")  # icudt73
        package = f"{entry}l"  # little-endian package name; icupkg names items after the file
        shutil.rmtree(workdir, ignore_errors=True)
        (workdir / "in").mkdir(parents=True)
        (workdir / "out").mkdir()
        with open(lib, "rb") as handle:
            handle.seek(offset)
            (workdir / "in" / f"{package}.dat").write_bytes(handle.read(size))
        items = _run("icupkg", "-l", str(workdir / "in" / f"{package}.dat")).split()
        dropped = [item for item in items if item.startswith(DROPPED_TREES)]
        (workdir / "drop.txt").write_text("\n".join(dropped) + "\n", "utf-8")
        _run("icupkg", "-r", str(workdir / "drop.txt"), str(workdir / "in" / f"{package}.dat"),
             str(workdir / "out" / f"{package}.dat"))
        _run("genccode", "-q", "-a", "gcc", "-e", entry, "-d", str(workdir),
             str(workdir / "out" / f"{package}.dat"))
        assembly = next(workdir.glob("*.S"))
        result = workdir / lib.name
        _run("gcc", "-shared", f"-Wl,-soname,{lib.name}", "-Wl,-z,noexecstack", "-o", str(result),
             str(assembly))
    except (OSError, ValueError, StopIteration, subprocess.CalledProcessError) as exc:
        log.warning("Could not trim the ICU data (%s); bundling it unchanged", exc)
        return None
    log.info("ICU data trimmed: %d of %d items dropped, %.1f MB -> %.1f MB", len(dropped),
             len(items), lib.stat().st_size / 1e6, result.stat().st_size / 1e6)
    return result
