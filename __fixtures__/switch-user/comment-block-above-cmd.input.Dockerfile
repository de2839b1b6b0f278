FROM python:3.12-slim
COPY app.py /app/app.py
EXPOSE 8080

# Start the server.
# It listens on 8080.
CMD ["python", "/app/app.py"]
