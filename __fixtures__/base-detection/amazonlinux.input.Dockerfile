FROM public.ecr.aws/amazonlinux/amazonlinux:2023
RUN dnf install -y python3.11 && dnf clean all
COPY worker.py /srv/worker.py
CMD ["python3.11", "/srv/worker.py"]
