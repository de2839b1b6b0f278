FROM python:3.12-alpine
RUN apk add --no-cache libpq
WORKDIR /app
COPY . .
CMD ["python", "-m", "app"]
