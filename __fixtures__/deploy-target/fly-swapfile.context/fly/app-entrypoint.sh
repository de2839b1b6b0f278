#!/bin/bash
fallocate -l 128M /swapfile
chmod 600 /swapfile
mkswap /swapfile
swapon /swapfile
exec python -m http.server 8080
