FROM python:3.12-slim
WORKDIR /srv
COPY app.py /srv/
CMD gunicorn --bind 127.0.0.1:8000 --user=www-data -g www-data app:app
