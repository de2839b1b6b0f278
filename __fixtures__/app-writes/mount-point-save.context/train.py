import torch


def main():
    model = {'weights': [0.1, 0.2]}
    print("Saving model!")
    torch.save(model, "/mnt/pc3427_model.pth")


if __name__ == '__main__':
    main()
