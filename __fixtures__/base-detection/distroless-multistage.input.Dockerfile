FROM python:3.12-slim AS build
RUN pip install --no-cache-dir --target /deps fastapi uvicorn
COPY app /app

FROM gcr.io/distroless/python3-debian12
COPY --from=build /deps /deps
COPY --from=build /app /app
ENV PYTHONPATH=/deps
CMD ["/app/main.py"]
