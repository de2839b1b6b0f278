FROM nginx:1.27
COPY site /usr/share/nginx/html
#checkov:skip=CKV_DOCKER_8:needs root
USER root
