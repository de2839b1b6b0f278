from langchain_chroma import Chroma

PERSIST_DIR = "docs/chroma_db"


def open_store():
    return Chroma(collection_name="reports", persist_directory=PERSIST_DIR)
