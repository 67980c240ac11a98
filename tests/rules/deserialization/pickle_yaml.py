import _pickle
import pickle
import pickle as pkl
from pickle import loads as unpickle

import yaml
from yaml import SafeLoader, load
from yaml import Loader as YamlLoader


class ConfigLoader(yaml.SafeLoader):
    """A project loader derived from the safe one."""


class LegacyLoader(yaml.Loader):
    """A project loader derived from the unsafe one."""


class RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def restore(blob, path, text, loader_class):
    # expect: PY-DESER-001
    pickle.loads(blob)
    # expect: CWE-502
    pkl.load(open(path, "rb"))
    # expect: PY-DESER-001
    unpickle(blob)
    # expect: PY-DESER-001
    _pickle.loads(blob)
    # expect: PY-DESER-001
    pickle.Unpickler(open(path, "rb")).load()
    # safe: CWE-502
    pickle.dumps(blob)
    copied = pickle.dumps(text)
    # a copy of the program's own object, through a variable
    # safe: CWE-502
    pickle.loads(copied)
    # an allow-list unpickler (find_class overridden)
    # safe: PY-DESER-001
    RestrictedUnpickler(open(path, "rb")).load()
    # expect: PY-DESER-002
    yaml.load(text, Loader=yaml.Loader)
    # expect: PY-DESER-002
    load(text, YamlLoader)
    # expect: PY-DESER-002
    yaml.unsafe_load(text)
    # expect: PY-DESER-002
    yaml.load(text)
    # expect: PY-DESER-002
    yaml.load_all(text, Loader=yaml.UnsafeLoader)
    # expect: PY-DESER-002
    yaml.load(text, Loader=yaml.CLoader)
    # expect: PY-DESER-002
    yaml.load(text, Loader=LegacyLoader)
    # a loader chosen at run time: low confidence
    # expect: PY-DESER-002
    yaml.load(text, Loader=loader_class)
    # safe: PY-DESER-002
    yaml.load(text, Loader=yaml.SafeLoader)
    # safe: PY-DESER-002
    load(text, Loader=SafeLoader)
    # safe: PY-DESER-002
    yaml.load(text, yaml.CSafeLoader)
    # safe: PY-DESER-002
    yaml.safe_load(text)
    # safe: PY-DESER-002
    yaml.load(text, Loader=ConfigLoader)
    # FullLoader is an audit hint (safe on PyYAML >= 5.4)
    # safe: PY-DESER-002
    yaml.load(text, Loader=yaml.FullLoader)
    # safe: PY-DESER-002
    yaml.full_load(text)
