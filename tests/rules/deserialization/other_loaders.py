import shelve

import cloudpickle
import dill
import jsonpickle
import joblib
import marshal
import numpy as np
import pandas as pd
import torch
from numpy import load as np_load
from ruamel.yaml import YAML

ALLOW = True


def load_all(path, blob, flag):
    # expect: PY-DESER-001
    dill.loads(blob)
    # expect: PY-DESER-001
    cloudpickle.load(open(path, "rb"))
    # expect: PY-DESER-001
    jsonpickle.decode(blob)
    # expect: PY-DESER-001
    joblib.load(path)
    # expect: PY-DESER-001
    marshal.loads(blob)
    # expect: PY-DESER-001
    shelve.open(path)
    # expect: PY-DESER-001
    pd.read_pickle(path)
    # safe: PY-DESER-001
    jsonpickle.encode(blob)
    # safe: PY-DESER-001
    pd.read_csv(path)
    # safe: PY-DESER-001
    joblib.dump(blob, path)
    # a deep copy through pickle: the bytes are the program's own
    # safe: PY-DESER-001
    import pickle
    pickle.loads(pickle.dumps(blob))

    # expect: PY-DESER-003
    np.load(path, allow_pickle=True)
    # expect: CWE-502
    np_load(path, None, ALLOW)
    # a flag decided at run time: low confidence
    # expect: PY-DESER-003
    np.load(path, allow_pickle=flag)
    # safe: PY-DESER-003
    np.load(path)
    # safe: PY-DESER-003
    np.load(path, allow_pickle=False)

    # expect: PY-DESER-004
    torch.load(path)
    # expect: PY-DESER-004
    torch.load(path, map_location="cpu", weights_only=False)
    # expect: PY-DESER-004
    torch.load(path, pickle_module=dill)
    # safe: PY-DESER-004
    torch.load(path, weights_only=True)
    # safe: PY-DESER-004
    torch.load(path, map_location="cpu", weights_only=flag)
    # safe: PY-DESER-004
    torch.save(blob, path)

    # expect: PY-DESER-002
    YAML(typ="unsafe").load(blob)
    # safe: PY-DESER-002
    YAML(typ="safe").load(blob)
    # safe: PY-DESER-002
    YAML().load(blob)


class Store:
    def load(self, path):
        return path


def lookalike(path):
    store = Store()
    # a method called load on some object is not pickle.load
    # safe: PY-DESER-001
    store.load(path)
