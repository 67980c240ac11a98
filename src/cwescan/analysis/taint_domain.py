"""The abstract values the taint interpreter computes with.

A value (`V`) is immutable and cheap to share:

- `t`: its taint, a dict from *origin* to *info*, or None when untainted. An origin
  says where the data may come from: a source site `("S", i)`, a parameter
  `("P", function, i)`, the result of a project call `("C", i)`, a call's side effect
  on an argument `("E", i, j)`, an attribute of a call's result `("A", i, name)`, a
  field `("F", class, name)`, a module global `("G", name)`, a name of another module
  `("Q", name)`, or something unknown `("U",)` (which never yields a finding but stops
  the value from being proved harmless). The info is `(step, clean, flags)`: the
  trace step the data was last seen at, the sink kinds it was sanitised for, and
  confidence flags.
- `c`: the Python constant it is known to equal, or `NC`.
- `shape`/`elts`/`rest`: for lists, tuples, sets and dicts built from literals,
  per-position or per-key values; `rest` holds what is known only collectively
  (appended in a loop, an unknown key). The container's own `t` is always the union of
  its parts, so a sink needs only `t`.
- `ty`: a model type (`flask.Request`, `dbapi.Cursor`), `qn`: the qualified name of a
  module, function or class the value is, `obj`: a project object (`("self", class)`
  or `("call", call index, callee)`), `fn`: a lambda to evaluate inline, `aux`: the
  constant prefix of a string (for URL and path checks) or a compiled pattern's text.
"""

from __future__ import annotations

from typing import Any

# confidence flags carried by taint infos
F_UNKNOWN = 1  # went through a call the models do not know
F_IMPRECISE = 2  # read back from a collapsed container, a widened loop or a guessed branch
F_INCOMPLETE = 4  # the function ran out of analysis budget

U_ORIGIN: tuple[str] = ("U",)
EMPTY: frozenset[str] = frozenset()

# A mark kept in a taint's clean set that says where the data was put rather than what it
# was cleaned for: after constant text that opens an XML element (`"<user>" + name`).
IN_MARKUP = "markup[element]"
# ... and after a URL's fixed scheme and host, in its path (`"https://api.example.com/" + s`)
IN_URL_PATH = "url[path]"
# sink kinds reported only for data that carries a mark: XML injection needs input placed
# inside a document the program builds (input that is the whole document is XXE's case),
# partial SSRF input in the path of a URL whose host is fixed (a whole URL is SSRF's case).
# The mark is only ever added on the way, so a fact without it may still gain it from a
# caller: the requirement is checked where a flow is final (a source reaches the sink).
REQUIRED_MARKS: dict[str, str] = {"xmli": IN_MARKUP, "pssrf": IN_URL_PATH}
# sink kinds reported only for data that came through known steps: a format template
# made by a function cwescan has no model of (a translation, a table of messages looked
# up with the input) is the program's own text far more often than the input itself
KNOWN_STEPS_ONLY: frozenset[str] = frozenset({"format"})
# receiver sinks matched by method name (`*.format`), and the kind each is: an object of a
# project class that defines the method is clean for that kind
OWN_METHOD_KINDS: dict[str, str] = {"format": "format", "format_map": "format"}

Info = tuple[int, frozenset[str], int]
Taint = dict[Any, Info]


class _NoConst:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NC"


NC: Any = _NoConst()


