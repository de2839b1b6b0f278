"""A toy training job: 'trains' and saves a model into /tmp, then exits 0."""
import os
import tempfile

with tempfile.NamedTemporaryFile("w", suffix=".model", delete=False) as f:
    f.write("weights\n")
print(f"saved {f.name} as uid {os.getuid()}")
