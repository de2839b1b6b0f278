FROM cgr.dev/chainguard/go:latest-dev AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM cgr.dev/chainguard/static:latest
COPY --from=build /out/server /server
USER 65532:65532
ENTRYPOINT ["/server"]
