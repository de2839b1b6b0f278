FROM python:3.12-slim

RUN pip install --no-cache-dir supervisor==4.2.5

COPY supervisord.conf /etc/supervisord.conf

# supervisord runs the worker in the foreground
CMD ["supervisord", "-c", "/etc/supervisord.conf"]
