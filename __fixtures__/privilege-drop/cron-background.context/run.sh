#!/usr/bin/env bash
crontab /app/crontab
/usr/sbin/cron -f &
exec python3 /app/main.py
