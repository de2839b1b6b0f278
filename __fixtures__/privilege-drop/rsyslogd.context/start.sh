#!/bin/sh
rsyslogd
exec /usr/local/bin/app
