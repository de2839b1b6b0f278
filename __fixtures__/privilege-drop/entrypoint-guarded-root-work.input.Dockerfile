FROM python:3.12-slim
WORKDIR /srv/app
COPY app.py start.sh ./
CMD ["sh", "./start.sh"]
