#!/bin/sh
podman run --rm --mount type=bind,src="$(pwd)"/output,dst=/app/output,ro=true report
