FROM python:3.12-slim
WORKDIR /srv
COPY app.py /srv/
CMD ["gunicorn", "-b", ":80", "app:app"]
