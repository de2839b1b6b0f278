#!/bin/sh
set -e
echo "starting supervisord"
exec /usr/bin/supervisord --configuration /etc/supervisor/app.conf
