#checkov:skip=CKV_DOCKER_3:runs as root to bind port 80 on the host network
FROM nginx:1.27
COPY site /usr/share/nginx/html
