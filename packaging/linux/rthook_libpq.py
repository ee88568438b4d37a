"""PyInstaller runtime hook (Linux bundle only): psycopg loads the system's libpq through ctypes.

The Linux bundle leaves psycopg's binary wheel out (it carries its own libpq, OpenSSL, Kerberos
and LDAP: ~10 MB); psycopg's pure-Python implementation loads libpq.so.5 instead, from the
Debian package libpq5 (a dependency of the .deb). psycopg asks `ctypes.util.find_library` for
"pq" (and "c"), which reads `ldconfig -p`; this hook makes that lookup dependable frozen:

- a bundle built with WACAMPAIGN_BUNDLE_SYSTEM_LIBS=1 carries libpq.so.5 itself: use that file;
- otherwise the system's answer; when that finds nothing (a minimal system without ldconfig)
  but the dynamic loader can open the library by its soname, that soname.
"""

import ctypes
import ctypes.util
import os
import sys

os.environ.setdefault("PSYCOPG_IMPL", "python")  # no psycopg_c / psycopg_binary in this bundle

SONAMES = {"pq": "libpq.so.5", "c": "libc.so.6"}  # what psycopg's pure-Python binding loads
_system_find_library = ctypes.util.find_library


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _find_library(name: str) -> str | None:
    soname = SONAMES.get(name)
    if soname is None:
        return _system_find_library(name)
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), soname)
    if name == "pq" and os.path.isfile(bundled):
        return bundled
    return _system_find_library(name) or (soname if _loadable(soname) else None)


ctypes.util.find_library = _find_library
