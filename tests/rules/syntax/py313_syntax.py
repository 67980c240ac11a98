# Python 3.13/3.14 syntax: type parameter defaults (PEP 696), except without
# parentheses (PEP 758), template strings (PEP 750).
import pickle


class Queue[T = bytes]:
    def load(self, blob: T):
        try:
            # expect: PY-DESER-001
            return pickle.loads(blob)
        except ValueError, TypeError:
            return None


def greet(name):
    template = t"hello {name}"
    # expect: PY-EVAL-001
    return eval(f"{name}")
