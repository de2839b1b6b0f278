FROM python:3.10-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
WORKDIR /app
COPY . .
ENV SQLALCHEMY_DATABASE_URL=sqlite+aiosqlite:///./data/users.db
RUN python init_db.py
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/data && touch /app/data/users.db && chown 1001:1001 /app/data /app/data/users.db
USER 1001:1001
CMD ["python", "main.py"]
