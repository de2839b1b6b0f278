#!/bin/sh
# Settings from the environment, written into php's own config at every start.
sed -i "s/expose_php = On/expose_php = Off/" /usr/local/etc/php/php.ini-production
echo "date.timezone=${TZ:-UTC}" > /usr/local/etc/php/conf.d/timezone.ini
exec php-fpm -F
