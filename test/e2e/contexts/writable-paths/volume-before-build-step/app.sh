#!/bin/sh
# Keeps its state in a SQLite database in the volume, then stays up like a service.
set -eu
sqlite3 /var/lib/app/state.db 'CREATE TABLE IF NOT EXISTS runs (at TEXT); INSERT INTO runs VALUES (datetime());'
exec sleep infinity
