FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu \
    && pip install --no-cache-dir fastapi uvicorn
WORKDIR /srv
COPY serve.py .
# The model is bind-mounted read only: docker run -v $PWD/model:/model:ro ...
ENV MODEL_PATH=/model/model.pt
EXPOSE 8000
USER 1001:1001
CMD ["uvicorn", "serve:app", "--host", "0.0.0.0", "--port", "8000"]
