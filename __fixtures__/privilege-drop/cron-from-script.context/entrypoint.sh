#!/bin/sh
set -e
# cron daemonizes itself; the main program keeps the container up.
cron
exec sleep 60
