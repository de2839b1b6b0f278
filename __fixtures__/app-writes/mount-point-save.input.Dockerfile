FROM python:3.11-slim
COPY . /app
WORKDIR /app
USER root
CMD python train.py --save-model
