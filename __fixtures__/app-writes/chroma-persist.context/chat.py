import streamlit as st
from store import open_store

db = open_store()
st.write(db.similarity_search(st.text_input("question") or "hello"))
