import os
from helpers import report

os.makedirs('/usr/src/app/reports', exist_ok=True)
report('/usr/src/app/reports')
