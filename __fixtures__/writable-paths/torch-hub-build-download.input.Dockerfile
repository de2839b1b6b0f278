FROM python:3.11-slim
RUN pip install --no-cache-dir torch torchvision
RUN python -c "import torch; torch.hub.load('pytorch/vision', 'resnet18', weights='IMAGENET1K_V1')"
RUN python -c "from torchvision.models import resnet50, ResNet50_Weights; resnet50(weights=ResNet50_Weights.DEFAULT)"
WORKDIR /app
COPY serve.py .
CMD ["python", "serve.py"]
