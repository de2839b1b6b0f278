#!/bin/sh
# Serve the working folder on the port given as `--port N` (the image's CMD).
set -eu
port=8000
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    *) shift ;;
  esac
done
exec python3 -m http.server "$port" --bind 127.0.0.1
