import time

import whisper
from df.enhance import init_df

model = whisper.load_model('medium')
df_model, df_state, _ = init_df()
print("ready", flush=True)
while True:
    time.sleep(60)
