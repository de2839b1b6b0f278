FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
# The default site, served on 8081
RUN sed -i 's/listen 80 default_server;/listen 8081 default_server;/; s/listen \[::\]:80 default_server;/listen [::]:8081 default_server;/' /etc/nginx/sites-available/default
EXPOSE 8081
CMD ["nginx", "-g", "daemon off;"]
