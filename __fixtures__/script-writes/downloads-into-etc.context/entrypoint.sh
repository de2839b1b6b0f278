#!/bin/sh
set -e
curl -fsS --create-dirs --output-dir /var/lib/models -O "$MODEL_URL"
curl -fsS --create-dirs -o /etc/app/config.json "$CONFIG_URL"
exec python3 -m http.server 8000
