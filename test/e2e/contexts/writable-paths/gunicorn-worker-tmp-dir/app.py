"""The WSGI app gunicorn serves as app:app."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
