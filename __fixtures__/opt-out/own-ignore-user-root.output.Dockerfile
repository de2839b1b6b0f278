FROM python:3.12-slim
RUN useradd --system --uid 1001 app
COPY . /app
# The agent needs root to manage the host's network namespace.
# harden-dockerfile ignore
USER root
CMD ["python", "/app/agent.py"]
