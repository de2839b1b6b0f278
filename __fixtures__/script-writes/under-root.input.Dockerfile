FROM python:3.12-slim
WORKDIR /app
COPY app.py entrypoint.sh /app/
ENTRYPOINT ["sh", "/app/entrypoint.sh"]
CMD ["python3", "/app/app.py"]
