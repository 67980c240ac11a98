# cwescan-fixture: profile=audit
import yaml
from yaml import FullLoader


def load(text):
    # safe on PyYAML >= 5.4 only: an audit hint
    # expect: PY-DESER-005
    yaml.full_load(text)
    # expect: PY-DESER-005
    yaml.load(text, Loader=FullLoader)
    # expect: PY-DESER-005
    yaml.full_load_all(text)
    # safe: PY-DESER-005
    yaml.safe_load(text)
    # the unsafe loader is a default-profile finding
    # expect: PY-DESER-002
    yaml.load(text, Loader=yaml.UnsafeLoader)
