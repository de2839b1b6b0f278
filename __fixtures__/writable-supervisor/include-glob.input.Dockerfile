FROM python:3.12-slim
RUN pip install --no-cache-dir supervisor
COPY supervisor/ /etc/app-supervisor/
CMD ["supervisord", "-c", "/etc/app-supervisor/supervisord.conf"]
