FROM busybox:1.36
COPY www /www
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
