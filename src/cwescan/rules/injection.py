"""Code and command injection rules: what one call can tell without data flow.

Whether attacker data reaches these calls is the taint engine's question; these rules
flag the calls whose argument is not a constant, which is where an injection can be.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule

_EVAL_FUNCTIONS = {"builtins.eval": "eval", "builtins.exec": "exec"}


@rule(
    id="PY-EVAL-001",
    cwe=95,
    title="Dynamic code evaluation of a non-constant string",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary="Flags `eval()` and `exec()` called on anything but a constant string.",
    why=(
        "`eval` and `exec` run their argument as Python code with the caller's privileges. "
        "If any part of that string can be influenced by a user, a file or the network, "
        "an attacker can run arbitrary code (eval injection)."
    ),
    fix=(
        "Parse data instead of evaluating it: `ast.literal_eval` for Python literals, "
        "`json.loads` for JSON, or a dispatch table of allowed operations."
    ),
    bad="value = eval(request.args['expr'])",
    good="value = ast.literal_eval(request.args['expr'])",
    nodes=(ast.Call,),
    references=("https://docs.python.org/3/library/functions.html#eval",),
    bandit=("B307", "B102"),
    scope_note=(
        "Pattern: any non-constant argument is flagged (medium confidence). The taint "
        "engine reports the same CWE with high confidence when user input reaches it."
    ),
)
def eval_of_non_constant(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = _EVAL_FUNCTIONS.get(ctx.call_name(node) or "")
    if name is None:
        return
    code = argument(node, 0, "source")
    if code is None or ctx.constant(code)[0]:
        return
    yield Issue(
        node,
        f"`{name}()` runs `{_short(ast.unparse(code))}` as Python code; if any part of it "
        "comes from outside the program, an attacker can execute arbitrary code.",
    )


_SUBPROCESS_FUNCTIONS = frozenset(
    {
        "subprocess.Popen",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.run",
    }
)


@rule(
    id="PY-CMD-001",
    cwe=78,
    title="Subprocess started through a shell with a non-constant command",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `subprocess` calls with `shell=True` (or a non-constant `shell`) whose "
        "command is not a constant string."
    ),
    why=(
        "With `shell=True` the command line is interpreted by `/bin/sh`: any `;`, `|`, "
        "`$(...)` or backtick in an interpolated value runs another command (OS command "
        "injection)."
    ),
    fix=(
        "Pass the program and its arguments as a list without a shell: "
        "`subprocess.run([\"convert\", path, out], check=True)`; if a shell is unavoidable, "
        "quote every value with `shlex.quote`."
    ),
    bad="subprocess.run(f\"convert {path} out.png\", shell=True)",
    good="subprocess.run([\"convert\", path, \"out.png\"], check=True)",
    nodes=(ast.Call,),
    references=("https://docs.python.org/3/library/subprocess.html#security-considerations",),
    bandit=("B602",),
    scope_note=(
        "Pattern: a non-constant command with a shell is flagged (medium confidence); a "
        "constant command is not. The taint engine reports CWE-78 with high confidence "
        "when user input reaches the command."
    ),
)
def subprocess_shell(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _SUBPROCESS_FUNCTIONS:
        return
    shell = keyword(node, "shell")
    if shell is None:
        return
    known, value = ctx.constant(shell)
    if known and not value:
        return
    command = argument(node, 0, "args")
    if command is None or ctx.constant(command)[0]:
        return
    confidence = None if known else Confidence.LOW
    yield Issue(
        node,
        f"`{name}` runs `{_short(ast.unparse(command))}` through the shell; shell "
        "metacharacters in any interpolated value start other commands.",
        confidence=confidence,
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
