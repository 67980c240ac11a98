# One function is broken; the others are still analysed.
import yaml


def broken(:
    return 1


def loads(text):
    # expect: PY-DESER-002
    return yaml.load(text, Loader=yaml.Loader)
