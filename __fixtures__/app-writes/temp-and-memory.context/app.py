import io
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd
from PIL import Image


def anonymize(data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as temp_dir:
        temp_dir = Path(temp_dir)
        csv_file = temp_dir / 'data.csv'
        csv_file.write_bytes(data)
        return csv_file.read_bytes()


def thumbnail(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format='PNG')
    with io.StringIO() as text:
        pd.DataFrame({'w': [img.width]}).to_csv(text)
    return buf.getvalue()


def report(frame: pd.DataFrame) -> None:
    frame.to_csv(sys.stdout)
    with tempfile.NamedTemporaryFile(suffix='.csv', delete=False) as tmp:
        frame.to_csv(tmp.name)
    fd, scratch = tempfile.mkstemp()
    with open(scratch, 'w') as out:
        out.write('done')


def export(frame: pd.DataFrame, name: str) -> None:
    frame.to_parquet(name)


def scratch(data: str) -> None:
    work = tempfile.mkdtemp(dir='/srv/scratch')
    with open(os.path.join(work, 'part.txt'), 'w') as out:
        out.write(data)
