import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"model": os.environ["MODEL_PATH"], "exists": os.path.exists(os.environ["MODEL_PATH"])}
