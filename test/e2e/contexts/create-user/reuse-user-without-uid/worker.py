"""A queue worker stand-in: polls forever."""
import time

while True:
    time.sleep(1)