class V:
    """An abstract value. Never mutate one after it is built: values are shared.

    `alts`: when branches bound different short strings (`"cmd.exe" if windows else
    "sh"`), the few they can be; `c` is then unknown. A sink that asks "is this a shell?"
    must hold for any of them.
    """

    __slots__ = ("t", "c", "shape", "elts", "rest", "ty", "qn", "obj", "fn", "aux", "alts")

    def __init__(
        self,
        t: Taint | None = None,
        c: Any = NC,
        shape: str | None = None,
        elts: Any = None,
        rest: V | None = None,
        ty: str | None = None,
        qn: str | None = None,
        obj: Any = None,
        fn: Any = None,
        aux: Any = None,
        alts: frozenset[str] | None = None,
    ) -> None:
        self.t = t
        self.c = c
        self.shape = shape
        self.elts = elts
        self.rest = rest
        self.ty = ty
        self.qn = qn
        self.obj = obj
        self.fn = fn
        self.aux = aux
        self.alts = alts

    def __repr__(self) -> str:  # for debugging and test failure messages
        parts = []
        if self.t:
            parts.append("t=" + ",".join(sorted(str(o) for o in self.t)))
        if self.c is not NC:
            parts.append(f"c={self.c!r}")
        if self.shape:
            parts.append(f"{self.shape}={self.elts!r}")
            if self.rest is not None:
                parts.append(f"rest={self.rest!r}")
        for name in ("ty", "qn", "obj", "aux", "alts"):
            if getattr(self, name) is not None:
                parts.append(f"{name}={getattr(self, name)!r}")
        return "V(" + " ".join(parts) + ")"

    def replace(self, **changes: Any) -> V:
        """A copy with some slots changed."""
        value = V(
            self.t,
            self.c,
            self.shape,
            self.elts,
            self.rest,
            self.ty,
            self.qn,
            self.obj,
            self.fn,
            self.aux,
            self.alts,
        )
        for key, item in changes.items():
            setattr(value, key, item)
        return value


BOTTOM = V()
UNKNOWN = V(t={U_ORIGIN: (-1, EMPTY, 0)})
_CONSTANTS: dict[Any, V] = {}
_SHARED_TYPES = (int, float, str, bytes, bool, type(None))


def const(value: Any) -> V:
    """The value of a Python constant (small ones are shared)."""
    try:
        # only values of the shared types are ever stored, so a hit is one of them
        cached = _CONSTANTS.get((type(value), value))
    except TypeError:  # unhashable: a list or dict constant
        cached = None
    if cached is not None:
        return cached
    key = (type(value), value) if isinstance(value, _SHARED_TYPES) else None
    aux = value if isinstance(value, str) else None
    built = V(c=value, aux=aux)
    if (
        key is not None
        and len(_CONSTANTS) < 4096
        and (not isinstance(value, (str, bytes)) or len(value) < 64)
    ):
        _CONSTANTS[key] = built
    return built


def t_union(a: Taint | None, b: Taint | None) -> Taint | None:
    """The union of two taints; for an origin in both, the less clean info wins."""
    if not a:
        return b or None
    if not b or a is b:
        return a
    if len(b) > len(a):
        a, b = b, a
        swapped = True
    else:
        swapped = False
    result = dict(a)
    for origin, info in b.items():
        old = result.get(origin)
        if old is None:
            result[origin] = info
        elif old is not info:
            result[origin] = _merge_info(info, old) if swapped else _merge_info(old, info)
    return result


def _merge_info(first: Info, second: Info) -> Info:
    clean = first[1] & second[1] if first[1] is not second[1] else first[1]
    flags = first[2] | second[2]
    # keep the step of the side that was not sanitised (its trace explains the finding)
    step = first[0] if len(first[1]) <= len(second[1]) else second[0]
    if clean is first[1] and flags == first[2] and step == first[0]:
        return first
    return (step, clean, flags)


def t_union_many(taints: list[Taint | None]) -> Taint | None:
    """The union of several taints."""
    result: Taint | None = None
    for taint in taints:
        if taint:
            result = t_union(result, taint)
    return result


def t_clean(t: Taint | None, kinds: frozenset[str]) -> Taint | None:
    """The taint marked as sanitised for `kinds`."""
    if not t:
        return None
    return {o: (i[0], i[1] | kinds, i[2]) for o, i in t.items()}


def t_flag(t: Taint | None, flag: int) -> Taint | None:
    """The taint with a confidence flag added."""
    if not t:
        return None
    return {o: i if i[2] & flag else (i[0], i[1], i[2] | flag) for o, i in t.items()}


def t_without_unknown(t: Taint | None) -> Taint | None:
    """The taint without the "unknown" origin."""
    if not t or U_ORIGIN not in t:
        return t
    if len(t) == 1:
        return None  # the unknown origin alone
    rest = {o: i for o, i in t.items() if o is not U_ORIGIN and o != U_ORIGIN}
    return rest or None


