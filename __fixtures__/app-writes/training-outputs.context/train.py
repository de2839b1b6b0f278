import logging
import os

import torch
from transformers import Trainer, TrainingArguments

LOG_DIR = os.environ.get("LOG_DIR", "logs")
os.makedirs(LOG_DIR, exist_ok=True)
logging.basicConfig(filename=os.path.join(LOG_DIR, "train.log"), level=logging.INFO)

args = TrainingArguments(
    output_dir="./results",
    num_train_epochs=1,
)


def main(model, dataset):
    trainer = Trainer(model=model, args=args, train_dataset=dataset)
    trainer.train()
    torch.save(model.state_dict(), "checkpoints/final.pt")
    with open(f"results/metrics-{os.getpid()}.json", "w") as out:
        out.write("{}")
