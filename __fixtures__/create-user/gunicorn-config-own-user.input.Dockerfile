FROM python:3.12-slim
RUN useradd --create-home --user-group app
COPY app.py /srv/
COPY gunicorn.conf.py /etc/
CMD ["gunicorn", "--config=/etc/gunicorn.conf.py", "app:app"]
