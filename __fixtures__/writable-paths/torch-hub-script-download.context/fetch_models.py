import torch

model = torch.hub.load("pytorch/vision", "resnet18", weights="IMAGENET1K_V1")
