# escape=`
FROM debian:bookworm-slim
RUN apt-get update && `
    apt-get install -y ca-certificates
COPY app /app
CMD ["/app/run"]
