"""A library folder: the SQLite catalogue, incremental indexing, marks, progress, reading."""
