#!/bin/sh
set -e
LOG_DIR=/app/logs
mkdir -p "$LOG_DIR"
exec >> "$LOG_DIR/start.log" 2>&1
echo $$ > /run/app.pid
echo "starting $*"
exec "$@"
