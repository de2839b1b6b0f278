FROM registry.access.redhat.com/ubi9:9.4
RUN dnf install -y nodejs && dnf clean all
WORKDIR /opt/app
COPY server.js .
CMD ["node", "server.js"]
