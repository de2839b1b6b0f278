<?php
echo "php-fpm answers as uid " . posix_getuid() . "\n";
