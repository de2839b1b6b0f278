FROM python:3.12-slim
RUN useradd --user-group app
COPY app.py /srv/
COPY gunicorn.conf.py /etc/
COPY supervisord.conf /etc/supervisor/conf.d/
WORKDIR /srv
CMD ["supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]
