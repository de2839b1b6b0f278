class ToTensor:
    pass


class Compose:
    def __init__(self, steps):
        self.steps = steps
