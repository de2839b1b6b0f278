# Fetches the page through nginx and php-fpm; exits non-zero on a 502 or a page php did not run.
import sys
import time
import urllib.request

for attempt in range(20):
    try:
        body = urllib.request.urlopen("http://127.0.0.1:8083/index.php", timeout=2).read().decode()
        break
    except OSError as error:
        last = error
        time.sleep(0.25)
else:
    sys.exit(f"no page from nginx: {last}")
print(body, end="")
sys.exit(0 if body.startswith("php-fpm answers") else "nginx served the php source, not its output")
