#!/bin/sh
set -e
service cron start
exec sleep 60
