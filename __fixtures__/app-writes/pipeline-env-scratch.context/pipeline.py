import os
import time
import uuid

scratch = os.environ["SCRATCH_DIR"]
queue = os.getenv("QUEUE_DIR", "/var/lib/pipeline/queue")

while True:
    name = uuid.uuid4().hex
    part = os.path.join(scratch, name + ".part")
    with open(part, "w") as f:
        f.write("batch")
    os.replace(part, os.path.join(queue, name))
    time.sleep(1)
