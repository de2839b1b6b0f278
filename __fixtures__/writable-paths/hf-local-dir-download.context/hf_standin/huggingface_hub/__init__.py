"""Stand-in for huggingface_hub (PyPI is out of reach in the test build): the file layout of a real
snapshot_download(local_dir=...) since huggingface_hub 0.23 -- files under local_dir, download metadata and
locks under local_dir/.cache/huggingface -- and nothing under HF_HOME, which that call never creates."""
import os


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def snapshot_download(repo_id, local_dir=None, **kwargs):
    if local_dir is None:
        cache = os.path.join(os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface")), "hub")
        local_dir = os.path.join(cache, "models--" + repo_id.replace("/", "--"), "snapshots", "main")
    meta = os.path.join(local_dir, ".cache", "huggingface")
    _write(os.path.join(meta, ".gitignore"), "*\n")
    for name in ("config.json", "model.safetensors"):
        _write(os.path.join(local_dir, name), '{"repo": "%s"}\n' % repo_id)
        _write(os.path.join(meta, "download", name + ".metadata"), "main\netag\n0\n")
    return local_dir
