FROM alpine:3.20
#trivy:ignore:DS002
COPY agent /usr/local/bin/agent
ENTRYPOINT ["/usr/local/bin/agent"]
