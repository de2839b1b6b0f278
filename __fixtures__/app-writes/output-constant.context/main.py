import json
import os
from pathlib import Path

from hydra.utils import get_original_cwd

OUTPUT_DIR = "/app/output"
FEEDBACK_LOG = "feedbacks.csv"


def save(result, output_path):
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    with open(output_path, "w", encoding="utf-8") as f:
        json.dump(result, f)


def checkpoint_dir():
    path = Path(get_original_cwd()) / "models" / "checkpoints"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_feedback(line, target=FEEDBACK_LOG):
    with open(target, "a") as out:
        out.write(line)


if __name__ == "__main__":
    save({"ok": True}, os.path.join(OUTPUT_DIR, "result.json"))
