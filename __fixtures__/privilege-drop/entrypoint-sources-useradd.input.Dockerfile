FROM debian:bookworm-slim
COPY scripts/ /opt/scripts/
ENTRYPOINT ["/opt/scripts/entrypoint.sh"]
CMD ["python3", "-m", "http.server", "8000"]
