from python:3.12-slim
run pip install flask
copy app.py /app.py
cmd ["python", "/app.py"]
