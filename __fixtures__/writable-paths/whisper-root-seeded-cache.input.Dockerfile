FROM python:3.12-slim
WORKDIR /usr/src/app
COPY whisper ./whisper
COPY df ./df
RUN python -c "import whisper;whisper.load_model('medium')"
RUN python -c "from df.enhance import init_df;init_df()"
COPY *.py .
CMD [ "python", "-u", "./index.py" ]
