FROM python:3.11-slim
ENV DATABASE_URL=sqlite:////app/data/users.db
WORKDIR /app
COPY . .
RUN mkdir -p /app/data && python init_db.py
CMD ["python", "app.py"]
