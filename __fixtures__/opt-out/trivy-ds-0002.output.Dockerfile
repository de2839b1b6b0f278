FROM alpine:3.20
#trivy:ignore:DS-0002
COPY agent /usr/local/bin/agent
ENTRYPOINT ["/usr/local/bin/agent"]
