import sys


def export(rows, target):
    with open(target, "w") as out:
        out.writelines(rows)


if __name__ == "__main__":
    export(["a\n"], sys.argv[1])
    with open("/app/config.yaml") as cfg:
        print(cfg.read())
