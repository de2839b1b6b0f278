FROM myorg/base:1
RUN useradd -u 1000 app
USER app
CMD ["python"]
