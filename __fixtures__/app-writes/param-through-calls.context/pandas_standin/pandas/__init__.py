# A stand-in for pandas' CSV round trip: to_csv opens its path for writing, as pandas does.
import csv


class DataFrame:
    def __init__(self, header, rows):
        self.header = header
        self.rows = rows

    def dropna(self):
        return DataFrame(self.header, [r for r in self.rows if all(v != '' for v in r)])

    def to_csv(self, path_or_buf, index=True):
        with open(path_or_buf, 'w', newline='') as f:
            writer = csv.writer(f)
            writer.writerow(self.header)
            writer.writerows(self.rows)


def read_csv(path):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    return DataFrame(rows[0], rows[1:])
