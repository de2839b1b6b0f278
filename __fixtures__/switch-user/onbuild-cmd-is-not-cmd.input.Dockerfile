FROM python:3.12-slim
COPY lib /opt/lib
ONBUILD CMD ["python", "main.py"]
EXPOSE 8000
