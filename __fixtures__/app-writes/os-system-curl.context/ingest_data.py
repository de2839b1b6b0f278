import argparse
import os


def main(params):
    url = params.url

    os.system(f'curl -sS -k {url} -O')

    with open('yellow_tripdata_2021-01.parquet', 'rb') as parquet:
        print(f'ingested {len(parquet.read())} bytes')


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Ingest parquet data')
    parser.add_argument('--url', help='url of the parquet file')
    main(parser.parse_args())
