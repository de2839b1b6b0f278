"""Reads its own folder and stays up, like a small service."""
import os
import time

print(sorted(os.listdir(".")), flush=True)
while True:
    time.sleep(60)
