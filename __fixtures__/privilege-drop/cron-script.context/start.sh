#!/bin/sh
service cron start
exec python /app/main.py
