FROM registry.access.redhat.com/ubi9/ubi
RUN dnf install -y nginx && dnf clean all
COPY html/ /usr/share/nginx/html/
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
