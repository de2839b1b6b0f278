#!/bin/bash
/etc/init.d/ssh start
tail -f /dev/null
