"""Toy pipeline: writes its temporary results into $OUTPUT_DIR and exits 0."""
import os
import pathlib

out = pathlib.Path(os.environ["OUTPUT_DIR"])
for step in ("extract", "transform", "load"):
    (out / f"{step}.csv").write_text(f"step,{step}\n")
print(f"wrote {len(list(out.iterdir()))} files to {out}")
