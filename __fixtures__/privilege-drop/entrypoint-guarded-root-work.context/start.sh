#!/bin/sh
# Best effort: the app runs without these.
chown -R www-data /srv/uploads 2>/dev/null || true
sysctl -w net.core.somaxconn=1024 || echo "cannot raise somaxconn"
exec python3 app.py
