import _pickle
import pickle
import pickle as pkl
from pickle import loads as unpickle

import yaml
from yaml import SafeLoader, load
from yaml import Loader as YamlLoader


def restore(blob, path, text):
    # expect: PY-DESER-001
    pickle.loads(blob)
    # expect: CWE-502
    pkl.load(open(path, "rb"))
    # expect: PY-DESER-001
    unpickle(blob)
    # expect: PY-DESER-001
    _pickle.loads(blob)
    # safe: CWE-502
    pickle.dumps(blob)
    # expect: PY-DESER-002
    yaml.load(text, Loader=yaml.Loader)
    # expect: PY-DESER-002
    load(text, YamlLoader)
    # expect: PY-DESER-002
    yaml.unsafe_load(text)
    # expect: PY-DESER-002
    yaml.load(text)
    # safe: PY-DESER-002
    yaml.load(text, Loader=yaml.SafeLoader)
    # safe: PY-DESER-002
    load(text, Loader=SafeLoader)
    # safe: PY-DESER-002
    yaml.load(text, yaml.CSafeLoader)
    # safe: PY-DESER-002
    yaml.safe_load(text)
