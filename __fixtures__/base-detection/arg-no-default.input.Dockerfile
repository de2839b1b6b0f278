ARG BASE
FROM ${BASE}
COPY bin/server /server
CMD ["/server"]
