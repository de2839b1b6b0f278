FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4 AS build
RUN microdnf install -y golang && microdnf clean all
COPY . /src
RUN cd /src && go build -o /out/server .

FROM registry.access.redhat.com/ubi9/ubi-micro:9.4
COPY --from=build /out/server /usr/local/bin/server
USER 1001:0
ENTRYPOINT ["/usr/local/bin/server"]
