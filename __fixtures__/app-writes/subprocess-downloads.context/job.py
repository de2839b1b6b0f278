import os
import subprocess

MODEL_URL = 'https://example.com/models/model.bin'

subprocess.run(['wget', '-q', '-P', 'downloads', MODEL_URL], check=True)
subprocess.check_call(['curl', '-fsSL', '-o', '/var/lib/models/model.bin', MODEL_URL])
subprocess.run('curl -fsSL https://example.com/index.json | tee /dev/null', shell=True)
os.system('date > run.log')
os.system(f'curl -fsSL -o {os.environ["MODEL_OUT"]} {MODEL_URL}')
