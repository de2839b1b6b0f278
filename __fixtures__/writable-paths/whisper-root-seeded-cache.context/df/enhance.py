# Stand-in for DeepFilterNet 0.5.6 init_df (PyPI is out of reach): the model goes to appdirs' user cache
# ($XDG_CACHE_HOME/DeepFilterNet/DeepFilterNet3), and every init appends to enhance.log in that folder (loguru, mode "a").
import os


def init_df():
    cache = os.getenv("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))
    model_dir = os.path.join(cache, "DeepFilterNet", "DeepFilterNet3")
    if not os.path.isdir(model_dir):
        os.makedirs(os.path.join(model_dir, "checkpoints"))
        with open(os.path.join(model_dir, "config.ini"), "w") as f:
            f.write("[df]\n")
    with open(os.path.join(model_dir, "enhance.log"), "a") as log:
        log.write("Running on cpu\n")
    return "model", "state", None
