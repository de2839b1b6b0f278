# harden with --uid 4242 --gid 4242 --user ml --group ml
FROM python:3.12-slim
COPY train.py /opt/train.py
CMD ["python", "/opt/train.py"]
