FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir notebook
CMD ["jupyter", "notebook", "--ip=0.0.0.0", "--no-browser"]
