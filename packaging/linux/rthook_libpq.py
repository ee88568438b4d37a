"""PyInstaller runtime hook (Linux bundle only): psycopg loads the system's libpq through ctypes.

The Linux bundle leaves psycopg's binary wheel out (it carries its own libpq, OpenSSL, Kerberos
and LDAP: ~10 MB); psycopg's pure-Python implementation loads libpq.so.5 instead, from the
Debian package libpq5 (a dependency of the .deb). psycopg asks `ctypes.util.find_library("pq")`,
which reads `ldconfig -p`; this hook makes that lookup dependable in the frozen app:

- a bundle built with WACAMPAIGN_BUNDLE_SYSTEM_LIBS=1 carries libpq.so.5 itself: use that file;
- otherwise the system's answer; when that finds nothing (a minimal system without ldconfig)
  but the dynamic loader can open libpq.so.5, that name.
"""

import ctypes
import ctypes.util
import os
import sys

os.environ.setdefault("PSYCOPG_IMPL", "python")  # no psycopg_c / psycopg_binary in this bundle

LIBPQ_SONAME = "libpq.so.5"
_system_find_library = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    if name != "pq":
        return _system_find_library(name)
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), LIBPQ_SONAME)
    if os.path.isfile(bundled):
        return bundled
    found = _system_find_library(name)
    if found:
        return found
    try:
        ctypes.CDLL(LIBPQ_SONAME)
    except OSError:
        return None
    return LIBPQ_SONAME


ctypes.util.find_library = _find_library
