def report(d):
    pass
