FROM python:3.11-slim AS build
RUN mkdir -p /out/state && pip install --no-cache-dir --target /out/site flask

FROM gcr.io/distroless/python3-debian12
COPY --from=build /out/site /app/site
COPY --from=build /out/state /var/lib/app
ENV PYTHONPATH=/app/site STATE_DIR=/var/lib/app CACHE_DIR=/cache
COPY app.py /app/app.py
CMD ["/app/app.py"]
