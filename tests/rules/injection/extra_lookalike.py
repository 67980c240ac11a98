# Not Django: `.extra(...)` of an unrelated object with positional arguments.


def merge(config, overrides):
    # safe: PY-SQLI-002
    return config.extra(overrides)
