#!/bin/sh
# Keys for a private git remote, if the deploy gives one.
if [ -n "$SSH_KEY" ]; then
  mkdir -p -m 0700 /root/.ssh
  echo "$SSH_KEY" > /root/.ssh/id_rsa
fi
mkdir -p /app/logs
exec "$@"
