FROM python:3.12-slim
WORKDIR /srv
COPY app.py gunicorn.conf.py /srv/
CMD ["gunicorn", "app:app"]
