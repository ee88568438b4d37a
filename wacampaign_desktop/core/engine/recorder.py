"""Transitional: the engine's writes go through the one store writer
(`core.store.writer.StoreWriter`). `Recorder(bus)` only builds one on the bound database until
`engine.py` creates (or is handed) the StoreWriter itself; then this module goes."""

from __future__ import annotations

from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.store.writer import StoreWriter, bound_database


def Recorder(bus: EventBus) -> StoreWriter:  # noqa: N802 - the old class name, kept for engine.py
    db = bound_database()
    if db is None:
        raise RuntimeError("The database is not open; open the profile before the engine.")
    return StoreWriter(db, bus, name="engine-writer", linger_s=0)
