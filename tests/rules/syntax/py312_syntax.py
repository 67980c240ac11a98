# Python 3.12+ syntax: the host parser (3.11) rejects this file; tree-sitter reads it
# and every rule runs on the lowered tree unchanged.
import subprocess as sp

type Command = list[str]


def run[T](host: T, opts: dict[str, str]) -> T:
    # expect: PY-CMD-001
    sp.call(f"ping {opts["count"]} {host}", shell=True)
    # safe: PY-CMD-001
    sp.call(f"ping {"-c 1"}", shell=True)
    return host


class Box[T]:
    def open(self, code: T) -> None:
        # expect: PY-EVAL-001
        eval(f"{code!r:{"width"}}")
