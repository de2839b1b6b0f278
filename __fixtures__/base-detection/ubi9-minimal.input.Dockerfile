FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y python3.11 && microdnf clean all
COPY app.py /opt/app/app.py
CMD ["python3.11", "/opt/app/app.py"]
