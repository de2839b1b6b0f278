FROM python:3.12-slim
WORKDIR /code
COPY . /code/
RUN pip install --no-cache-dir django pillow
CMD ["sh", "-c", "cd site && python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]
