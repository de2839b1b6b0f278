FROM python:3.12-slim
RUN echo "appuser:x:1001:1001::/app:/usr/sbin/nologin" >> /etc/passwd \
 && echo "appuser:x:1001:" >> /etc/group
COPY . /app
CMD ["python", "/app/run.py"]
