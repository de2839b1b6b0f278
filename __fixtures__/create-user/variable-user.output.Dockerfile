FROM python:3.12-slim
ARG UNAME=app
RUN useradd --uid 1001 --no-create-home $UNAME
COPY . /app
USER $UNAME
CMD ["python", "/app/main.py"]
