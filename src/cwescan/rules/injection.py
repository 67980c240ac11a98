"""Code, command and SQL injection rules: what one call or one string can tell.

Whether attacker data reaches these calls is the taint engine's question; these rules
flag what the code itself shows: a shell command, SQL statement or piece of code that
is assembled from values that are not constants, a wildcard handed to a shell, a
process started through the search path, a model fetched from a mutable hub revision.
Calls whose every argument is a constant are left to the `audit` profile.
"""

from __future__ import annotations

import ast
import io
import re
import string
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, has_star_arguments, keyword, rule
from cwescan.rules.strings import (
    BuiltString,
    bound_value,
    decompose,
    is_safe_value,
    is_string_builder,
    outermost_builder,
    source_text,
)

# ---------------------------------------------------------------------------------
# eval / exec
# ---------------------------------------------------------------------------------

_EVAL_FUNCTIONS = {"builtins.eval": "eval", "builtins.exec": "exec"}


def _evaluated_code(node: ast.Call, ctx: RuleContext) -> tuple[str, ast.expr] | None:
    name = _EVAL_FUNCTIONS.get(ctx.call_name(node) or "")
    if name is None:
        return None
    code = argument(node, 0, "source")
    if code is None:
        return None
    return name, code


def _is_constant_code(code: ast.expr, ctx: RuleContext) -> bool:
    """A constant string, or `compile()` of one: code the program itself wrote."""
    if ctx.constant(code)[0]:
        return True
    if isinstance(code, ast.Call) and ctx.call_name(code) == "builtins.compile":
        source = argument(code, 0, "source")
        return source is not None and ctx.constant(source)[0]
    return False


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
        "an attacker can run arbitrary code (eval injection). Restricting `__builtins__` "
        "in the globals does not make it safe: attribute walks such as "
        "`().__class__.__base__.__subclasses__()` reach everything again."
    ),
    fix=(
        "Parse data instead of evaluating it: `ast.literal_eval` for Python literals, "
        "`json.loads` for JSON, or a dispatch table of allowed operations."
    ),
    bad="value = eval(request.args['expr'])",
    good="value = ast.literal_eval(request.args['expr'])",
    nodes=(ast.Call,),
    calls=_EVAL_FUNCTIONS,
    references=(
        "https://docs.python.org/3/library/functions.html#eval",
        "https://docs.python.org/3/library/ast.html#ast.literal_eval",
    ),
    bandit=("B307", "B102"),
    scope_note=(
        "Pattern: any non-constant argument is flagged (medium confidence); "
        "`compile()` of a constant counts as constant. The taint engine reports the "
        "same CWE with high confidence when user input reaches it."
    ),
)
def eval_of_non_constant(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _evaluated_code(node, ctx)
    if found is None:
        return
    name, code = found
    if _is_constant_code(code, ctx):
        return
    yield Issue(
        node,
        f"`{name}()` runs `{_short(source_text(code))}` as Python code; if any part of it "
        "comes from outside the program, an attacker can execute arbitrary code.",
    )


@rule(
    id="PY-EVAL-002",
    cwe=95,
    title="`eval`/`exec` of a constant string",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary="Audit hint: `eval()`/`exec()` whose code is a constant the program wrote itself.",
    why=(
        "A constant string cannot be injected into, so this is not a vulnerability today; "
        "but `eval`/`exec` invite the next edit to splice a value in, and most constant "
        "uses have a direct equivalent (`ast.literal_eval`, a plain expression)."
    ),
    fix="Write the expression as code, or use `ast.literal_eval` for literals.",
    bad="limits = eval(\"{'max': 10}\")",
    good="limits = {'max': 10}",
    nodes=(ast.Call,),
    calls=_EVAL_FUNCTIONS,
    references=("https://docs.python.org/3/library/functions.html#eval",),
    bandit=("B307", "B102"),
    profile="audit",
    scope_note="Pattern only: the constant counterpart of PY-EVAL-001.",
)
def eval_of_constant(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _evaluated_code(node, ctx)
    if found is None:
        return
    name, code = found
    if not _is_constant_code(code, ctx):
        return
    yield Issue(
        node,
        f"`{name}()` of the constant `{_short(source_text(code))}`: not injectable as written, "
        "but any value spliced in later becomes code.",
    )


# ---------------------------------------------------------------------------------
# processes and shells
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Launcher:
    """A function that starts a process: how it treats its command argument."""

    kind: str  # "subprocess" (shell= decides), "shell" (always a shell), "exec" (never)
    position: int  # where the command or program is passed
    keyword: str | None
    argv: bool = False  # the command is an argv list (or a lone program string)


_SUBPROCESS_FUNCTIONS = frozenset(
    {
        "subprocess.Popen",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.run",
    }
)

_LAUNCHERS: dict[str, _Launcher] = {
    **{name: _Launcher("subprocess", 0, "args", argv=True) for name in _SUBPROCESS_FUNCTIONS},
    "os.system": _Launcher("shell", 0, "command"),
    "os.popen": _Launcher("shell", 0, "cmd"),
    "os.popen2": _Launcher("shell", 0, "cmd"),
    "os.popen3": _Launcher("shell", 0, "cmd"),
    "os.popen4": _Launcher("shell", 0, "cmd"),
    "popen2.popen2": _Launcher("shell", 0, "cmd"),
    "popen2.popen3": _Launcher("shell", 0, "cmd"),
    "popen2.popen4": _Launcher("shell", 0, "cmd"),
    "popen2.Popen3": _Launcher("shell", 0, "cmd"),
    "popen2.Popen4": _Launcher("shell", 0, "cmd"),
    "commands.getoutput": _Launcher("shell", 0, "cmd"),
    "commands.getstatusoutput": _Launcher("shell", 0, "cmd"),
    "subprocess.getoutput": _Launcher("shell", 0, "cmd"),
    "subprocess.getstatusoutput": _Launcher("shell", 0, "cmd"),
    "asyncio.create_subprocess_shell": _Launcher("shell", 0, "cmd"),
    "asyncio.subprocess.create_subprocess_shell": _Launcher("shell", 0, "cmd"),
    **{f"os.exec{suffix}": _Launcher("exec", 0, "path") for suffix in ("l", "le", "v", "ve")},
    **{f"os.exec{suffix}": _Launcher("exec", 0, "file") for suffix in ("lp", "lpe", "vp", "vpe")},
    **{
        f"os.spawn{suffix}": _Launcher("exec", 1, None)
        for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")
    },
    "os.startfile": _Launcher("exec", 0, "path"),
    "os.posix_spawn": _Launcher("exec", 0, "path"),
    "os.posix_spawnp": _Launcher("exec", 0, "path"),
    "asyncio.create_subprocess_exec": _Launcher("exec", 0, "program"),
    "asyncio.subprocess.create_subprocess_exec": _Launcher("exec", 0, "program"),
    "pty.spawn": _Launcher("exec", 0, "argv", argv=True),
}

# Values that name the program without outside influence.
_TRUSTED_PROGRAMS = frozenset({"sys.executable", "sys._base_executable"})
_TRUSTED_PROGRAM_CALLS = frozenset({"shutil.which"})


def _shell_sanitizer(ctx: RuleContext, call: ast.Call) -> bool:
    return ctx.call_name(call) in ("shlex.quote", "pipes.quote", "shlex.join", "pipes.join")


def _shell_flag(ctx: RuleContext, call: ast.Call) -> tuple[bool, bool]:
    """(uses a shell, known statically) for a call's `shell=` keyword."""
    shell = keyword(call, "shell")
    if shell is None:
        return False, True
    known, value = ctx.constant(shell)
    if known:
        return bool(value), True
    return True, False


def _command_node(call: ast.Call, launcher: _Launcher) -> ast.expr | None:
    return argument(call, launcher.position, launcher.keyword)


def _shell_command(node: ast.expr | None) -> ast.expr | None:
    """With `shell=True`, a list's first element is the command line the shell runs."""
    if (
        isinstance(node, (ast.List, ast.Tuple))
        and node.elts
        and not isinstance(node.elts[0], ast.Starred)
    ):
        return node.elts[0]
    return node


def _unsafe_command(ctx: RuleContext, command: ast.expr) -> BuiltString | None | bool:
    """False when the command is constant or fully quoted; else its pieces (None if opaque)."""
    built = decompose(ctx, command, _shell_sanitizer)
    if built is not None:
        return built if built.unsafe else False
    if isinstance(command, (ast.List, ast.Tuple)):
        if ctx.constant(command)[0]:
            return False
        return None
    return None if not is_safe_value(ctx, command, _shell_sanitizer) else False


def _describe_unsafe(built: BuiltString | None, command: ast.expr) -> str:
    if built is None:
        return f"`{_short(source_text(command))}` is not a constant"
    values = built.unsafe_values()
    return f"{built.how} splices {values} into the command line unquoted"


def _unsafe_shell_argument(
    ctx: RuleContext, command: ast.expr
) -> tuple[bool | BuiltString | None, ast.expr]:
    """Judge a `shell=True` command; a list is judged element by element.

    On POSIX only a list's first element reaches the shell, but on Windows the whole
    list is joined into the `cmd.exe` command line, so every element counts.
    """
    if isinstance(command, (ast.List, ast.Tuple)):
        for element in command.elts:
            if isinstance(element, ast.Starred):
                return None, element
            unsafe = _unsafe_command(ctx, element)
            if unsafe is not False:
                return unsafe, element
        return False, command
    return _unsafe_command(ctx, command), command


def _shell_injection(ctx: RuleContext, call: ast.Call) -> Issue | None:
    """PY-CMD-001: `shell=True` with a command that is not constant."""
    name = ctx.call_name(call)
    launcher = _LAUNCHERS.get(name or "")
    known_function = launcher is not None and launcher.kind == "subprocess"
    if launcher is not None and not known_function:
        return None
    uses_shell, shell_known = _shell_flag(ctx, call)
    if not uses_shell:
        return None
    if not known_function and (name is None or not shell_known):
        # a wrapper taking `shell=True` (Bandit's B604): only a resolvable function,
        # never a method of an unknown object
        return None
    given = argument(call, 0, "args" if known_function else None)
    if given is None:
        return None
    unsafe, command = _unsafe_shell_argument(ctx, given)
    if unsafe is False:
        return None
    built = unsafe if isinstance(unsafe, BuiltString) else None
    confidence = None if known_function and shell_known else Confidence.LOW
    return Issue(
        call,
        f"`{name}` runs its command through the shell and {_describe_unsafe(built, command)}; "
        "a `;`, `|`, `$(...)` or backtick in that value starts another command.",
        remediation=(
            "Pass an argument list without a shell, e.g. "
            f'`{name}(["prog", arg], check=True)`, or quote each value with `shlex.quote`.'
        ),
        confidence=confidence,
    )


@rule(
    id="PY-CMD-001",
    cwe=78,
    title="Subprocess started through a shell with a non-constant command",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `subprocess` calls with `shell=True` (or a non-constant `shell`) whose "
        "command is not a constant string, and any other call passing `shell=True` "
        "with a non-constant first argument (a wrapper, low confidence)."
    ),
    why=(
        "With `shell=True` the command line is interpreted by `/bin/sh`: any `;`, `|`, "
        "`$(...)` or backtick in an interpolated value runs another command (OS command "
        "injection)."
    ),
    fix=(
        "Pass the program and its arguments as a list without a shell: "
        '`subprocess.run(["convert", path, out], check=True)`; if a shell is unavoidable, '
        "quote every value with `shlex.quote`."
    ),
    bad='subprocess.run(f"convert {path} out.png", shell=True)',
    good='subprocess.run(["convert", path, "out.png"], check=True)',
    nodes=(ast.Call,),
    keywords=("shell",),  # without `shell=` nothing here uses a shell
    references=(
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
        "https://docs.python.org/3/library/shlex.html#shlex.quote",
    ),
    bandit=("B602", "B604"),
    scope_note=(
        "Pattern: a shell command built from values that are not constants (and not "
        "wrapped in `shlex.quote`) is flagged with medium confidence; a constant command "
        "is an audit hint (PY-CMD-004). The taint engine reports CWE-78 with high "
        "confidence when user input reaches the command."
    ),
)
def subprocess_shell(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _shell_injection(ctx, node)
    if found is not None:
        yield found


def _shell_function_injection(ctx: RuleContext, call: ast.Call) -> Issue | None:
    """PY-CMD-002: functions that always use a shell, with a non-constant command."""
    name = ctx.call_name(call)
    launcher = _LAUNCHERS.get(name or "")
    if launcher is None or launcher.kind != "shell":
        return None
    command = _command_node(call, launcher)
    if command is None:
        return None
    unsafe = _unsafe_command(ctx, command)
    if unsafe is False:
        return None
    built = unsafe if isinstance(unsafe, BuiltString) else None
    return Issue(
        call,
        f"`{name}` always runs its command through `/bin/sh` (or `cmd.exe`) and "
        f"{_describe_unsafe(built, command)}; shell metacharacters in it start other commands.",
        remediation=(
            f"Replace `{name}` with `subprocess.run([...], check=True)` and an argument list, "
            "or quote every value with `shlex.quote`."
        ),
    )


@rule(
    id="PY-CMD-002",
    cwe=78,
    title="Shell command function called with a non-constant command",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `os.system`, `os.popen`, `subprocess.getoutput`/`getstatusoutput`, "
        "`commands.*`, `popen2.*` and `asyncio.create_subprocess_shell` whose command "
        "is built from values that are not constants."
    ),
    why=(
        "These functions always hand their string to a shell. A value spliced into it "
        "that contains `;`, `&&`, `|`, `$(...)` or a newline runs commands of the "
        "attacker's choosing."
    ),
    fix=(
        "Use `subprocess.run([program, arg1, arg2], check=True)` with a list and no "
        "shell; if a shell pipeline is unavoidable, `shlex.quote` every value."
    ),
    bad='os.system("gzip " + filename)',
    good='subprocess.run(["gzip", filename], check=True)',
    nodes=(ast.Call,),
    calls=_LAUNCHERS,
    references=("https://docs.python.org/3/library/os.html#os.system",),
    bandit=("B605",),
    scope_note=(
        "Pattern: non-constant commands are flagged with medium confidence, constant "
        "ones are audit hints (PY-CMD-004). The taint engine covers user input reaching them."
    ),
)
def shell_function(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _shell_function_injection(ctx, node)
    if found is not None:
        yield found


def _program_node(ctx: RuleContext, call: ast.Call, launcher: _Launcher) -> ast.expr | None:
    """The expression naming the program a no-shell launcher runs, when visible."""
    executable = keyword(call, "executable") if launcher.kind == "subprocess" else None
    if executable is not None:
        return executable
    command = _command_node(call, launcher)
    if command is None:
        return None
    if launcher.argv:
        if isinstance(command, (ast.List, ast.Tuple)):
            if command.elts and not isinstance(command.elts[0], ast.Starred):
                return command.elts[0]
            return None
        if is_string_builder(command) or ctx.constant(command)[0]:
            return command
        return None
    return command


def _is_trusted_program(ctx: RuleContext, program: ast.expr) -> bool:
    if ctx.constant(program)[0]:
        return True
    if ctx.qualified_name(program) in _TRUSTED_PROGRAMS:
        return True
    if isinstance(program, ast.Call) and ctx.call_name(program) in _TRUSTED_PROGRAM_CALLS:
        return True
    built = decompose(ctx, program)
    if built is None:
        return False
    first = built.pieces[0].text if built.pieces else None
    # `"convert " + path` without a shell: the program is the constant first word
    return not built.has_dynamic or bool(first and first.strip() and " " in first.lstrip())


def _program_injection(ctx: RuleContext, call: ast.Call) -> Issue | None:
    """PY-CMD-003: a process started without a shell whose program is not constant."""
    name = ctx.call_name(call)
    launcher = _LAUNCHERS.get(name or "")
    if launcher is None or launcher.kind == "shell":
        return None
    if launcher.kind == "subprocess" and _shell_flag(ctx, call)[0]:
        return None
    program = _program_node(ctx, call, launcher)
    if program is None or _is_trusted_program(ctx, program):
        return None
    return Issue(
        call,
        f"`{name}` runs the program named by `{_short(source_text(program))}`, which is not a "
        "constant; whoever controls that value chooses which executable runs.",
        remediation=(
            "Run a fixed program (an absolute path or a constant name) and pass values only "
            "as arguments; if the program must vary, pick it from an allow-list of constants."
        ),
    )


@rule(
    id="PY-CMD-003",
    cwe=78,
    title="Process started with a non-constant program",
    severity=Severity.MEDIUM,
    confidence=Confidence.LOW,
    summary=(
        "Flags `os.exec*`, `os.spawn*`, `os.posix_spawn*`, `os.startfile`, "
        "`asyncio.create_subprocess_exec` and list-form `subprocess` calls whose program "
        "(not just an argument) is a value that is not a constant."
    ),
    why=(
        "Without a shell, values are not parsed for metacharacters, but the program "
        "itself is still chosen by the value: a path from a request or a file can name "
        "any executable on the host, and `os.startfile` opens any document with its "
        "associated application."
    ),
    fix=(
        "Run a constant program and pass data as arguments; when several programs are "
        "allowed, map a key to a constant path (`PROGRAMS[name]`)."
    ),
    bad="os.execv(request.args['tool'], [tool, path])",
    good='os.execv("/usr/bin/convert", ["convert", path])',
    nodes=(ast.Call,),
    calls=_LAUNCHERS,
    references=("https://docs.python.org/3/library/os.html#os.execv",),
    bandit=("B606", "B603"),
    scope_note=(
        "Pattern: only the program position is judged; `sys.executable` and "
        "`shutil.which(...)` count as trusted. A variable argv list (`subprocess.run(cmd)`) "
        "is an audit hint. The taint engine reports user input reaching the program."
    ),
)
def program_not_constant(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _program_injection(ctx, node)
    if found is not None:
        yield found


_WILDCARD_COMMANDS = frozenset({"tar", "chown", "chgrp", "chmod", "rsync", "zip"})
_SHELL_SEPARATOR = re.compile(r"\|\||&&|[;|&\n()]")


def _shell_words(segment: str) -> list[tuple[str, bool]]:
    """Split one simple shell command into words, each with "starts with an unquoted glob"."""
    words: list[tuple[str, bool]] = []
    current: list[str] = []
    leading_glob = False
    quote = ""
    for char in segment:
        if quote:
            if char == quote:
                quote = ""
            else:
                current.append(char)
            continue
        if char in "'\"":
            quote = char
            if not current:
                current.append("")  # a quoted start is never a glob
            continue
        if char.isspace():
            if current:
                words.append(("".join(current), leading_glob))
            current, leading_glob = [], False
            continue
        if not current and char in "*?[":
            leading_glob = True
        current.append(char)
    if current:
        words.append(("".join(current), leading_glob))
    return words


_PREFIX_COMMANDS = frozenset({"sudo", "nice", "nohup", "exec", "command", "env", "time"})


def _is_assignment(word: str) -> bool:
    return "=" in word and not word.startswith(("=", "-"))


def _wildcard_exposure(text: str) -> str | None:
    """The command (tar, chown, ...) that receives a bare glob as possible options."""
    for segment in _SHELL_SEPARATOR.split(text):
        words = _shell_words(segment)
        while words and (_is_assignment(words[0][0]) or words[0][0] in _PREFIX_COMMANDS):
            words = words[1:]
        if not words:
            continue
        program = words[0][0].rsplit("/", 1)[-1]
        if program not in _WILDCARD_COMMANDS:
            continue
        for word, glob in words[1:]:
            if word == "--":
                break  # after end-of-options, file names are never read as options
            if glob:
                return program
    return None


def _shell_text(ctx: RuleContext, call: ast.Call) -> tuple[str, ast.expr] | None:
    """The constant text of the command a call hands to a shell, if it uses one."""
    name = ctx.call_name(call)
    launcher = _LAUNCHERS.get(name or "")
    if launcher is None or launcher.kind == "exec":
        return None
    if launcher.kind == "subprocess":
        uses_shell, known = _shell_flag(ctx, call)
        if not (uses_shell and known):
            return None
        command = _shell_command(_command_node(call, launcher))
    else:
        command = _command_node(call, launcher)
    if command is None:
        return None
    built = decompose(ctx, command, _shell_sanitizer)
    if built is None:
        return None
    return built.text(" x "), command


@rule(
    id="PY-CMD-006",
    cwe=155,
    title="Shell wildcard expanded into the options of tar, chown, chmod or rsync",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags shell commands that pass a bare `*` glob to `tar`, `chown`, `chgrp`, "
        "`chmod`, `rsync` or `zip`."
    ),
    why=(
        "The shell expands `*` to the file names in the directory before the program "
        "runs. A file named `--checkpoint-action=exec=sh x.sh` (tar), `--reference=evil` "
        "(chown/chmod) or `-e sh x.sh` (rsync) becomes an option, so anyone who can "
        "create a file there can run commands or change ownership."
    ),
    fix=(
        "End the options with `--` before the glob (`chown user -- *`), or use `./*` so "
        "every expansion starts with `./`; better, list the files in Python and pass them "
        "as a list without a shell."
    ),
    bad='os.system("tar cf /backup/site.tar *")',
    good='subprocess.run(["tar", "cf", "/backup/site.tar", "--", *os.listdir(".")], check=True)',
    nodes=(ast.Call,),
    calls=_LAUNCHERS,
    references=(
        "https://www.exploit-db.com/papers/33930",
        "https://www.gnu.org/software/tar/manual/html_node/checkpoints.html",
    ),
    bandit=("B609",),
    scope_note="Pattern only: the glob and the command are in the constant text of the call.",
)
def wildcard_injection(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _shell_text(ctx, node)
    if found is None:
        return
    text, _ = found
    program = _wildcard_exposure(text)
    if program is None:
        return
    yield Issue(
        node,
        f"The shell expands the bare `*` handed to `{program}` into file names; a file "
        f"whose name starts with `-` becomes an option of `{program}`.",
        remediation=f"Put `--` before the glob (`{program} ... -- *`) or use `./*`.",
    )


_FULL_PATH = re.compile(r"^(?:[A-Za-z]:|[\\/.~$])")


_SHELL_BUILTINS = frozenset(
    {
        "cd",
        "echo",
        "exit",
        "export",
        "set",
        "unset",
        "source",
        ".",
        "[",
        "test",
        "true",
        "false",
        "exec",
        "eval",
        "read",
        "printf",
        "umask",
        "ulimit",
        "trap",
        "wait",
        "type",
        "command",
        "alias",
        "pwd",
        "shift",
        "return",
        "kill",
        "times",
        "getopts",
        "hash",
    }
)


def _partial_path(ctx: RuleContext, call: ast.Call) -> str | None:
    """The bare program name a launcher call resolves through `PATH`, if it uses one."""
    name = ctx.call_name(call)
    launcher = _LAUNCHERS.get(name or "")
    if launcher is None or name == "os.startfile":
        return None
    uses_shell = launcher.kind == "shell" or (
        launcher.kind == "subprocess" and _shell_flag(ctx, call)[0]
    )
    command = _command_node(call, launcher)
    executable = keyword(call, "executable") if launcher.kind == "subprocess" else None
    if executable is not None:
        command, uses_shell = executable, False
    elif uses_shell:
        command = _shell_command(command)
    elif isinstance(command, (ast.List, ast.Tuple)):
        elements = command.elts
        command = elements[0] if elements and not isinstance(elements[0], ast.Starred) else None
    if command is None:
        return None
    built = decompose(ctx, command)
    if built is None or not built.pieces or built.pieces[0].text is None:
        return None
    first = built.pieces[0].text
    more = len(built.pieces) > 1
    if not uses_shell:
        program = first
        if more and not first.endswith(" "):
            return None  # the name continues with a value: not knowable
    else:
        words = first.split()
        while words and _is_assignment(words[0]):
            words = words[1:]  # `LANG=C sort`: environment assignments before the command
        if not words or (more and len(first.split()) == 1 and not first[-1:].isspace()):
            return None
        program = words[0]
        if program in _SHELL_BUILTINS:
            return None
    if not program or _FULL_PATH.match(program):
        return None
    return program


@rule(
    id="PY-CMD-005",
    cwe=426,
    title="Process started with a partial executable path",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        'Audit hint: a process is started by a bare program name (`"ls"`) that is looked '
        "up through `PATH` rather than by an absolute path."
    ),
    why=(
        "A bare name is resolved through the `PATH` environment variable (and on Windows "
        "the current directory first). Whoever can change `PATH` or write to a directory "
        "early in it decides which binary runs with this program's privileges."
    ),
    fix="Use the absolute path (`/bin/ls`) or resolve it once with `shutil.which` at start-up.",
    bad='subprocess.run(["ls", "-l"])',
    good='subprocess.run(["/bin/ls", "-l"])',
    nodes=(ast.Call,),
    calls=_LAUNCHERS,
    references=("https://docs.python.org/3/library/subprocess.html#popen-constructor",),
    bandit=("B607",),
    profile="audit",
    scope_note="Pattern only.",
)
def partial_executable_path(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    program = _partial_path(ctx, node)
    if program is None:
        return
    yield Issue(
        node,
        f"`{ctx.call_name(node)}` starts `{_short(program, 30)}` by name, so the first "
        f"`{_short(program, 30)}` found on `PATH` runs.",
        remediation=f"Use an absolute path for `{_short(program, 30)}` (see `shutil.which`).",
    )


def _paramiko_exec(ctx: RuleContext, call: ast.Call) -> ast.expr | None:
    """The command of an `SSHClient.exec_command` call in a module that uses paramiko."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "exec_command":
        return None
    receiver = ctx.qualified_name(func.value)
    if not ((receiver or "").startswith("paramiko") or ctx.imports("paramiko")):
        return None
    return argument(call, 0, "command")


def _paramiko_injection(ctx: RuleContext, call: ast.Call) -> Issue | None:
    command = _paramiko_exec(ctx, call)
    if command is None:
        return None
    unsafe = _unsafe_command(ctx, command)
    if unsafe is False:
        return None
    built = unsafe if isinstance(unsafe, BuiltString) else None
    return Issue(
        call,
        f"`exec_command` runs its string through the remote user's shell and "
        f"{_describe_unsafe(built, command)}; metacharacters in it run other commands on "
        "that host.",
        remediation="Quote every value with `shlex.quote` before building the remote command.",
    )


@rule(
    id="PY-CMD-007",
    cwe=78,
    title="Remote command over SSH (paramiko) built from non-constant values",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary="Flags paramiko `exec_command(...)` whose command is not a constant string.",
    why=(
        "`SSHClient.exec_command` sends the string to the remote login shell, which parses "
        "`;`, `|` and `$(...)`: an injected value runs commands on the remote host."
    ),
    fix="Build the command from constants and `shlex.quote(value)` for every value.",
    bad='client.exec_command(f"cat {path}")',
    good='client.exec_command(f"cat {shlex.quote(path)}")',
    nodes=(ast.Call,),
    methods=("exec_command",),
    references=("https://docs.paramiko.org/en/stable/api/client.html",),
    bandit=("B601",),
    scope_note="Pattern: non-constant commands; the taint engine covers user input reaching them.",
)
def paramiko_exec(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _paramiko_injection(ctx, node)
    if found is not None:
        yield found


@rule(
    id="PY-CMD-004",
    cwe=78,
    title="Process started (constant command or no shell)",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        "Audit hint: every process start the default rules do not report — constant "
        "shell commands, argument lists without a shell, `os.exec*`/`os.spawn*` of a "
        "constant program, paramiko `exec_command` with a constant command."
    ),
    why=(
        "None of these is injectable as written, but they are where data from outside "
        "becomes process arguments: a value starting with `-` can still be read as an "
        "option (argument injection), and a constant shell command invites the next "
        "edit to splice a value in."
    ),
    fix=(
        "Keep commands constant, pass values after `--` where the program supports it, "
        "and prefer argument lists over shell strings."
    ),
    bad='subprocess.check_call("make clean", shell=True)',
    good='subprocess.check_call(["/usr/bin/make", "clean"])',
    nodes=(ast.Call,),
    calls=_LAUNCHERS,
    methods=("exec_command",),
    references=("https://docs.python.org/3/library/subprocess.html#security-considerations",),
    bandit=("B602", "B603", "B605", "B606", "B601"),
    profile="audit",
    scope_note="Pattern only: the complement of PY-CMD-001/002/003/007.",
)
def process_started(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    launcher = _LAUNCHERS.get(name or "")
    if launcher is None:
        command = _paramiko_exec(ctx, node)
        if command is not None and _paramiko_injection(ctx, node) is None:
            yield Issue(node, "paramiko `exec_command` with a constant command.")
        return
    for check in (_shell_injection, _shell_function_injection, _program_injection):
        if check(ctx, node) is not None:
            return
    if launcher.kind == "shell" or (launcher.kind == "subprocess" and _shell_flag(ctx, node)[0]):
        command = _command_node(node, launcher)
        built = decompose(ctx, command, _shell_sanitizer) if command is not None else None
        if built is not None and built.has_dynamic:
            how = "through a shell; the values spliced into its command are quoted or numeric"
        else:
            how = "through a shell with a constant command"
    else:
        how = "without a shell; check that no argument can start with `-`"
    yield Issue(node, f"`{name}` starts a process {how}.")


# ---------------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------------

_SQL_STATEMENT = re.compile(
    r"^[\s(]*(?P<kw>"
    r"select\s[\s\S]*?\sfrom\s"
    r"|insert\s+(?:or\s+\w+\s+)?into\s"
    r"|update\s+[\w.\"`\[\]\x00]+\s+set\s"
    r"|delete\s+from\s"
    r"|replace\s+into\s"
    r"|merge\s+into\s"
    r"|with\s+(?:recursive\s+)?\w+\s+as\s*\("
    r")",
    re.IGNORECASE,
)
_SQL_ANYWHERE = re.compile(
    r"\b(?:select\s[\s\S]*?\sfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\s",
    re.IGNORECASE,
)
# Upper-case clause fragments (`" WHERE name = '%s'"`), the pieces of a query built in parts.
_SQL_FRAGMENT = re.compile(
    r"\b(?:WHERE|AND|OR|HAVING)\s+[\w.\"`]+\s*(?:=|<>|!=|<=|>=|<|>|LIKE\b|IN\b)"
    r"|\bVALUES\s*\(|\bORDER BY\s|\bGROUP BY\s|\bLIMIT\s"
)
_EXECUTE_METHODS = frozenset(
    {
        "execute",
        "executemany",
        "executescript",
        "raw",
        "exec_driver_sql",
        "mogrify",
        "read_sql",
        "read_sql_query",
    }
)
_EXECUTE_FUNCTIONS = frozenset(
    {
        "sqlalchemy.text",
        "sqlalchemy.sql.text",
        "sqlalchemy.sql.expression.text",
        "pandas.read_sql",
        "pandas.read_sql_query",
    }
)
_SQL_KEYWORDS = ("sql", "query", "operation", "statement", "stmt", "text")
_SQL_QUOTING = frozenset({"literal", "identifier", "placeholders"})


def _sql_sanitizer(ctx: RuleContext, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        lowered = func.attr.lower()
    elif isinstance(func, ast.Name):
        lowered = func.id.lower()
    else:
        lowered = ""
    if "quote" in lowered or "escape" in lowered or lowered in _SQL_QUOTING:
        return True
    return _is_placeholder_list(ctx, call)


def _is_placeholder_list(ctx: RuleContext, call: ast.Call) -> bool:
    """`", ".join(["%s"] * len(ids))` and kin: bind-parameter markers, not data."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute) and func.attr == "join" and ctx.constant(func.value)[0]
    ):
        return False
    if len(call.args) != 1:
        return False
    items = call.args[0]
    if isinstance(items, ast.Name):
        items = bound_value(ctx, items) or items
    if isinstance(items, ast.BinOp) and isinstance(items.op, ast.Mult):
        return ctx.constant(items.left)[0] or ctx.constant(items.right)[0]
    if isinstance(items, (ast.GeneratorExp, ast.ListComp)):
        return ctx.constant(items.elt)[0]
    return ctx.constant(items)[0]


def _execute_context(node: ast.AST, ctx: RuleContext) -> str | None:
    """The execute-like call `node` is the query argument of, if any."""
    parents = ctx.parents
    if not parents:
        return None
    parent = parents[-1]
    if isinstance(parent, ast.keyword) and len(parents) > 1:
        if parent.arg not in _SQL_KEYWORDS:
            return None
        parent = parents[-2]
    elif isinstance(parent, ast.Call) and not (parent.args and parent.args[0] is node):
        return None
    if not isinstance(parent, ast.Call):
        return None
    name = ctx.call_name(parent)
    if name in _EXECUTE_FUNCTIONS:
        return name
    if isinstance(parent.func, ast.Attribute) and parent.func.attr in _EXECUTE_METHODS:
        return "." + parent.func.attr
    return None


_SQL_FRAGMENT_WORDS = ("sql", "placeholder", "clause", "subquery", "fragment")


def _names_sql_fragment(node: ast.AST) -> bool:
    """True when a spliced value is named as a piece of SQL (`inner_sql`, `placeholders`)."""
    while isinstance(node, (ast.Subscript, ast.Call, ast.Starred)):
        if isinstance(node, ast.Call):
            func = node.func
            # `", ".join(placeholder_rows[0])`: judge what is joined
            if isinstance(func, ast.Attribute) and func.attr == "join" and len(node.args) == 1:
                node = node.args[0]
            else:
                node = func
            continue
        node = node.value
    if isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Name):
        name = node.id
    else:
        return False
    lowered = name.lower()
    return any(word in lowered for word in _SQL_FRAGMENT_WORDS)


_MODEL_NAMES = frozenset({"db_table", "db_column", "column", "model_name", "app_label"})


def _model_metadata(node: ast.AST) -> bool:
    """A Django model's table or column name from its options (`Model._meta.db_table`,
    `self.model._meta.pk.column`): identifiers declared in the code, not data."""
    if not (isinstance(node, ast.Attribute) and node.attr in _MODEL_NAMES):
        return False
    current: ast.AST = node.value
    for _ in range(4):
        if isinstance(current, ast.Attribute):
            if current.attr == "_meta":
                return True
            current = current.value
        else:
            break
    return False


def _inside_django_raw_sql(ctx: RuleContext) -> bool:
    """True when the node is (inside) an argument of `RawSQL(...)` or `.extra(...)`."""
    for parent in reversed(ctx.parents[-4:]):
        if isinstance(parent, ast.Call):
            if ctx.call_name(parent) in _RAW_SQL:
                return True
            if isinstance(parent.func, ast.Attribute) and parent.func.attr == "extra":
                return True
            return False
    return False


def _looks_like_sql(text: str, in_execute: bool) -> str | None:
    """'statement', 'fragment' or None for the constant text of a built string."""
    match = _SQL_STATEMENT.search(text)
    if match:
        keyword_text = match.group("kw").split()[0]
        if in_execute or keyword_text.isupper() or keyword_text.islower():
            return "statement"
    if in_execute and _SQL_ANYWHERE.search(text):
        return "statement"
    if _SQL_FRAGMENT.search(text):
        return "fragment"
    return None


@rule(
    id="PY-SQLI-001",
    cwe=89,
    title="SQL statement built by string formatting",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags SQL text assembled with f-strings, `%`, `+` or `.format()` from values "
        "that are not constants, numbers or quoting calls — wherever it is built, and "
        "with more confidence when it is passed straight to `execute`-like calls."
    ),
    why=(
        "A value spliced into SQL text is parsed as SQL: a quote in it ends the string "
        "literal and the rest runs as the attacker's SQL (`' OR '1'='1`, `'; DROP TABLE ...`). "
        "Escaping by hand misses cases; bound parameters never do."
    ),
    fix=(
        "Pass values as bound parameters: "
        '`cursor.execute("SELECT * FROM users WHERE name = %s", (name,))` (or `?` for '
        "sqlite3); choose identifiers (table, column names) from an allow-list."
    ),
    bad="cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
    good='cursor.execute("SELECT * FROM users WHERE name = %s", (name,))',
    nodes=(ast.JoinedStr, ast.BinOp, ast.Call),
    methods=("format", "replace"),  # the call-shaped string builders
    references=(
        "https://peps.python.org/pep-0249/#paramstyle",
        "https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html",
    ),
    bandit=("B608",),
    scope_note=(
        "Pattern: SQL-looking text (a statement `SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`, "
        "`DELETE FROM`, or an upper-case clause fragment) with a spliced-in value that is "
        "not a number (`%d`, `int(x)`, `{n:d}`), a constant, a bind-marker list or a "
        "quoting call. Whether the value comes from a user is the taint engine's question; "
        "it reports CWE-89 with a trace when it does."
    ),
)
def sql_string_building(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if not is_string_builder(node) or not outermost_builder(node, ctx):
        return
    if _inside_django_raw_sql(ctx):
        return  # PY-SQLI-002 reports it
    built = decompose(ctx, node, _sql_sanitizer, follow_names=False)
    if built is None or not built.unsafe:
        return
    if all(_model_metadata(p.node) for p in built.unsafe if p.node is not None):
        return  # `"... %s" % Model._meta.db_table`: names the developer declared
    sink = _execute_context(node, ctx)
    kind = _looks_like_sql(built.text(" \x00 "), sink is not None)
    if kind is None:
        return
    values = built.unsafe_values()
    where = f" passed to `{sink}`" if sink else ""
    confidence = Confidence.MEDIUM if sink or kind == "statement" else Confidence.LOW
    if all(
        _names_sql_fragment(p.node) or _model_metadata(p.node)
        for p in built.unsafe
        if p.node is not None
    ):
        # `"SELECT * FROM (%s) subquery" % inner_sql`: SQL composed from SQL, as query
        # builders do; injectable only if the fragment itself was built from data
        confidence = Confidence.LOW
    yield Issue(
        node,
        f"SQL text{where} is built with {built.how} from {values}; a quote in "
        f"{'that value' if len(built.unsafe) == 1 else 'those values'} changes the statement.",
        confidence=confidence,
    )


def _unsafe_sql_value(ctx: RuleContext, node: ast.expr) -> bool:
    built = decompose(ctx, node, _sql_sanitizer)
    return built is None or bool(built.unsafe)


_RAW_SQL = frozenset({"django.db.models.expressions.RawSQL", "django.db.models.RawSQL"})
_EXTRA_POSITIONS = ("select", "where", "params", "tables", "order_by", "select_params")


def _non_constant_sql(ctx: RuleContext, node: ast.expr) -> list[ast.expr]:
    """The parts of an `extra()` argument that are SQL text but not constants."""
    if ctx.constant(node)[0]:
        return []
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [e for e in node.elts if not ctx.constant(e)[0]]
    if isinstance(node, ast.Dict):
        return [
            v
            for k, v in zip(node.keys, node.values, strict=True)
            if k is None or not ctx.constant(v)[0]
        ]
    if isinstance(node, ast.Call) and ctx.call_name(node) == "builtins.dict" and not node.args:
        # `dict(alias="SQL")`: the keyword values are the SQL
        return [kw.value for kw in node.keywords if kw.arg is None or not ctx.constant(kw.value)[0]]
    return [node]


@rule(
    id="PY-SQLI-002",
    cwe=89,
    title="Django raw SQL (`extra()` / `RawSQL`) with non-constant SQL",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `QuerySet.extra(select=, where=, tables=, order_by=)` and "
        "`django.db.models.expressions.RawSQL(sql, params)` whose SQL text is not constant."
    ),
    why=(
        "`extra()` and `RawSQL` paste their strings into the generated query unescaped; "
        "only the separate `params` are bound. SQL text built from a value lets that "
        "value rewrite the query."
    ),
    fix=(
        "Keep the SQL text constant with `%s` markers and pass values in `params=`/"
        "`select_params=`; better, express it with the ORM (`annotate`, `F()`, `Func`)."
    ),
    bad="Entry.objects.extra(where=[f\"headline = '{term}'\"])",
    good='Entry.objects.extra(where=["headline = %s"], params=[term])',
    nodes=(ast.Call,),
    calls=_RAW_SQL,
    methods=("extra",),
    references=(
        "https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra",
        "https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions",
    ),
    bandit=("B610", "B611"),
    scope_note="Pattern: non-constant SQL text; the taint engine covers user input reaching it.",
)
def django_raw_sql(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in _RAW_SQL:
        sql = argument(node, 0, "sql")
        if sql is None:
            return
        built = decompose(ctx, sql, _sql_sanitizer)
        if built is not None and not built.unsafe:
            return
        yield Issue(
            node,
            f"`RawSQL` pastes `{_short(source_text(sql))}` into the query unescaped; pass values "
            "through its `params` argument instead.",
        )
        return
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr != "extra":
        return
    named = {kw.arg for kw in node.keywords}
    if not (named & set(_EXTRA_POSITIONS) or ctx.imports("django")):
        return
    arguments: dict[str, ast.expr] = {}
    for index, value in enumerate(node.args[: len(_EXTRA_POSITIONS)]):
        if isinstance(value, ast.Starred):
            break
        arguments[_EXTRA_POSITIONS[index]] = value
    for kw in node.keywords:
        if kw.arg is not None:
            arguments[kw.arg] = kw.value
    for part in ("select", "where", "tables", "order_by"):
        given = arguments.get(part)
        if given is None:
            continue
        offending = [p for p in _non_constant_sql(ctx, given) if _unsafe_sql_value(ctx, p)]
        if offending:
            yield Issue(
                node,
                f"`extra({part}=...)` pastes `{_short(source_text(offending[0]))}` into the SQL "
                "unescaped; use `%s` markers with `params=`/`select_params=`.",
            )
            return


# ---------------------------------------------------------------------------------
# logging.config.listen, trojan source, Hugging Face downloads
# ---------------------------------------------------------------------------------


@rule(
    id="PY-LOGCFG-001",
    cwe=94,
    title="`logging.config.listen()` without a `verify` function",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary="Flags `logging.config.listen(...)` called without `verify=`.",
    why=(
        "The listener accepts a logging configuration over a socket and applies it with "
        "`dictConfig`/`fileConfig`, which import and call arbitrary classes named in it: "
        "anyone who can connect to the port runs code in this process."
    ),
    fix=(
        "Do not open a configuration listener in production; if needed, pass "
        "`verify=` a function that checks a signature (HMAC) of the received bytes."
    ),
    bad="thread = logging.config.listen(9999)",
    good="thread = logging.config.listen(9999, verify=check_hmac_signature)",
    nodes=(ast.Call,),
    calls=("logging.config.listen",),
    references=("https://docs.python.org/3/library/logging.config.html#logging.config.listen",),
    bandit=("B612",),
    scope_note="Pattern only.",
)
def logging_listen(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if ctx.call_name(node) != "logging.config.listen":
        return
    verify = argument(node, 1, "verify")
    if verify is not None:
        known, value = ctx.constant(verify)
        if not (known and value is None):
            return
    elif has_star_arguments(node):
        return
    yield Issue(
        node,
        "`logging.config.listen` applies any configuration sent to its port without "
        "verifying it; a configuration can instantiate arbitrary classes.",
    )


# Python 3.12 splits f-strings into FSTRING_START/MIDDLE/END tokens.
_FSTRING_TOKENS = frozenset(
    getattr(tokenize, name) for name in ("FSTRING_MIDDLE",) if hasattr(tokenize, name)
)
_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
}
# Directional marks set the direction of neutral characters around them and reorder
# nothing by themselves: inside a string literal they are ordinary right-to-left text
# (Arabic and Persian date formats use them), so only marks outside strings count.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_BIDI_OPENERS = frozenset("\u202a\u202b\u202d\u202e")


def _string_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """(start, end) positions of string tokens, or None when the source does not tokenize."""
    spans = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING or token.type in _FSTRING_TOKENS:
                spans.append((token.start, token.end))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    return spans


def _inside(
    spans: list[tuple[tuple[int, int], tuple[int, int]]] | None, line: int, column: int
) -> bool:
    if not spans:
        return False
    position = (line, column)
    return any(start <= position < end for start, end in spans)


_BIDI_ISOLATES = frozenset("\u2066\u2067\u2068")


def _unbalanced(line: str) -> bool:
    """True when an embedding/override/isolate is not closed on its line (it reorders code)."""
    embeddings = isolates = 0
    for char in line:
        if char in _BIDI_OPENERS:
            embeddings += 1
        elif char == "\u202c":
            embeddings -= 1
        elif char in _BIDI_ISOLATES:
            isolates += 1
        elif char == "\u2069":
            isolates -= 1
        if embeddings < 0 or isolates < 0:
            return True
    return embeddings != 0 or isolates != 0


@rule(
    id="PY-BIDI-001",
    cwe=451,
    title="Bidirectional control characters in source code (Trojan Source)",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags every line containing Unicode bidirectional controls (embeddings, "
        "overrides, isolates, directional marks)."
    ),
    why=(
        "Bidirectional controls make an editor or code review tool display tokens in a "
        "different order than the interpreter reads them (CVE-2021-42574): a comment can "
        "appear to close before code that actually runs, or a string can appear to end "
        "early. The reviewer approves code that is not what executes."
    ),
    fix=(
        "Remove the control characters; where right-to-left text is genuinely needed in a "
        'string, write the controls as escapes (`"\\u2067"`) so they are visible.'
    ),
    bad='access_level = "user\u202e \u2066# admin\u2069 \u2066"  # renders misleadingly',
    good='access_level = "user"',
    nodes=(ast.Module,),
    references=("https://trojansource.codes/", "https://www.unicode.org/reports/tr9/"),
    bandit=("B613",),
    scope_note=(
        "Pattern over the source text. Confidence is high when a control is left open on "
        "its line (the reordering spills onto code), medium when balanced."
    ),
)
def trojan_source(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    source = ctx.module.source
    if not any(char in source for char in _BIDI_CONTROLS):
        return
    in_strings = _string_spans(source) if any(c in source for c in _BIDI_MARKS) else None
    # split as the tokenizer and `ast` count lines (not at U+2028 and the like)
    for number, line in enumerate(_LINE_BREAK.split(source), start=1):
        found = [
            (index, char)
            for index, char in enumerate(line)
            if char in _BIDI_CONTROLS
            and not (char in _BIDI_MARKS and _inside(in_strings, number, index))
        ]
        if not found:
            continue
        column, first = found[0]
        marker = ast.Pass(
            lineno=number, col_offset=column, end_lineno=number, end_col_offset=column + 1
        )
        names = sorted({f"U+{ord(c):04X} {_BIDI_CONTROLS[c]}" for _, c in found})
        yield Issue(
            marker,
            f"Line {number} contains {len(found)} bidirectional control character"
            f"{'s' if len(found) > 1 else ''} ({', '.join(names)}); the code shown in an editor "
            "may not be the code Python runs.",
            confidence=Confidence.HIGH if _unbalanced(line) else None,
        )


_HF_LOADERS = {
    "from_pretrained": ("transformers", "diffusers", "peft", "sentence_transformers", "optimum"),
    "load_dataset": ("datasets",),
    "hf_hub_download": ("huggingface_hub",),
    "snapshot_download": ("huggingface_hub",),
}
_HEX = frozenset(string.hexdigits)


@rule(
    id="PY-HF-001",
    cwe=494,
    title="Hugging Face Hub download without a pinned commit revision",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `from_pretrained` (transformers, diffusers, peft), `datasets.load_dataset` "
        "and `huggingface_hub.hf_hub_download`/`snapshot_download` of a Hub repository "
        "without `revision=` set to a commit hash."
    ),
    why=(
        "Without a revision, every run fetches whatever the repository's `main` branch "
        "holds now; a branch or tag name can be moved too. If the repository is "
        "compromised or changes owner, the next run loads new weights, pickles or — with "
        "`trust_remote_code=True` — new Python code."
    ),
    fix='Pin the exact commit: `revision="<40-hex sha>"` (copy it from the Hub\'s history).',
    bad='model = AutoModel.from_pretrained("org/model")',
    good=(
        "model = AutoModel.from_pretrained(\n"
        '    "org/model", revision="4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"\n'
        ")"
    ),
    nodes=(ast.Call,),
    methods=_HF_LOADERS,
    references=(
        "https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version",
        "https://huggingface.co/docs/transformers/main_classes/model#transformers.PreTrainedModel.from_pretrained",
    ),
    bandit=("B615",),
    scope_note=(
        "Pattern only. A non-constant revision, a local path (`./`, `/`, `../`) and "
        "`local_files_only=True` are not flagged."
    ),
)
def huggingface_unpinned(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name is None:
        return
    parts = name.split(".")
    roots = _HF_LOADERS.get(parts[-1])
    if roots is None or parts[0] not in roots:
        return
    if has_star_arguments(node) and keyword(node, "revision") is None:
        return
    local_only = keyword(node, "local_files_only")
    if local_only is not None and ctx.constant(local_only) == (True, True):
        return
    repo = argument(node, 0, "repo_id" if parts[0] == "huggingface_hub" else "path")
    if repo is not None:
        known_repo, repo_value = ctx.constant(repo)
        if (
            known_repo
            and isinstance(repo_value, str)
            and repo_value.startswith(("./", "/", "../", "~"))
        ):
            return
    revision = keyword(node, "revision") or keyword(node, "commit_id")
    trust = keyword(node, "trust_remote_code")
    remote_code = trust is not None and ctx.constant(trust) == (True, True)
    severity = Severity.HIGH if remote_code else None
    what = "weights and code" if remote_code else "files"
    if revision is None:
        yield Issue(
            node,
            f"`{parts[-1]}` fetches the current `main` of the repository: the {what} it "
            "loads can change between runs without any change here.",
            severity=severity,
        )
        return
    known, value = ctx.constant(revision)
    if not known or not isinstance(value, str):
        return
    if len(value) >= 7 and all(c in _HEX for c in value):
        return
    yield Issue(
        node,
        f"`revision={value!r}` names a branch or tag, which the repository owner can move; "
        "only a commit hash pins the content.",
        severity=severity,
    )


# ---------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
