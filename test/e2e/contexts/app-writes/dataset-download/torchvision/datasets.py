import os


class MNIST:
    """Like torchvision's MNIST: with download=True, makes <root>/MNIST/raw and saves the archives there."""

    def __init__(self, root, train=True, transform=None, download=False):
        self.raw_folder = os.path.join(root, 'MNIST', 'raw')
        if download:
            os.makedirs(self.raw_folder, exist_ok=True)
            with open(os.path.join(self.raw_folder, 'train-images-idx3-ubyte'), 'wb') as f:
                f.write(b'\x00' * 16)
        elif not os.path.isdir(self.raw_folder):
            raise RuntimeError('Dataset not found. You can use download=True to download it')

    def __len__(self):
        return 1
