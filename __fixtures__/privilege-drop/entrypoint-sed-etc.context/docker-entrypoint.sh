#!/bin/bash
set -euo pipefail

# Listen on the port the platform gives us.
sed -i "s/listen 80 default_server;/listen ${PORT} default_server;/" /etc/nginx/sites-available/default
exec "$@"
