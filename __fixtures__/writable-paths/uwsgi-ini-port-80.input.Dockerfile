FROM python:3.12-slim
RUN pip install uwsgi
COPY . /app/
CMD ["uwsgi", "/app/uwsgi.ini"]
