FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN dnf install -y httpd && dnf clean all
RUN sed -i 's/^Listen 80$/Listen 8080/' /etc/httpd/conf/httpd.conf
EXPOSE 8080
CMD ["httpd", "-DFOREGROUND"]
