FROM python:3.11-slim
# Run as an unprivileged user with fixed ids (for runAsNonRoot and bind-mount ownership)
RUN groupadd --system --gid 1001 nonroot && useradd --system --uid 1001 --gid 1001 --no-log-init --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot
RUN pip install --no-cache-dir torch torchvision
# torch hub downloads in the unprivileged user's home (as root they would go to /root, which the user cannot enter)
ENV TORCH_HOME=/home/nonroot/.cache/torch
RUN python -c "import torch; torch.hub.load('pytorch/vision', 'resnet18', weights='IMAGENET1K_V1')" && chown -R 1001:1001 /home/nonroot/.cache/torch
RUN python -c "from torchvision.models import resnet50, ResNet50_Weights; resnet50(weights=ResNet50_Weights.DEFAULT)" && chown -R 1001:1001 /home/nonroot/.cache/torch
WORKDIR /app
COPY serve.py .
USER 1001:1001
CMD ["python", "serve.py"]
