import json
import os

INPUT_DIR = '/app/input'
OUTPUT_DIR = '/app/output'


def save(result, output_path):
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    with open(output_path, 'w') as f:
        json.dump(result, f)


if __name__ == '__main__':
    names = sorted(os.listdir(INPUT_DIR))
    report_path = os.path.join(OUTPUT_DIR, 'report.json')
    save({'inputs': names}, report_path)
