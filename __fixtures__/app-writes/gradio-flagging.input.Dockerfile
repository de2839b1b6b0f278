FROM python:3.11-slim
ADD . /opt/webui/
RUN python3 -m pip install -r /opt/webui/requirements.txt
WORKDIR /opt/webui/
ENTRYPOINT ["python3"]
CMD ["app.py", "--server_name", "0.0.0.0"]
