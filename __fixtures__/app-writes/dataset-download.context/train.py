import torch
from torchvision import datasets, transforms


def main():
    transform = transforms.Compose([transforms.ToTensor()])
    dataset1 = datasets.MNIST('../data', train=True, download=True,
                              transform=transform)
    dataset2 = datasets.MNIST('../data', train=False,
                              transform=transform)
    loader = torch.utils.data.DataLoader(dataset1, batch_size=64)
    print(len(loader), len(dataset2))


if __name__ == '__main__':
    main()
