FROM registry.access.redhat.com/ubi9/python-311:latest
USER 0
RUN dnf install -y libpq-devel && dnf clean all
COPY . /opt/app-root/src
RUN pip install --no-cache-dir -r requirements.txt
USER 1001
CMD ["python", "app.py"]
