# Stands in for torch (no PyPI here): only what train.py touches.
import pickle

from . import utils


def save(obj, f):
    with open(f, 'wb') as out:
        pickle.dump(obj, out)
