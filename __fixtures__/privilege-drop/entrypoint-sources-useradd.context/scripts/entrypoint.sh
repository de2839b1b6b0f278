#!/bin/sh
set -e
. /opt/scripts/functions.sh
create_user
exec "$@"
