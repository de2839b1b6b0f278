FROM registry.example.com/platform/ml-base:2024.06
RUN apt-get update && apt-get install -y libgomp1
COPY model_server.py /srv/
CMD ["python", "/srv/model_server.py"]
