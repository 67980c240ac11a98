import ast
import builtins
from builtins import eval as evaluate

EXPRESSION = "1 + 2"


# The pattern rule alone: `expr` is a parameter, not a known source of user input (with
# one, the taint engine reports the flow instead, with its trace).
def handler(expr):
    # expect: PY-EVAL-001
    result = eval(expr)
    # expect: CWE-95
    exec("print(%s)" % expr)
    # expect: PY-EVAL-001
    evaluate(expr)
    # expect: PY-EVAL-001
    builtins.exec(compile_source(expr))
    # safe: PY-EVAL-001
    eval("1 + 2")
    # safe: CWE-95
    eval(EXPRESSION)
    # safe: CWE-95
    exec(f"value = {EXPRESSION}")
    # compiled from a constant: still the program's own code
    # safe: PY-EVAL-001
    exec(compile(EXPRESSION, "<expr>", "eval"))
    # expect: PY-EVAL-001
    exec(compile(expr, "<expr>", "exec"))
    # restricting builtins does not make eval safe
    # expect: PY-EVAL-001
    eval(expr, {"__builtins__": {}}, {})
    # safe: PY-EVAL-001
    ast.literal_eval(expr)
    return result


def compile_source(text):
    return text


def shadowed(eval):
    # a parameter named eval is not the builtin
    # safe: PY-EVAL-001
    return eval(input())


class Calculator:
    def eval(self, text):
        return text

    def run(self, text):
        # a method named eval is not the builtin
        # safe: PY-EVAL-001
        return self.eval(text)
