# Writes into the children of STORAGE_DIR that the Dockerfile made as root.
import os

root = os.environ["STORAGE_DIR"]
for child in ("uploads", "outputs"):
    with open(os.path.join(root, child, "probe.txt"), "w") as f:
        f.write(child + "\n")
print("wrote", root)
