FROM python:3.12-slim
ARG RUN_AS=root
COPY app.py /app/app.py
USER ${RUN_AS}
CMD ["python", "/app/app.py"]
