# Stand-in for openai-whisper's load_model (PyPI is out of reach): the same cache folder, downloaded once, then only read.
import os


def load_model(name):
    default = os.path.join(os.path.expanduser("~"), ".cache")
    root = os.path.join(os.getenv("XDG_CACHE_HOME", default), "whisper")
    os.makedirs(root, exist_ok=True)
    target = os.path.join(root, name + ".pt")
    if not os.path.isfile(target):
        with open(target, "wb") as f:
            f.write(b"weights")
    with open(target, "rb") as f:
        return f.read()
