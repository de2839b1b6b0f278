FROM quay.io/jupyter/scipy-notebook:2024-05-27
USER root
RUN apt-get update && apt-get install -y --no-install-recommends graphviz && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir graphviz
USER ${NB_UID}
