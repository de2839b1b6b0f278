FROM registry.example.com/team/base:latest
COPY bin/server /server
CMD ["/server"]
