from langchain_chroma import Chroma

vectordb = Chroma(persist_directory="docs/chroma_db")
print(vectordb.similarity_search("hello"))
