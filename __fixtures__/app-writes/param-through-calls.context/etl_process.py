import pandas as pd


def extract_data(file_path):
    return pd.read_csv(file_path)


def transform_data(data):
    return data.dropna()


def load_data(data, output_file_path):
    data.to_csv(output_file_path, index=False)
    print(f"Data loaded successfully to {output_file_path}.")


def etl_process(input_file, output_file):
    data = extract_data(input_file)
    load_data(transform_data(data), output_file_path=output_file)


if __name__ == "__main__":
    input_file = 'input_data.csv'
    output_file = 'output_data.csv'
    etl_process(input_file, output_file)
