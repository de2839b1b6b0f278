FROM python:3.12-slim
RUN useradd --uid 1001 --create-home --user-group app
COPY app.py /srv/
COPY gunicorn.conf.py /etc/
USER 1001
CMD ["gunicorn", "--config=/etc/gunicorn.conf.py", "app:app"]