def t_dirty(t: Taint | None, kind: str) -> Taint | None:
    """The part of a taint that is not sanitised for sink `kind`."""
    if not t:
        return None
    dirty = {o: i for o, i in t.items() if kind not in i[1]}
    return dirty or None


def reportable(kind: str, clean: frozenset[str], flags: int = 0) -> bool:
    """Whether data with this clean set and these flags is a finding at a sink of `kind`."""
    if kind in clean or (flags & F_UNKNOWN and kind in KNOWN_STEPS_ONLY):
        return False
    required = REQUIRED_MARKS.get(kind)
    return required is None or required in clean


def t_same(a: Taint | None, b: Taint | None) -> bool:
    """Equal as abstractions: same origins, same sanitisation, same flags (steps ignored)."""
    if a is b:
        return True
    if not a or not b:
        return not a and not b
    if len(a) != len(b):
        return False
    for origin, info in a.items():
        other = b.get(origin)
        if other is None or other[1] != info[1] or other[2] != info[2]:
            return False
    return True


def container(shape: str, elts: Any, rest: V | None = None, ty: str | None = None) -> V:
    """A container value; its taint is the union of its parts."""
    taints: list[Taint | None] = []
    if shape == "dict":
        taints.extend(v.t for v in elts.values())
    else:
        taints.extend(v.t for v in elts)
    if rest is not None:
        taints.append(rest.t)
    constant: Any = NC
    if rest is None:
        if shape == "tuple" and all(v.c is not NC for v in elts):
            constant = tuple(v.c for v in elts)
    return V(t=t_union_many(taints), c=constant, shape=shape, elts=elts, rest=rest, ty=ty)


def collapsed(v: V) -> V:
    """Everything a container holds, as one value (for an unknown index or iteration)."""
    if v.shape is None:
        return V(t=v.t) if v.t else BOTTOM
    parts: list[V] = list(v.elts.values()) if v.shape == "dict" else list(v.elts)
    if v.rest is not None:
        parts.append(v.rest)
    if not parts:
        return BOTTOM
    result = parts[0]
    for part in parts[1:]:
        result = join(result, part)
    return result


def keys_value(v: V) -> V:
    """The keys of a dict value, collectively."""
    if v.shape == "dict":
        parts = [const(k) for k in v.elts]
        if v.rest is not None:
            parts.append(V(t=v.rest.t))
        if not parts:
            return BOTTOM
        result = parts[0]
        for part in parts[1:]:
            result = join(result, part)
        return result
    return V(t=v.t) if v.t else BOTTOM


def join(a: V, b: V) -> V:
    """The least upper bound: taint union, equal constants kept, shapes joined elementwise."""
    if a is b:
        return a
    t = t_union(a.t, b.t)
    c = (
        a.c
        if (a.c is not NC and b.c is not NC and type(a.c) is type(b.c) and _eq(a.c, b.c))
        else NC
    )
    shape = None
    elts: Any = None
    rest: V | None = None
    if a.shape is not None and a.shape == b.shape:
        shape = a.shape
        if shape == "dict":
            elts = {}
            for key, value in a.elts.items():
                other = b.elts.get(key)
                elts[key] = value if other is None else join(value, other)
            for key, value in b.elts.items():
                if key not in elts:
                    elts[key] = value
            rest = _join_optional(a.rest, b.rest)
        elif len(a.elts) == len(b.elts):
            elts = tuple(join(x, y) for x, y in zip(a.elts, b.elts, strict=False))
            rest = _join_optional(a.rest, b.rest)
        else:
            # different lengths: keep the common prefix, the tails become `rest`
            common = min(len(a.elts), len(b.elts))
            elts = tuple(join(x, y) for x, y in zip(a.elts[:common], b.elts[:common], strict=False))
            tails = [*a.elts[common:], *b.elts[common:]]
            rest = _join_optional(a.rest, b.rest)
            for item in tails:
                rest = item if rest is None else join(rest, item)
            if rest is not None and rest.t:
                rest = rest.replace(t=t_flag(rest.t, F_IMPRECISE))
    elif a.shape is not None or b.shape is not None:
        # a container on one path only: keep its parts collectively
        parts = [x for x in (a, b) if x.shape is not None]
        others = [x for x in (a, b) if x.shape is None]
        merged = collapsed(parts[0])
        for other in others:
            merged = join(merged, V(t=other.t) if other.t else BOTTOM)
        shape = parts[0].shape
        elts = {} if shape == "dict" else ()
        rest = merged if (merged.t or merged is not BOTTOM) else None
    return V(
        t=t,
        c=c,
        shape=shape,
        elts=elts,
        rest=rest,
        ty=a.ty if a.ty == b.ty else None,
        qn=a.qn if a.qn == b.qn else None,
        obj=a.obj if a.obj == b.obj else None,
        fn=a.fn if a.fn is b.fn else None,
        aux=_common_prefix(a.aux, b.aux),
        alts=_alternatives(a, b) if c is NC else None,
    )


