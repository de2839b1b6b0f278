import time

print("serving", flush=True)
time.sleep(60)
