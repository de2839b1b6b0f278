FROM python:3.12-slim
WORKDIR /usr/src/app
COPY requirements.txt ./
COPY *.py .
COPY conf/[a-c]?.ini conf/
CMD [ "python", "-u", "./index.py" ]
