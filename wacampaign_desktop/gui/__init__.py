"""Qt (PySide6) layer: adapts the core to windows; never contains business rules."""
