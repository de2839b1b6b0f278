# A Django site's cache as django-environ sets it up from CACHE_URL (filecache:// is FileBasedCache); it caches
# one entry at start, then serves. django-environ is not packaged by Debian, so its URL parsing is done here.
import os
import time

import django
from django.conf import settings

location = os.environ["CACHE_URL"].removeprefix("filecache://")
settings.configure(CACHES={"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}})
django.setup()

from django.core.cache import cache

cache.set("front-page", "<html>rendered</html>", 60)
assert cache.get("front-page") == "<html>rendered</html>"
print("cached the front page in", location, flush=True)
while True:
    time.sleep(60)
