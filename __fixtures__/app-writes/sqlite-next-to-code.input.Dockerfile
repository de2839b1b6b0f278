FROM python:3.11-slim
WORKDIR /srv/notes
COPY notes.py .
CMD ["python", "notes.py"]