_MAX_ALTERNATIVES = 4
_MAX_ALTERNATIVE_LENGTH = 40


def _alternatives(a: V, b: V) -> frozenset[str] | None:
    """The short strings two joined values can be (None: not only such strings)."""
    left = a.alts if a.alts is not None else _one_string(a.c)
    if left is None:
        return None
    right = b.alts if b.alts is not None else _one_string(b.c)
    if right is None:
        return None
    merged = left | right
    return merged if len(merged) <= _MAX_ALTERNATIVES else None


def _one_string(c: Any) -> frozenset[str] | None:
    if type(c) is str and len(c) <= _MAX_ALTERNATIVE_LENGTH:
        return frozenset((c,))
    return None


def string_choices(v: V) -> frozenset[str] | tuple[str] | None:
    """The strings `v` can be: its constant, or the alternatives branches bound."""
    if type(v.c) is str:
        return (v.c,)
    return v.alts


def _eq(x: Any, y: Any) -> bool:
    try:
        return bool(x == y)
    except Exception:  # noqa: BLE001 - any exotic constant compares unequal
        return False


def _join_optional(a: V | None, b: V | None) -> V | None:
    if a is None:
        return b
    if b is None:
        return a
    return join(a, b)


def _common_prefix(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    if isinstance(a, str) and isinstance(b, str):
        if a == b:
            return a
        size = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            size += 1
        return a[:size] or None
    return a if a == b else None


def same(a: V, b: V, depth: int = 0) -> bool:
    """Equal as abstractions (for loop fixpoints): trace steps are ignored."""
    if a is b:
        return True
    if not t_same(a.t, b.t):
        return False
    if a.c is not b.c and not (a.c is not NC and b.c is not NC and _eq(a.c, b.c)):
        return False
    if a.shape != b.shape or a.ty != b.ty or a.qn != b.qn or a.obj != b.obj:
        return False
    if a.shape is None or depth > 4:
        return True
    if (a.rest is None) != (b.rest is None):
        return False
    if a.rest is not None and b.rest is not None and not same(a.rest, b.rest, depth + 1):
        return False
    if a.shape == "dict":
        if a.elts.keys() != b.elts.keys():
            return False
        return all(same(a.elts[k], b.elts[k], depth + 1) for k in a.elts)
    if len(a.elts) != len(b.elts):
        return False
    return all(same(x, y, depth + 1) for x, y in zip(a.elts, b.elts, strict=False))


def widen(v: V) -> V:
    """Give up element precision (loop widening): everything becomes `rest`, flagged."""
    if v.shape is None:
        return v
    merged = collapsed(v)
    rest = merged.replace(t=t_flag(merged.t, F_IMPRECISE)) if merged.t else merged
    return V(
        t=t_flag(v.t, F_IMPRECISE),
        shape=v.shape,
        elts={} if v.shape == "dict" else (),
        rest=rest,
        ty=v.ty,
    )


def truthiness(v: V) -> bool | None:
    """True/False when the value's truth is known statically, else None."""
    if v.c is not NC:
        try:
            return bool(v.c)
        except Exception:  # noqa: BLE001
            return None
    if v.shape in ("list", "tuple") and v.rest is None:
        return bool(v.elts)
    if v.shape == "dict" and v.rest is None:
        return bool(v.elts)
    if v.fn is not None:
        return True
    return None
