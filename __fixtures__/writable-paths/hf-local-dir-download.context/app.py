# Reads the model downloaded at build time, and writes to the Hugging Face cache at run time, as the library does.
import os

with open("/models/minilm/config.json") as f:
    print("model", f.read().strip())
hub = os.path.join(os.environ["HF_HOME"], "hub")
os.makedirs(hub, exist_ok=True)
with open(os.path.join(hub, "version.txt"), "w") as f:
    f.write("1\n")
print("cache written to", hub)
