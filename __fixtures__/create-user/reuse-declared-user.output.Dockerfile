FROM python:3.11-slim
RUN groupadd --gid 2000 app && useradd --uid 2000 --gid app --create-home app
WORKDIR /home/app
COPY --chown=app:app . .
USER 2000:2000
CMD ["python", "main.py"]
