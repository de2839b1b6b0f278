# Writes where huggingface_hub and matplotlib write at run time, then keeps serving like an app would.
import os
import pathlib
import time

for folder in (pathlib.Path(os.environ["HF_HOME"]) / "hub", pathlib.Path(os.environ["MPLCONFIGDIR"])):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "written-at-run-time").write_text("ok\n")
    print("wrote", folder)
time.sleep(3600)
