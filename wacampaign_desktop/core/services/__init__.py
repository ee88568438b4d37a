"""Application services: the only door through which the GUI and the CLI reach the core.

Each module holds one area (campaigns, contacts, inbox, queries…). Services take the opened
`AppContext` (database, settings, bus, clock) and return plain data; they never import Qt.
`gui/` and `cli/` must not import `core.store` (tests/foundation/test_import_boundaries.py).
"""
