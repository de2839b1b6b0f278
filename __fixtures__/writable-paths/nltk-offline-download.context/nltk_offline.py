# Stand-in for nltk.download (nltk's data servers are out of reach in the build): it asks the real
# Debian nltk for its own default folder, as nltk.download does, and writes a small corpus there.
import os
from nltk.downloader import Downloader


def download(name):
    folder = os.path.join(Downloader().default_download_dir(), "corpora", name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "english"), "w") as f:
        f.write("the\na\nan\n")
    return True
