FROM python:3.10-slim
WORKDIR /app
COPY . .
ENV SQLALCHEMY_DATABASE_URL=sqlite+aiosqlite:///./data/users.db
RUN python init_db.py
CMD ["python", "main.py"]
