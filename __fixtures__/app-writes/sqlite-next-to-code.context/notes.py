import sqlite3
import time

DB_PATH = "notes.db"

conn = sqlite3.connect(DB_PATH)
conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)")
with conn:
    conn.execute("INSERT INTO notes (body) VALUES ('started')")
print("notes db ready", flush=True)
while True:
    time.sleep(60)
