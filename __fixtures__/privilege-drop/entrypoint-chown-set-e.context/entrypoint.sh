#!/bin/sh
set -e
echo "preparing /data"
chown -R www-data:www-data /data
exec "$@"
