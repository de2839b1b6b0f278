class DataLoader:
    def __init__(self, dataset, batch_size=1):
        self.dataset = dataset

    def __len__(self):
        return len(self.dataset)
