# Stand-in for torch.hub / whisper / nltk: they download into ~/.cache on first use, then serve.
import pathlib
import time

cache = pathlib.Path.home() / ".cache" / "torch" / "hub" / "checkpoints"
cache.mkdir(parents=True, exist_ok=True)
(cache / "model.pt").write_bytes(b"weights")
print(f"model cached in {cache}", flush=True)
time.sleep(3600)
