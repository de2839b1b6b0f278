import os
import sqlite3

conn = sqlite3.connect(os.environ["DATABASE_URL"].removeprefix("sqlite:///"))
conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)")
conn.commit()
