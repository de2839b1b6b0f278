FROM python:3.11-slim
RUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu \
    && pip install --no-cache-dir fastapi uvicorn
WORKDIR /srv
COPY serve.py .
# The model is bind-mounted read only: docker run -v $PWD/model:/model:ro ...
ENV MODEL_PATH=/model/model.pt
EXPOSE 8000
CMD ["uvicorn", "serve:app", "--host", "0.0.0.0", "--port", "8000"]
