FROM redis:7
COPY redis.conf /usr/local/etc/redis/redis.conf
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server", "/usr/local/etc/redis/redis.conf"]
