"""Cryptography misuse: weak hashes and ciphers, ECB, static IVs and salts, weak work
factors and key sizes, JWTs accepted without verification.

Everything here is decided by one call and its arguments: which algorithm, which mode,
which constant. Whether the protected data is sensitive is not knowable from a pattern,
so the weak-hash rule reads the names around the call (a hash of `password` is worse than
a hash for a `cache_key`) to set severity and confidence instead of dropping findings.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from cwescan.analysis.sensitive_names import PASSWORD, classify_name, identifier_words, name_words
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import (
    Issue,
    RuleContext,
    argument,
    for_last_node,
    in_test_code,
    keyword,
    rule,
)
from cwescan.rules.secrets import (
    PASSWORD_WORDS,
    bound_value,
    calls_in_scope,
    cannot_be,
    destination_names,
    enclosing_function,
    expression_names,
    leaves,
    short_code,
    target_name,
)


def _normalize(name: str | None) -> str | None:
    """One spelling per API: PyCryptodomex → PyCryptodome, `decrepit` → `primitives`."""
    if name is None:
        return None
    if name.startswith("Cryptodome."):
        name = "Crypto." + name[len("Cryptodome."):]
    return name.replace("cryptography.hazmat.decrepit.", "cryptography.hazmat.primitives.")


def _static_value(node: ast.AST | None, ctx: RuleContext, depth: int = 0) -> tuple[bool, str]:
    """Whether `node` is the same value on every run, and how to describe it.

    Knows literals and module constants, `b"\\x00" * 16` (or `* AES.block_size`),
    `bytes(16)`, `bytearray(16)`, `bytes.fromhex("…")`, `"…".encode()` and names bound
    once to any of those.
    """
    if node is None or depth > 5:
        return False, ""
    known, value = ctx.constant(node)
    if known and isinstance(value, (str, bytes)):
        return True, "the constant " + short_code(node, 40)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        # constant text repeated is constant, however many times (`b"x" * AES.block_size`)
        if any(_static_value(side, ctx, depth + 1)[0] for side in (node.left, node.right)):
            return True, "the constant " + short_code(node, 40)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left_static, _ = _static_value(node.left, ctx, depth + 1)
        right_static, _ = _static_value(node.right, ctx, depth + 1)
        if left_static and right_static:
            return True, "the constant " + short_code(node, 40)
    if isinstance(node, ast.Call):
        name = ctx.call_name(node)
        if name in ("builtins.bytes", "builtins.bytearray") and len(node.args) == 1:
            known, value = ctx.constant(node.args[0])
            if known and isinstance(value, (int, list, tuple, bytes)):
                return True, "the constant " + short_code(node, 40)
        if name in ("builtins.bytes.fromhex", "binascii.unhexlify", "base64.b64decode",
                    "bytes.fromhex") and node.args:
            known, value = ctx.constant(node.args[0])
            if known:
                return True, "the constant " + short_code(node, 40)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "encode":
            receiver_static, _ = _static_value(node.func.value, ctx, depth + 1)
            if receiver_static:
                return True, "the constant " + short_code(node, 40)
    if isinstance(node, ast.Name):
        value_node = bound_value(node, ctx)
        if value_node is not None:
            static, _ = _static_value(value_node, ctx, depth + 1)
            if static:
                return True, f"`{node.id}`, always {short_code(value_node, 40)}"
    return False, ""


# -- PY-CRYPTO-001: weak hashes ----------------------------------------------------------

_WEAK_HASH_NAMES = {
    "md5": "MD5", "md4": "MD4", "md2": "MD2", "sha1": "SHA-1", "sha": "SHA-1",
    "sha-1": "SHA-1", "md5-sha1": "MD5-SHA1",
}
_WEAK_HASH_CALLS = {
    "hashlib.md5": "MD5",
    "hashlib.sha1": "SHA-1",
    "_hashlib.openssl_md5": "MD5",
    "_hashlib.openssl_sha1": "SHA-1",
    "_md5.md5": "MD5",
    "_sha1.sha1": "SHA-1",
    "Crypto.Hash.MD2.new": "MD2",
    "Crypto.Hash.MD4.new": "MD4",
    "Crypto.Hash.MD5.new": "MD5",
    "Crypto.Hash.SHA.new": "SHA-1",
    "Crypto.Hash.SHA1.new": "SHA-1",
    "cryptography.hazmat.primitives.hashes.MD5": "MD5",
    "cryptography.hazmat.primitives.hashes.SHA1": "SHA-1",
}
# Hash functions given by name: qualified callable → (position, keyword) of the name.
_HASH_BY_NAME = {
    "hashlib.new": (0, "name"),
    "hashlib.file_digest": (1, "digest"),
}
_SECURITY_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "secret", "token", "signature", "sign",
     "signed", "hmac", "mac", "auth", "authenticate", "credential", "credentials",
     "salt", "nonce", "otp", "session", "csrf", "apikey", "private", "cert",
     "certificate", "login", "encrypt", "decrypt", "cipher"}
)
_NON_SECURITY_WORDS = frozenset(
    {"cache", "etag", "checksum", "checksums", "crc", "dedup", "dedupe", "deduplicate",
     "bucket", "shard", "partition", "color", "colour", "gravatar", "avatar", "filename",
     "file", "files", "chunk", "chunks", "md5sum", "sha1sum", "cachekey", "memo", "lookup",
     "slug", "identicon", "sample", "sampling", "hashring", "consistent", "placement",
     "download", "etags", "revision"}
)
# Constructions in which SHA-1 is not broken (HMAC, OAEP/MGF1): not reported; MD5 there
# is reported with low confidence.
_HMAC_LIKE = frozenset(
    {
        "hmac.new", "hmac.HMAC", "hmac.digest",
        "cryptography.hazmat.primitives.hmac.HMAC",
        "cryptography.hazmat.primitives.asymmetric.padding.MGF1",
        "cryptography.hazmat.primitives.asymmetric.padding.OAEP",
        "cryptography.hazmat.primitives.kdf.hkdf.HKDF",
        "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC",
        "cryptography.hazmat.primitives.twofactor.hotp.HOTP",
        "cryptography.hazmat.primitives.twofactor.totp.TOTP",
        "Crypto.Hash.HMAC.new",
        "Crypto.Cipher.PKCS1_OAEP.new",
    }
)


_WEAK_HASH_LEAVES = leaves(_WEAK_HASH_CALLS, _HASH_BY_NAME)


def _weak_hash_algorithm(node: ast.Call, ctx: RuleContext, name: str) -> str | None:
    if name in _WEAK_HASH_CALLS:
        return _WEAK_HASH_CALLS[name]
    if name in _HASH_BY_NAME:
        position, key = _HASH_BY_NAME[name]
        known, value = ctx.constant(argument(node, position, key))
        if known and isinstance(value, str):
            return _WEAK_HASH_NAMES.get(value.lower())
    return None


def _hash_context(node: ast.Call, ctx: RuleContext) -> tuple[set[str], set[str]]:
    """(security words, non-security words) found around a hash call."""
    names = destination_names(node, ctx)
    for value in [*node.args, *(kw.value for kw in node.keywords)]:
        names += expression_names(value, limit=40)
    function = enclosing_function(ctx.parents)
    if function is not None:
        names.append(function.name)
    words: set[str] = set()
    for name in names:
        words.update(identifier_words(name))
    security = {w for w in words if w in _SECURITY_WORDS or w in PASSWORD_WORDS}
    non_security = {w for w in words if w in _NON_SECURITY_WORDS}
    return security, non_security


@rule(
    id="PY-CRYPTO-001",
    cwe=328,
    title="Weak hash algorithm (MD5, SHA-1, MD4, MD2)",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags MD5, SHA-1, MD4 and MD2 from `hashlib` (also `hashlib.new(\"md5\")` and "
        "`hashlib.file_digest`), PyCryptodome `Crypto.Hash` and `cryptography` `hashes`, "
        "unless `usedforsecurity=False` is passed."
    ),
    why=(
        "Collisions for MD5 and SHA-1 can be computed cheaply (SHAttered, chosen-prefix "
        "attacks), so they no longer prove integrity or authenticity: two different "
        "documents, certificates or packages can share one digest. As password hashes "
        "they are also far too fast to resist brute force."
    ),
    fix=(
        "Use SHA-256 or better (`hashlib.sha256`, `hashlib.blake2b`); for passwords use a "
        "password hash (argon2, bcrypt, scrypt, PBKDF2). For non-security digests (cache "
        "keys, ETags) say so: `hashlib.md5(data, usedforsecurity=False)`."
    ),
    bad="digest = hashlib.md5(document).hexdigest()",
    good="digest = hashlib.sha256(document).hexdigest()",
    nodes=(ast.Call,),
    methods=_WEAK_HASH_LEAVES,
    references=(
        "https://docs.python.org/3/library/hashlib.html#hashlib.new",
        "https://shattered.io/",
    ),
    bandit=("B303", "B324"),
    scope_note=(
        "Pattern. Severity and confidence follow the names around the call: near "
        "password/token/signature/secret names severity is high; when the digest feeds a "
        "cache key, ETag, file checksum or similar it is reported with low severity and "
        "confidence rather than dropped. SHA-1 inside HMAC, OAEP/MGF1, HKDF, PBKDF2 and "
        "HOTP/TOTP is not reported (those constructions do not rely on collision "
        "resistance); MD5 there is reported with low confidence."
    ),
)
def weak_hash(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _WEAK_HASH_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    if name is None:
        return
    algorithm = _weak_hash_algorithm(node, ctx, name)
    if algorithm is None:
        return
    flag = keyword(node, "usedforsecurity")
    if flag is not None:
        known, value = ctx.constant(flag)
        if known and not value:
            return
    parents = ctx.parents
    if parents and isinstance(parents[-1], ast.Attribute) and parents[-1].attr in (
        "block_size", "digest_size", "name",
    ):
        return  # `hashlib.sha1().block_size` reads a property, it hashes nothing
    data = argument(node, 1 if name in ("hashlib.new", "Crypto.Hash.new") else 0, "data")
    if data is not None and _is_random_bytes(data, ctx):
        return  # a digest of fresh random bytes is a random token: nothing to collide with
    inside = _enclosing_call_name(ctx)
    if inside in _HMAC_LIKE:
        if algorithm == "SHA-1":
            return
        yield Issue(
            node,
            f"{algorithm} is used inside `{inside.rpartition('.')[2]}`; HMAC-{algorithm} is not "
            "broken, but it is deprecated and easy to replace.",
            severity=Severity.LOW,
            confidence=Confidence.LOW,
            remediation="Use SHA-256 in the construction.",
        )
        return
    security, non_security = _hash_context(node, ctx)
    call = short_code(node.func)
    if _truncated_digest(ctx.parents):
        # `sha1(version + SECRET_KEY).hexdigest()[:8]`: a short tag (a cache buster, an id)
        security, non_security = set(), {"a digest cut to a few characters"}
    if security:
        yield Issue(
            node,
            f"`{call}` computes {algorithm} near {_quote(security)}: {algorithm} collisions are "
            "practical and it is too fast for passwords, so it does not protect what these "
            "names suggest.",
            severity=Severity.HIGH,
            confidence=Confidence.HIGH,
        )
    elif non_security:
        yield Issue(
            node,
            f"`{call}` computes {algorithm}, apparently for a non-security purpose "
            f"({_quote(non_security)}); if so, pass `usedforsecurity=False` to say it.",
            severity=Severity.LOW,
            confidence=Confidence.LOW,
            remediation=(
                "If the digest is not a security control, mark it: "
                "`hashlib.md5(data, usedforsecurity=False)`; otherwise use SHA-256."
            ),
        )
    else:
        yield Issue(
            node,
            f"`{call}` computes {algorithm}, whose collisions are practical: it must not be "
            "used to prove integrity or authenticity.",
        )


_CSPRNG_CALLS = frozenset(
    {"os.urandom", "secrets.token_bytes", "secrets.token_hex", "secrets.token_urlsafe",
     "uuid.uuid4", "random.SystemRandom.randbytes", "Crypto.Random.get_random_bytes"}
)  # fmt: skip


def _is_random_bytes(data: ast.expr, ctx: RuleContext) -> bool:
    """`os.urandom(64)`, `secrets.token_bytes()`, `str(uuid.uuid4()).encode()`."""
    while isinstance(data, ast.Call):
        name = ctx.call_name(data)
        if name in _CSPRNG_CALLS:
            return True
        if name in ("builtins.str", "builtins.bytes") and data.args:
            data = data.args[0]
        elif isinstance(data.func, ast.Attribute) and data.func.attr in ("encode", "hex"):
            data = data.func.value
        else:
            return False
    return False


_SHORT_TAG = 16  # characters of a digest kept as a tag, not as a proof


def _truncated_digest(parents: Sequence[ast.AST]) -> bool:
    """True when the hash is read as `.hexdigest()[:n]` (or `.digest()[:n]`) with a
    small constant `n`: a label, whose collisions protect nothing."""
    if len(parents) < 3:
        return False
    method, call, cut = parents[-1], parents[-2], parents[-3]
    if not (
        isinstance(method, ast.Attribute)
        and method.attr in ("hexdigest", "digest")
        and isinstance(call, ast.Call)
        and isinstance(cut, ast.Subscript)
        and cut.value is call
        and isinstance(cut.slice, ast.Slice)
    ):
        return False
    window = cut.slice
    start = window.lower
    stop = window.upper
    return (
        (start is None or (isinstance(start, ast.Constant) and start.value == 0))
        and isinstance(stop, ast.Constant)
        and isinstance(stop.value, int)
        and 0 < stop.value <= _SHORT_TAG
        and window.step is None
    )


def _quote(words: set[str]) -> str:
    return ", ".join(f"`{w}`" for w in sorted(words)[:3])


def _enclosing_call_name(ctx: RuleContext) -> str:
    """The qualified name of the call whose argument the current node is (if any)."""
    parents = ctx.parents
    for index in range(len(parents) - 1, -1, -1):
        parent = parents[index]
        if isinstance(parent, ast.Call):
            return _normalize(ctx.call_name(parent)) or ""
        if isinstance(parent, ast.stmt):
            break
    return ""


# -- PY-CRYPTO-002: broken ciphers -------------------------------------------------------

_WEAK_CIPHERS = {
    "Crypto.Cipher.DES.new": "DES",
    "Crypto.Cipher.DES3.new": "Triple DES",
    "Crypto.Cipher.ARC2.new": "RC2",
    "Crypto.Cipher.ARC4.new": "RC4",
    "Crypto.Cipher.Blowfish.new": "Blowfish",
    "Crypto.Cipher.CAST.new": "CAST-128",
    "Crypto.Cipher.XOR.new": "XOR",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4": "RC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish": "Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5": "CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA": "IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED": "SEED",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES": "Triple DES",
    "cryptography.hazmat.primitives.ciphers.algorithms.RC2": "RC2",
    "pyDes.des": "DES",
    "pyDes.triple_des": "Triple DES",
    "Crypto.Cipher.DES": "DES",
}
_WEAK_CIPHER_WHY = {
    "DES": "a 56-bit key, found by exhaustive search in hours",
    "Triple DES": "a 64-bit block (Sweet32 collisions after a few GB) and is withdrawn by NIST",
    "RC2": "a 64-bit block and known related-key attacks",
    "RC4": "biased keystream bytes that leak plaintext (RFC 7465 prohibits it in TLS)",
    "Blowfish": "a 64-bit block (Sweet32 birthday attacks)",
    "CAST-128": "a 64-bit block",
    "CAST5": "a 64-bit block",
    "IDEA": "a 64-bit block and weak-key classes",
    "SEED": "a 64-bit-era design without modern review and little library support",
    "XOR": "no security at all (a repeating-key XOR is broken by frequency analysis)",
}


_WEAK_CIPHER_LEAVES = leaves(_WEAK_CIPHERS)


@rule(
    id="PY-CRYPTO-002",
    cwe=327,
    title="Broken or weak cipher (DES, 3DES, RC2, RC4, Blowfish, IDEA, CAST, XOR)",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags PyCryptodome/PyCrypto `Crypto.Cipher.{DES,DES3,ARC2,ARC4,Blowfish,CAST,XOR}.new`, "
        "`cryptography` `algorithms.{TripleDES,ARC4,Blowfish,CAST5,IDEA,SEED}` and pyDes."
    ),
    why=(
        "These ciphers have keys short enough to search, 64-bit blocks that collide after "
        "a few gigabytes (Sweet32), or biased keystreams: ciphertext made with them can be "
        "decrypted or manipulated by an attacker."
    ),
    fix="Use an authenticated AES mode: `AESGCM(key).encrypt(nonce, data, aad)` or `Fernet`.",
    bad="cipher = DES.new(key, DES.MODE_CBC, iv)",
    good="ciphertext = AESGCM(key).encrypt(os.urandom(12), data, None)",
    nodes=(ast.Call,),
    methods=_WEAK_CIPHER_LEAVES,
    references=(
        "https://sweet32.info/",
        "https://www.rfc-editor.org/rfc/rfc7465",
        "https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
    ),
    bandit=("B304",),
    scope_note=(
        "Pattern: the algorithm alone is the defect. Triple DES is reported with medium "
        "severity."
    ),
)
def weak_cipher(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _WEAK_CIPHER_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    cipher = _WEAK_CIPHERS.get(name or "")
    if cipher is None:
        return
    yield Issue(
        node,
        f"`{short_code(node.func)}` encrypts with {cipher}, which has "
        f"{_WEAK_CIPHER_WHY[cipher]}.",
        severity=Severity.MEDIUM if cipher == "Triple DES" else None,
    )


# -- PY-CRYPTO-003: ECB mode -------------------------------------------------------------

_PYCRYPTODOME_CIPHERS = frozenset(
    {"Crypto.Cipher.AES.new", "Crypto.Cipher.DES.new", "Crypto.Cipher.DES3.new",
     "Crypto.Cipher.ARC2.new", "Crypto.Cipher.Blowfish.new", "Crypto.Cipher.CAST.new"}
)
_PYCRYPTODOME_MODES = {
    1: "ECB", 2: "CBC", 3: "CFB", 5: "OFB", 6: "CTR", 7: "OPENPGP", 8: "CCM", 9: "EAX",
    10: "SIV", 11: "GCM", 12: "OCB",
}


def _pycryptodome_mode(node: ast.Call, ctx: RuleContext) -> str | None:
    """The mode name (`CBC`) of a PyCryptodome `X.new(key, mode, …)` call, if known."""
    mode = argument(node, 1, "mode")
    if mode is None:
        return None
    qualified = _normalize(ctx.qualified_name(mode))
    if qualified and qualified.startswith("Crypto.Cipher.") and ".MODE_" in qualified:
        return qualified.rpartition(".MODE_")[2]
    known, value = ctx.constant(mode)
    if known and isinstance(value, int):
        return _PYCRYPTODOME_MODES.get(value)
    return None


_ECB_LEAVES = frozenset({"ECB", "new"})


@rule(
    id="PY-CRYPTO-003",
    cwe=327,
    title="Block cipher in ECB mode",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `cryptography` `modes.ECB()` and PyCryptodome ciphers created with "
        "`MODE_ECB`."
    ),
    why=(
        "ECB encrypts equal plaintext blocks to equal ciphertext blocks, so patterns in "
        "the data show through (the 'ECB penguin'), and blocks can be cut, reordered and "
        "replayed without detection."
    ),
    fix="Use an authenticated mode such as GCM (`AESGCM`) with a fresh random nonce per message.",
    bad="cipher = AES.new(key, AES.MODE_ECB)",
    good="cipher = AES.new(key, AES.MODE_GCM)  # a fresh random nonce is generated",
    nodes=(ast.Call,),
    methods=_ECB_LEAVES,
    references=("https://csrc.nist.gov/pubs/sp/800/38/a/final",),
    bandit=("B305",),
    scope_note="Pattern: the mode alone is the defect.",
)
def ecb_mode(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _ECB_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    if name == "cryptography.hazmat.primitives.ciphers.modes.ECB":
        yield Issue(
            node, "`modes.ECB()` encrypts equal blocks to equal ciphertext: data patterns leak."
        )
    elif name in _PYCRYPTODOME_CIPHERS and _pycryptodome_mode(node, ctx) == "ECB":
        yield Issue(
            node,
            f"`{short_code(node.func)}` is created in ECB mode: equal plaintext blocks give "
            "equal ciphertext blocks, so data patterns leak.",
        )


# -- PY-CRYPTO-004 / 005: static IVs and nonces -------------------------------------------

_CRYPTOGRAPHY_MODES = {
    "cryptography.hazmat.primitives.ciphers.modes.CBC": ("CBC", 0, "initialization_vector"),
    "cryptography.hazmat.primitives.ciphers.modes.CFB": ("CFB", 0, "initialization_vector"),
    "cryptography.hazmat.primitives.ciphers.modes.CFB8": ("CFB8", 0, "initialization_vector"),
    "cryptography.hazmat.primitives.ciphers.modes.OFB": ("OFB", 0, "initialization_vector"),
    "cryptography.hazmat.primitives.ciphers.modes.CTR": ("CTR", 0, "nonce"),
    "cryptography.hazmat.primitives.ciphers.modes.GCM": ("GCM", 0, "initialization_vector"),
    "cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20": ("ChaCha20", 1, "nonce"),
}
_AEAD_CLASSES = {
    "cryptography.hazmat.primitives.ciphers.aead.AESGCM": "AES-GCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESCCM": "AES-CCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESOCB3": "AES-OCB3",
    "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305": "ChaCha20-Poly1305",
}
_PYCRYPTODOME_STREAM = {
    "Crypto.Cipher.ChaCha20.new": "ChaCha20",
    "Crypto.Cipher.ChaCha20_Poly1305.new": "ChaCha20-Poly1305",
    "Crypto.Cipher.Salsa20.new": "Salsa20",
}
# Modes where a repeated IV/nonce with the same key is tolerated by design.
_MISUSE_RESISTANT = frozenset({"SIV", "ECB"})


def _iv_uses(node: ast.Call, ctx: RuleContext) -> Iterator[tuple[str, ast.expr, str]]:
    """(mode, IV/nonce expression, what it is called) for a cipher construction call."""
    if cannot_be(node, _IV_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    if name is None:
        receiver_class = _aead_receiver(node, ctx)
        if receiver_class and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "encrypt", "encrypt_and_digest",
        ):
            nonce = argument(node, 0, "nonce")
            if nonce is not None:
                yield receiver_class, nonce, "nonce"
        return
    if name in _CRYPTOGRAPHY_MODES:
        mode, position, key = _CRYPTOGRAPHY_MODES[name]
        value = argument(node, position, key)
        if value is not None:
            yield mode, value, "nonce" if key == "nonce" else "IV"
    elif name in _PYCRYPTODOME_CIPHERS:
        cipher_mode = _pycryptodome_mode(node, ctx)
        if cipher_mode is None or cipher_mode in _MISUSE_RESISTANT:
            return
        value = argument(node, 2)
        label = "IV" if cipher_mode in ("CBC", "CFB", "OFB", "OPENPGP") else "nonce"
        for key in ("iv", "IV", "nonce"):
            value = value or keyword(node, key)
        if value is not None:
            yield cipher_mode, value, label
    elif name in _PYCRYPTODOME_STREAM:
        value = keyword(node, "nonce")
        if value is None and name == "Crypto.Cipher.Salsa20.new":
            value = argument(node, 1)
        if value is not None:
            yield _PYCRYPTODOME_STREAM[name], value, "nonce"


_IV_LEAVES = leaves(_CRYPTOGRAPHY_MODES, _PYCRYPTODOME_CIPHERS, _PYCRYPTODOME_STREAM) | {
    "encrypt", "encrypt_and_digest",
}


def _aead_receiver(node: ast.Call, ctx: RuleContext) -> str | None:
    """`AESGCM(key).encrypt(...)` or `aead.encrypt(...)` with `aead = AESGCM(key)`."""
    if not isinstance(node.func, ast.Attribute):
        return None
    receiver: ast.AST | None = node.func.value
    if isinstance(receiver, ast.Name):
        receiver = bound_value(receiver, ctx)
    if isinstance(receiver, ast.Call):
        return _AEAD_CLASSES.get(_normalize(ctx.call_name(receiver)) or "")
    return None


@rule(
    id="PY-CRYPTO-004",
    cwe=329,
    title="Constant IV in CBC mode",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags CBC ciphers (`modes.CBC(iv)`, `AES.new(key, AES.MODE_CBC, iv)`) whose IV is "
        "a constant: a literal, a module constant, `b\"\\x00\" * 16`, `bytes(16)`."
    ),
    why=(
        "CBC needs an unpredictable IV per message. With a fixed IV, equal message prefixes "
        "encrypt to equal ciphertext prefixes, and an attacker who can submit plaintexts "
        "can test guesses about other messages block by block."
    ),
    fix="Generate a fresh IV per message with `os.urandom(16)` and send it with the ciphertext.",
    bad='cipher = Cipher(algorithms.AES(key), modes.CBC(b"\\x00" * 16))',
    good="iv = os.urandom(16)\ncipher = Cipher(algorithms.AES(key), modes.CBC(iv))",
    nodes=(ast.Call,),
    methods=_IV_LEAVES,
    references=("https://cwe.mitre.org/data/definitions/329.html",),
    scope_note=(
        "Pattern with local constant folding: IVs from `os.urandom`, `secrets`, "
        "`get_random_bytes` or parameters are not reported. IVs derived from the key or a "
        "counter are not recognised."
    ),
)
def static_cbc_iv(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    for mode, value, label in _iv_uses(node, ctx):
        if mode != "CBC":
            continue
        static, description = _static_value(value, ctx)
        if static:
            yield Issue(
                node,
                f"The CBC {label} is {description}: every message starts from the same IV, "
                "so equal plaintext prefixes give equal ciphertext.",
            )


@rule(
    id="PY-CRYPTO-005",
    cwe=323,
    title="Constant nonce or IV in a stream or AEAD mode",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags CTR, GCM, CCM, EAX, OCB, CFB, OFB, ChaCha20 and Salsa20 encryption whose nonce "
        "or IV is a constant (`AESGCM(key).encrypt(b\"…\", data, aad)`, "
        "`modes.CTR(b\"\\x00\" * 16)`, `AES.new(key, AES.MODE_GCM, nonce=b\"…\")`)."
    ),
    why=(
        "These modes turn the key and nonce into a keystream. A constant nonce reuses the "
        "keystream for every message: XOR-ing two ciphertexts cancels it and reveals the "
        "XOR of the plaintexts, and with GCM the authentication key can be recovered and "
        "tags forged."
    ),
    fix=(
        "Use a fresh random nonce per message (`os.urandom(12)` for GCM) and store it with "
        "the ciphertext."
    ),
    bad='ciphertext = AESGCM(key).encrypt(b"fixed-nonce!", data, None)',
    good="nonce = os.urandom(12)\nciphertext = nonce + AESGCM(key).encrypt(nonce, data, None)",
    nodes=(ast.Call,),
    methods=_IV_LEAVES,
    references=(
        "https://cwe.mitre.org/data/definitions/323.html",
        "https://csrc.nist.gov/pubs/sp/800/38/d/final",
    ),
    scope_note=(
        "Pattern with local constant folding. CWE-323 (nonce reuse) is the precise weakness "
        "for counter-based and AEAD modes; CBC has its own CWE-329 rule (PY-CRYPTO-004). "
        "AES-SIV, built to tolerate nonce reuse, is not reported."
    ),
)
def static_nonce(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    for mode, value, label in _iv_uses(node, ctx):
        if mode == "CBC":
            continue
        static, description = _static_value(value, ctx)
        if static:
            yield Issue(
                node,
                f"The {mode} {label} is {description}: every message under this key reuses "
                "the same keystream, which reveals plaintext"
                + (" and lets tags be forged." if mode in ("GCM", "AES-GCM") else "."),
            )


# -- PY-CRYPTO-006: constant salts -------------------------------------------------------

# qualified callable → (position, keyword) of its salt argument
_SALT_ARGUMENTS: dict[str, tuple[int, str]] = {
    "hashlib.pbkdf2_hmac": (2, "salt"),
    "hashlib.scrypt": (-1, "salt"),
    "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC": (2, "salt"),
    "cryptography.hazmat.primitives.kdf.scrypt.Scrypt": (0, "salt"),
    "cryptography.hazmat.primitives.kdf.argon2.Argon2id": (-1, "salt"),
    "Crypto.Protocol.KDF.PBKDF2": (1, "salt"),
    "Crypto.Protocol.KDF.scrypt": (1, "salt"),
    "Crypto.Protocol.KDF.bcrypt": (2, "salt"),
    "bcrypt.hashpw": (1, "salt"),
    "bcrypt.kdf": (1, "salt"),
    "argon2.low_level.hash_secret": (1, "salt"),
    "argon2.low_level.hash_secret_raw": (1, "salt"),
    "crypt.crypt": (1, "salt"),
    "passlib.hash.pbkdf2_sha256.hash": (-1, "salt"),
    "passlib.hash.pbkdf2_sha512.hash": (-1, "salt"),
    "passlib.hash.sha512_crypt.hash": (-1, "salt"),
    "passlib.hash.sha256_crypt.hash": (-1, "salt"),
    "passlib.hash.bcrypt.hash": (-1, "salt"),
}
_SALT_LEAVES = leaves(_SALT_ARGUMENTS) | {"hash", "using", "encrypt"}
_CRYPT_METHODS = frozenset(
    {"crypt.METHOD_SHA512", "crypt.METHOD_SHA256", "crypt.METHOD_BLOWFISH",
     "crypt.METHOD_MD5", "crypt.METHOD_CRYPT"}
)


@rule(
    id="PY-CRYPTO-006",
    cwe=760,
    title="Password hash or key derivation with a constant salt",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags PBKDF2, scrypt, bcrypt, argon2 and `crypt` calls whose salt is a constant "
        "(`pbkdf2_hmac(\"sha256\", pw, b\"salt\", n)`, `PBKDF2HMAC(salt=SALT)`, "
        "`bcrypt.hashpw(pw, b\"$2b$12$…\")`)."
    ),
    why=(
        "A salt makes every password hash unique so that one precomputed table or one "
        "guess cannot attack all users at once. The same salt for every password gives "
        "that advantage back to the attacker, and equal passwords get equal hashes."
    ),
    fix=(
        "Generate a random salt per password (`os.urandom(16)`, `bcrypt.gensalt()`) and "
        "store it beside the hash."
    ),
    bad='key = hashlib.pbkdf2_hmac("sha256", password, b"static-salt", 600_000)',
    good='salt = os.urandom(16)\nkey = hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)',
    nodes=(ast.Call,),
    methods=_SALT_LEAVES,
    references=(
        "https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#salting",
    ),
    scope_note=(
        "Pattern with local constant folding. An empty salt (no salt at all, CWE-759) is "
        "reported here too. HKDF is not checked: its salt is optional by design. "
        "`crypt.crypt(word, crypt.METHOD_…)` picks a random salt and is not reported."
    ),
)
def constant_salt(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _SALT_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    if name is None:
        return
    if name not in _SALT_ARGUMENTS and name.startswith("passlib.hash.") and name.endswith(
        (".hash", ".using", ".encrypt")
    ):
        spec: tuple[int, str] = (-1, "salt")
    elif name in _SALT_ARGUMENTS:
        spec = _SALT_ARGUMENTS[name]
    else:
        return
    position, key = spec
    salt = keyword(node, key) if position < 0 else argument(node, position, key)
    if salt is None:
        return
    if name == "crypt.crypt":
        if ctx.qualified_name(salt) in _CRYPT_METHODS or isinstance(salt, ast.Call):
            return
    static, description = _static_value(salt, ctx)
    if not static:
        return
    known, value = ctx.constant(salt)
    empty = known and value in ("", b"")
    yield Issue(
        node,
        f"`{short_code(node.func)}` is given {description} as its salt"
        + (" — an empty salt is no salt at all" if empty else "")
        + ": every password gets the same salt, so equal passwords hash alike and one "
        "precomputed table attacks them all.",
    )


# -- PY-CRYPTO-007: too little work in password hashing ----------------------------------

# PBKDF2 iteration floors per PRF: one sixth of OWASP's 2023 recommendation
# (SHA-1 1.3M, SHA-256 600k, SHA-512 210k), i.e. the 2013-era 100k for SHA-256.
_PBKDF2_FLOORS = {"sha1": 210_000, "sha224": 100_000, "sha256": 100_000,
                  "sha384": 35_000, "sha512": 35_000, "md5": 210_000}
_FAST_HASHES = frozenset(
    {"hashlib.sha256", "hashlib.sha512", "hashlib.sha224", "hashlib.sha384",
     "hashlib.sha3_256", "hashlib.sha3_512", "hashlib.sha3_224", "hashlib.sha3_384",
     "hashlib.blake2b", "hashlib.blake2s", "Crypto.Hash.SHA256.new", "Crypto.Hash.SHA512.new"}
)
_WEAK_CRYPT_METHODS = {"crypt.METHOD_CRYPT": "DES crypt", "crypt.METHOD_MD5": "MD5 crypt"}
_WEAK_PASSLIB = {
    "passlib.hash.des_crypt": "DES crypt", "passlib.hash.bsdi_crypt": "BSDi crypt",
    "passlib.hash.bigcrypt": "BigCrypt", "passlib.hash.crypt16": "crypt16",
    "passlib.hash.md5_crypt": "MD5 crypt", "passlib.hash.apr_md5_crypt": "Apache MD5 crypt",
    "passlib.hash.ldap_md5": "LDAP MD5", "passlib.hash.ldap_sha1": "LDAP SHA-1",
    "passlib.hash.ldap_salted_md5": "LDAP salted MD5",
    "passlib.hash.ldap_salted_sha1": "LDAP salted SHA-1",
    "passlib.hash.hex_md5": "hex MD5", "passlib.hash.hex_sha1": "hex SHA-1",
    "passlib.hash.hex_sha256": "hex SHA-256", "passlib.hash.hex_sha512": "hex SHA-512",
    "passlib.hash.mysql323": "MySQL 3.2.3", "passlib.hash.mysql41": "MySQL 4.1",
    "passlib.hash.lmhash": "LM hash", "passlib.hash.nthash": "NT hash",
    "passlib.hash.postgres_md5": "PostgreSQL MD5", "passlib.hash.oracle10": "Oracle 10g",
}


_WORK_FACTOR_LEAVES = leaves(_FAST_HASHES, _WEAK_PASSLIB) | {
    "pbkdf2_hmac", "PBKDF2HMAC", "PBKDF2", "gensalt", "scrypt", "Scrypt", "crypt", "mksalt",
    "new", "update", "hash", "encrypt", "using",
}


def _prf_name(node: ast.AST | None, ctx: RuleContext) -> str | None:
    """`"sha256"` for `"sha256"`, `hashes.SHA256()` or `SHA256` (PyCryptodome module)."""
    if node is None:
        return None
    known, value = ctx.constant(node)
    if known and isinstance(value, str):
        return value.lower().replace("-", "")
    target = node.func if isinstance(node, ast.Call) else node
    qualified = ctx.qualified_name(target)
    if qualified:
        return qualified.rpartition(".")[2].lower()
    return None


def _int_value(node: ast.AST | None, ctx: RuleContext, depth: int = 0) -> int | None:
    """An integer constant, folding `2**14`, `16 * 1024` and `1 << 14` as well."""
    if node is None or depth > 10:
        return None
    known, value = ctx.constant(node)
    if known:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Pow, ast.Mult, ast.LShift)):
        left = _int_value(node.left, ctx, depth + 1)
        right = _int_value(node.right, ctx, depth + 1)
        if left is None or right is None or right > 64 and not isinstance(node.op, ast.Mult):
            return None
        if isinstance(node.op, ast.Pow):
            return int(left**right)
        if isinstance(node.op, ast.LShift):
            return left << right
        return left * right
    return None


def _too_few(node: ast.Call, count_node: ast.AST | None, floor: int, ctx: RuleContext,
             what: str, default: int | None = None) -> Issue | None:
    if count_node is None:
        if default is None or default >= floor:
            return None
        count, shown = default, f"the default of {default:,}"
    else:
        value = _int_value(count_node, ctx)
        if value is None or value >= floor:
            return None
        count, shown = value, f"{value:,}"
    return Issue(
        node,
        f"`{short_code(node.func)}` runs {shown} {what}, below the floor of {floor:,}: "
        "a GPU tests guesses against such hashes orders of magnitude faster.",
        severity=Severity.HIGH if count < floor // 10 else None,
    )


@rule(
    id="PY-CRYPTO-007",
    cwe=916,
    title="Password hash with too little computational effort",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags PBKDF2 with too few iterations (below 100,000 for SHA-256, 35,000 for "
        "SHA-512, 210,000 for SHA-1; PyCryptodome's default of 1,000), bcrypt cost below "
        "10, scrypt N below 2**14, `crypt` DES/MD5 methods, weak passlib schemes, and "
        "plain SHA-2/SHA-3/BLAKE2 digests of a password."
    ),
    why=(
        "Stolen password hashes are attacked offline on GPUs. A fast or cheaply iterated "
        "hash lets an attacker test billions of guesses per second, recovering most real "
        "passwords."
    ),
    fix=(
        "Use argon2id (`argon2.PasswordHasher`), bcrypt (cost ≥ 12), scrypt (N ≥ 2**17) or "
        "PBKDF2-HMAC-SHA256 with at least 600,000 iterations."
    ),
    bad='hashed = hashlib.pbkdf2_hmac("sha256", password, salt, 1000)',
    good='hashed = hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)',
    nodes=(ast.Call,),
    methods=_WORK_FACTOR_LEAVES,
    references=(
        "https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
    ),
    bandit=("B324",),
    scope_note=(
        "Pattern. Floors are one sixth of OWASP's 2023 figures (a count that far below "
        "current advice is a defect, not a tuning choice); severity is high below a tenth "
        "of the floor. Plain digests count only when the hashed expression is named like a "
        "password (`password`, `pwd`, `passphrase`, as the last word). `crypt.METHOD_BLOWFISH` "
        "(bcrypt) is not weak and not reported, unlike Bandit's B324."
    ),
)
def weak_password_hash(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _WORK_FACTOR_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    if name is None:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            receiver = node.func.value
            value = bound_value(receiver, ctx) if isinstance(receiver, ast.Name) else receiver
            if isinstance(value, ast.Call) and _normalize(ctx.call_name(value)) in _FAST_HASHES:
                yield from _fast_password_hash(node, node.args[0] if node.args else None)
        return
    issue: Issue | None = None
    if name == "hashlib.pbkdf2_hmac":
        prf = _prf_name(argument(node, 0, "hash_name"), ctx) or "sha256"
        floor = _PBKDF2_FLOORS.get(prf, 100_000)
        issue = _too_few(node, argument(node, 3, "iterations"), floor, ctx, "PBKDF2 iterations")
    elif name == "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC":
        prf = _prf_name(argument(node, 0, "algorithm"), ctx) or "sha256"
        floor = _PBKDF2_FLOORS.get(prf, 100_000)
        issue = _too_few(node, argument(node, 3, "iterations"), floor, ctx, "PBKDF2 iterations")
    elif name == "Crypto.Protocol.KDF.PBKDF2":
        prf_node = keyword(node, "hmac_hash_module")
        module_prf = _prf_name(prf_node, ctx) if prf_node is not None else None
        floor = _PBKDF2_FLOORS.get(module_prf or "sha1", 100_000)
        issue = _too_few(node, argument(node, 3, "count"), floor, ctx, "PBKDF2 iterations",
                         default=1000)
    elif name == "bcrypt.gensalt":
        issue = _too_few(node, argument(node, 0, "rounds"), 10, ctx, "bcrypt rounds (log2)")
    elif name == "hashlib.scrypt":
        issue = _too_few(node, keyword(node, "n"), 2**14, ctx, "scrypt cost (N)")
    elif name == "cryptography.hazmat.primitives.kdf.scrypt.Scrypt":
        issue = _too_few(node, argument(node, 2, "n"), 2**14, ctx, "scrypt cost (N)")
    elif name == "Crypto.Protocol.KDF.scrypt":
        issue = _too_few(node, argument(node, 3, "N"), 2**14, ctx, "scrypt cost (N)")
    elif name in ("crypt.crypt", "crypt.mksalt"):
        method = argument(node, 1 if name == "crypt.crypt" else 0,
                          "salt" if name == "crypt.crypt" else "method")
        label = _WEAK_CRYPT_METHODS.get(ctx.qualified_name(method) or "") if method else None
        if label and method is not None:
            issue = Issue(
                node,
                f"`{name}` with `{short_code(method)}` uses {label}, a password hash "
                "broken by commodity hardware.",
                remediation="Use `crypt.METHOD_SHA512`, or better argon2/bcrypt.",
            )
    elif name.rpartition(".")[0] in _WEAK_PASSLIB or name in _WEAK_PASSLIB:
        scheme = name if name in _WEAK_PASSLIB else name.rpartition(".")[0]
        if name == scheme or name.endswith((".hash", ".encrypt", ".using")):
            issue = Issue(
                node,
                f"passlib's `{scheme.rpartition('.')[2]}` ({_WEAK_PASSLIB[scheme]}) is an "
                "obsolete password hash that offers no resistance to offline guessing.",
            )
    elif name in _FAST_HASHES or name == "hashlib.new":
        data = argument(node, 1 if name == "hashlib.new" else 0,
                        "data" if name != "hashlib.new" else "data")
        if name == "hashlib.new":
            algorithm = _prf_name(argument(node, 0, "name"), ctx)
            if algorithm is None or algorithm in ("md5", "sha1", "sha", "md4"):
                return
        yield from _fast_password_hash(node, data)
        return
    if issue is not None:
        yield issue


def _fast_password_hash(node: ast.Call, data: ast.AST | None) -> Iterator[Issue]:
    if data is None:
        return
    for name in expression_names(data, limit=40):
        words = identifier_words(name)
        if words and words[-1] in PASSWORD_WORDS:
            yield Issue(
                node,
                f"`{short_code(node.func)}` hashes `{name}` with a single fast digest: an "
                "attacker with the hash tests billions of password guesses per second.",
                remediation=(
                    "Hash passwords with argon2 (`argon2.PasswordHasher().hash(password)`), "
                    "bcrypt or PBKDF2 with ≥ 600,000 iterations."
                ),
            )
            return


# -- PY-CRYPTO-008: weak key sizes -------------------------------------------------------

_EC_CURVE_BITS = {
    "SECT571K1": 571, "SECT571R1": 570, "SECP521R1": 521, "BRAINPOOLP512R1": 512,
    "SECT409K1": 409, "SECT409R1": 409, "BRAINPOOLP384R1": 384, "SECP384R1": 384,
    "SECT283K1": 283, "SECT283R1": 283, "BRAINPOOLP256R1": 256, "SECP256K1": 256,
    "SECP256R1": 256, "SECT233K1": 233, "SECT233R1": 233, "SECP224R1": 224,
    "SECP192R1": 192, "SECT163K1": 163, "SECT163R2": 163,
    # PyCryptodome `ECC.generate(curve=…)` names
    "P192": 192, "PRIME192V1": 192, "P224": 224, "PRIME256V1": 256, "P256": 256,
    "P384": 384, "P521": 521, "ED25519": 256, "ED448": 448,
}
# qualified callable → (algorithm, position, keyword, default size)
_ASYMMETRIC = "cryptography.hazmat.primitives.asymmetric."
_KEY_GENERATORS: dict[str, tuple[str, int, str, int | None]] = {
    _ASYMMETRIC + "rsa.generate_private_key": ("RSA", 1, "key_size", None),
    _ASYMMETRIC + "dsa.generate_private_key": ("DSA", 0, "key_size", None),
    _ASYMMETRIC + "dsa.generate_parameters": ("DSA", 0, "key_size", None),
    _ASYMMETRIC + "dh.generate_parameters": ("DH", 1, "key_size", None),
    _ASYMMETRIC + "ec.generate_private_key": ("EC", 0, "curve", None),
    "Crypto.PublicKey.RSA.generate": ("RSA", 0, "bits", None),
    "Crypto.PublicKey.DSA.generate": ("DSA", 0, "bits", None),
    "Crypto.PublicKey.ECC.generate": ("EC", -1, "curve", None),
    "rsa.newkeys": ("RSA", 0, "nbits", None),
    "paramiko.RSAKey.generate": ("RSA", 0, "bits", None),
    "paramiko.rsakey.RSAKey.generate": ("RSA", 0, "bits", None),
    "paramiko.DSSKey.generate": ("DSA", 0, "bits", 1024),
    "paramiko.dsskey.DSSKey.generate": ("DSA", 0, "bits", 1024),
    "paramiko.ECDSAKey.generate": ("EC", -1, "bits", None),
}
_KEY_GENERATOR_LEAVES = leaves(_KEY_GENERATORS)
_KEY_FLOORS = {"RSA": (2048, 1024), "DSA": (2048, 1024), "DH": (2048, 1024), "EC": (224, 160)}


def _curve_bits(node: ast.AST, ctx: RuleContext) -> tuple[int, str] | None:
    target = node.func if isinstance(node, ast.Call) else node
    qualified = ctx.qualified_name(target)
    if qualified and qualified.startswith("cryptography.hazmat.primitives.asymmetric.ec."):
        curve = qualified.rpartition(".")[2]
        bits = _EC_CURVE_BITS.get(curve.upper())
        return (bits, curve) if bits else None
    known, value = ctx.constant(node)
    if known and isinstance(value, str):
        bits = _EC_CURVE_BITS.get(value.upper().replace("-", "").replace("_", ""))
        return (bits, value) if bits else None
    if known and isinstance(value, int) and not isinstance(value, bool):
        return value, f"{value}-bit"
    return None


@rule(
    id="PY-CRYPTO-008",
    cwe=326,
    title="Asymmetric key too small (RSA/DSA/DH < 2048 bits, EC < 224 bits)",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags RSA, DSA and DH keys or parameters generated with fewer than 2048 bits and EC "
        "keys on curves under 224 bits, in `cryptography`, PyCryptodome, `rsa` and paramiko."
    ),
    why=(
        "RSA-512 and RSA-768 have been factored publicly and 1024-bit keys are within reach "
        "of well-funded attackers; NIST disallows RSA/DSA below 2048 bits and EC below "
        "224 bits for new keys."
    ),
    fix="Generate RSA keys of 3072 bits (2048 at least), or use Ed25519/ECDSA on P-256.",
    bad="key = rsa.generate_private_key(public_exponent=65537, key_size=1024)",
    good="key = rsa.generate_private_key(public_exponent=65537, key_size=3072)",
    nodes=(ast.Call,),
    methods=_KEY_GENERATOR_LEAVES,
    references=(
        "https://csrc.nist.gov/pubs/sp/800/131/a/r2/final",
        "https://www.keylength.com/",
    ),
    bandit=("B505",),
    scope_note=(
        "Pattern: the size must fold to a constant; sizes from variables are not "
        "reported. Severity is high below 1024 bits (160 for EC)."
    ),
)
def weak_key_size(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _KEY_GENERATOR_LEAVES):
        return
    name = _normalize(ctx.call_name(node))
    spec = _KEY_GENERATORS.get(name or "")
    if spec is None:
        return
    algorithm, position, key, default = spec
    size_node = keyword(node, key) if position < 0 else argument(node, position, key)
    size: int | None = None
    shown = ""
    if size_node is None:
        if default is None:
            return
        size, shown = default, f"the default {default}-bit"
    elif algorithm == "EC":
        found = _curve_bits(size_node, ctx)
        if found is None:
            return
        size, curve = found
        shown = f"the {curve} curve ({size} bits)" if not curve.endswith("-bit") else curve
    else:
        size = _int_value(size_node, ctx)
        if size is None:
            return
        shown = f"{size}-bit"
    floor, critical = _KEY_FLOORS[algorithm]
    if size >= floor:
        return
    yield Issue(
        node,
        f"`{short_code(node.func)}` creates a {algorithm} key with {shown}; below "
        f"{floor} bits it can be broken with today's resources.",
        severity=Severity.HIGH if size < critical else None,
    )


# -- PY-CRYPTO-009: JWT signature not verified -------------------------------------------

_JWT_DECODERS = frozenset(
    {"jwt.decode", "jwt.api_jwt.decode", "jwt.decode_complete", "jwt.api_jwt.decode_complete",
     "jose.jwt.decode", "jwt.PyJWT.decode"}
)

_JWT_LEAVES = leaves(_JWT_DECODERS) | {"process_jwt"}
# python_jwt: `process_jwt` only parses; `verify_jwt` checks the signature and claims
_PROCESS_JWT = "python_jwt.process_jwt"
_VERIFY_JWT = "python_jwt.verify_jwt"


def _dict_entry(node: ast.AST | None, key: str, ctx: RuleContext) -> tuple[bool, object]:
    """The constant value stored under `key` in a dict literal or folded dict constant."""
    if node is None:
        return False, None
    if isinstance(node, ast.Name):
        value_node = bound_value(node, ctx)
        if isinstance(value_node, ast.Dict):
            node = value_node
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=False):
            if isinstance(k, ast.Constant) and k.value == key:
                return ctx.constant(v)
        return False, None
    if isinstance(node, ast.Call) and ctx.call_name(node) == "builtins.dict":
        entry = keyword(node, key)
        return ctx.constant(entry) if entry is not None else (False, None)
    known, folded = ctx.constant(node)
    if known and isinstance(folded, dict) and key in folded:
        return True, folded[key]
    return False, None


@rule(
    id="PY-CRYPTO-009",
    cwe=347,
    title="JWT decoded without verifying its signature",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `jwt.decode`/`jose.jwt.decode` with `verify=False`, "
        "`options={\"verify_signature\": False}`, or `\"none\"` among the accepted algorithms, "
        "and python_jwt's `process_jwt` in a function that never calls `verify_jwt`."
    ),
    why=(
        "Without signature verification anyone can write the token's claims: change the "
        "user id, add an admin role, extend the expiry. Accepting the `none` algorithm "
        "lets an attacker strip the signature altogether."
    ),
    fix=(
        "Verify with the expected key and an explicit algorithm list: "
        "`jwt.decode(token, key, algorithms=[\"RS256\"])`."
    ),
    bad='claims = jwt.decode(token, options={"verify_signature": False})',
    good='claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="my-api")',
    nodes=(ast.Call,),
    methods=_JWT_LEAVES,
    references=(
        "https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode",
        "https://cwe.mitre.org/data/definitions/347.html",
    ),
    scope_note=(
        "Pattern. Turning off signature verification is sometimes done on purpose to peek "
        "at a header or issuer before choosing a key; such code is still reported (with "
        "medium confidence) because the claims must not be trusted afterwards. "
        "`jwt.get_unverified_header` is not reported."
    ),
)
def jwt_without_verification(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _JWT_LEAVES):
        return
    name = ctx.call_name(node)
    if name == _PROCESS_JWT:
        if not any(ctx.call_name(other) == _VERIFY_JWT for other in calls_in_scope(ctx)):
            yield Issue(
                node,
                f"`{short_code(node.func)}` only parses the token and nothing here calls "
                "`verify_jwt`: the claims it returns can be forged by anyone.",
            )
        return
    if name not in _JWT_DECODERS and not _is_pyjwt_instance_decode(node, ctx):
        return
    verify = keyword(node, "verify")
    if verify is not None:
        known, flag = ctx.constant(verify)
        if known and flag is False:
            yield Issue(node, f"`{short_code(node.func)}(…, verify=False)` returns claims "
                        "without checking the signature: anyone can forge them.")
            return
    known, entry = _dict_entry(keyword(node, "options"), "verify_signature", ctx)
    if known and entry is False:
        yield Issue(
            node,
            f"`{short_code(node.func)}` is told not to verify the signature "
            "(`verify_signature: False`): the returned claims can be forged by anyone.",
            confidence=Confidence.MEDIUM,
        )
        return
    algorithms = keyword(node, "algorithms")
    if algorithms is not None:
        known, accepted = ctx.constant(algorithms)
        values = accepted if isinstance(accepted, (list, tuple, frozenset)) else [accepted]
        if known and any(isinstance(v, str) and v.lower() == "none" for v in values):
            yield Issue(
                node,
                f"`{short_code(node.func)}` accepts the `none` algorithm: a token with its "
                "signature stripped is accepted as valid.",
            )


def _is_pyjwt_instance_decode(node: ast.Call, ctx: RuleContext) -> bool:
    """`jwt.PyJWT().decode(...)` or `decoder.decode(...)` with `decoder = jwt.PyJWT()`."""
    if not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr not in ("decode", "decode_complete"):
        return False
    receiver: ast.AST | None = node.func.value
    if isinstance(receiver, ast.Name):
        receiver = bound_value(receiver, ctx)
    return isinstance(receiver, ast.Call) and ctx.call_name(receiver) in (
        "jwt.PyJWT", "jwt.api_jwt.PyJWT",
    )


# -- PY-CRYPTO-010: password protected by a reversible encoding ----------------------------

_ENCODERS = frozenset(
    {"base64.b64encode", "base64.standard_b64encode", "base64.urlsafe_b64encode",
     "base64.b32encode", "base64.b32hexencode", "base64.b16encode", "base64.b85encode",
     "base64.a85encode", "base64.encodebytes", "base64.encodestring", "binascii.hexlify",
     "binascii.b2a_hex", "binascii.b2a_base64", "codecs.encode"}
)
_DECODERS = frozenset(
    {"base64.b64decode", "base64.standard_b64decode", "base64.urlsafe_b64decode",
     "base64.b32decode", "base64.b32hexdecode", "base64.b16decode", "base64.b85decode",
     "base64.a85decode", "base64.decodebytes", "base64.decodestring", "binascii.unhexlify",
     "binascii.a2b_hex", "binascii.a2b_base64", "codecs.decode", "builtins.bytes.fromhex"}
)
# codecs that only change the spelling (`codecs.encode(pw, "rot13")`, Python 2's
# `pw.encode("hex")`), as opposed to text encodings such as utf-8
_REVERSIBLE_CODECS = frozenset(
    {"rot13", "rot_13", "base64", "base_64", "base64_codec", "hex", "hex_codec", "uu",
     "uu_codec", "base32"}
)
_COMPARE_DIGEST = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
# methods whose result still holds the encoded (or the plain) text
_KEEPS_TEXT = frozenset({"decode", "encode", "strip", "rstrip", "lstrip"})
_TEXT_CALLS = frozenset({"builtins.str", "builtins.bytes", "builtins.bytearray"})
_PASSWORD_WORDS_261 = frozenset(
    {"password", "passwd", "pwd", "pw", "pswd", "passphrase", "passcode", "passwort"}
)
# words of a destination that say the value goes on the wire, not into storage
_TRANSPORT_WORDS = frozenset(
    {"authorization", "basic", "bearer", "header", "headers", "proxy", "auth", "credentials",
     "json", "data", "params", "payload", "body"}
)
# words in a string a value is spliced into that make it a header value
_HEADER_WORDS = frozenset({"authorization", "basic", "bearer", "proxy"})
# words of a callee that stores what it is given (`cursor.execute`, `save_user`)
_STORE_WORDS = frozenset(
    {"execute", "executemany", "write", "writelines", "save", "store", "insert", "update",
     "put", "set", "setex", "hset", "hmset", "add", "create", "persist", "dump", "register",
     "cookie", "upsert", "replace"}
)
# stores that encrypt what they keep: an encoding before them costs nothing
_PROTECTED_STORES = ("keyring.", "cryptography.fernet.", "hvac.")
_HASHING_PREFIXES = ("hashlib.", "hmac.", "bcrypt.", "argon2.", "passlib.", "crypt.",
                     "nacl.", "cryptography.", "Crypto.", "Cryptodome.", "scrypt.",
                     "werkzeug.security.", "django.contrib.auth.hashers.")
_HASHING_METHODS = frozenset(
    {"digest", "hexdigest", "hash", "hashpw", "encrypt", "make_password",
     "generate_password_hash", "pbkdf2_hmac", "scrypt", "derive", "kdf"}
)
_ENCODING_LEAVES = leaves(_ENCODERS, _COMPARE_DIGEST) | {"encode", "hex"}


def _password_word_in(name: str) -> bool:
    """`password`, `hashed_password`, `pw_b64`, `encodedPwd`: a name that says it holds
    a password, in whatever form (an encoded "hash" of one is the case reported)."""
    words = name_words(name)
    return "otp" not in words and any(
        w in _PASSWORD_WORDS_261 or w.endswith("password") for w in words
    )


def _password_name(name: str, key: bool = False, call: bool = False) -> bool:
    kind = classify_name(name, key=key, call=call)
    return kind is not None and kind.category == PASSWORD and "otp" not in name_words(name)


def _hashed(value: ast.AST | None, ctx: RuleContext) -> bool:
    """A hash, MAC, KDF output or ciphertext: what a password may be encoded as."""
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    func = value.func
    attribute = func.attr if isinstance(func, ast.Attribute) else ""
    return name.startswith(_HASHING_PREFIXES) or attribute in _HASHING_METHODS or (
        name.rpartition(".")[2] in _HASHING_METHODS
    )


def _plain_password(node: ast.AST | None, ctx: RuleContext, depth: int = 0) -> str | None:
    """How a plain password is named when `node` is one (converted at most: `.encode()`,
    `str()`, `f"{pw}"`, a constant added); None for anything else, including a password
    joined with another value (`f"{user}:{password}"`, the HTTP Basic credential)."""
    if node is None or depth > 4:
        return None
    if isinstance(node, ast.Call):
        func = node.func
        name = ctx.call_name(node)
        if name in _TEXT_CALLS and node.args:
            return _plain_password(node.args[0], ctx, depth + 1)
        if isinstance(func, ast.Attribute) and func.attr in _KEEPS_TEXT:
            return _plain_password(func.value, ctx, depth + 1)
        if name in ("getpass.getpass", "getpass.unix_getpass", "getpass.win_getpass"):
            return f"the password read by `{short_code(node, 40)}`"
        if isinstance(func, ast.Attribute) and func.attr in ("get", "getenv", "pop") or (
            name == "os.getenv"
        ):
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                return f"`{short_code(node, 40)}`" if _password_name(key.value, key=True) else None
            return None
        callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if callee and _password_name(callee, call=True) and not _hashed(node, ctx):
            return f"the password `{short_code(node, 40)}` returns"
        return None
    if isinstance(node, ast.JoinedStr):
        holes = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        if len(holes) == 1:
            return _plain_password(holes[0], ctx, depth + 1)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        if ctx.constant(node.left)[0]:
            return _plain_password(node.right, ctx, depth + 1)
        if ctx.constant(node.right)[0]:
            return _plain_password(node.left, ctx, depth + 1)
        return None
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return f"`{short_code(node, 40)}`" if _password_name(key.value, key=True) else None
        return None
    if isinstance(node, ast.Attribute):
        return f"`{short_code(node, 40)}`" if _password_name(node.attr) else None
    if isinstance(node, ast.Name):
        value = bound_value(node, ctx)
        if _password_name(node.id):
            return None if _hashed(value, ctx) else f"`{node.id}`"
        if value is not None:
            return _plain_password(value, ctx, depth + 1)
    return None


def _encoded_data(node: ast.Call, ctx: RuleContext) -> tuple[ast.expr, str] | None:
    """(the data, how it is encoded) when `node` encodes reversibly."""
    func = node.func
    name = ctx.call_name(node)
    if name in _ENCODERS and node.args:
        if name == "codecs.encode":
            codec = _codec(argument(node, 1, "encoding"), ctx)
            return (node.args[0], f"`codecs.encode(…, {codec!r})`") if codec else None
        return node.args[0], f"`{name}`"
    if isinstance(func, ast.Attribute) and name not in _ENCODERS:
        if func.attr == "encode" and node.args:
            codec = _codec(node.args[0], ctx)
            return (func.value, f"`.encode({codec!r})`") if codec else None
        if func.attr == "hex" and len(node.args) <= 1 and not node.keywords:
            return func.value, "`.hex()`"
    return None


def _codec(node: ast.AST | None, ctx: RuleContext) -> str | None:
    known, value = ctx.constant(node)
    if known and isinstance(value, str) and value.lower().replace("-", "_") in _REVERSIBLE_CODECS:
        return value
    return None


def _decoded(node: ast.AST, ctx: RuleContext, depth: int = 0) -> bool:
    """`base64.b64decode(row[0])` (possibly `.decode()`d), or a name bound to one."""
    if depth > 3:
        return False
    if isinstance(node, ast.Name):
        value = bound_value(node, ctx)
        return value is not None and _decoded(value, ctx, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = ctx.call_name(node)
    if name == "codecs.decode":
        return _codec(argument(node, 1, "encoding"), ctx) is not None
    if name in _DECODERS:
        return True
    if name in _TEXT_CALLS and node.args:
        return _decoded(node.args[0], ctx, depth + 1)
    if isinstance(func, ast.Attribute) and func.attr in _KEEPS_TEXT:
        return _decoded(func.value, ctx, depth + 1)
    return False


@for_last_node
def _parent_links(root: ast.AST) -> Iterator[dict[int, ast.AST]]:
    """Child id → parent, for the nodes under `root` (one function, usually)."""
    links: dict[int, ast.AST] = {}
    for parent in ast.walk(root):
        for child in ast.iter_child_nodes(parent):
            links[id(child)] = parent
    yield links


def _chain(node: ast.AST, root: ast.AST) -> list[ast.AST]:
    """The nodes enclosing `node` up to `root`, outermost first."""
    links = _parent_links(root)[0]
    chain: list[ast.AST] = []
    current = links.get(id(node))
    while current is not None:
        chain.append(current)
        current = links.get(id(current))
    chain.reverse()
    return chain


def _callee_words(call: ast.Call) -> tuple[str, ...]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name_words(name) if name else ()


def _fate(node: ast.AST, parents: list[ast.AST], ctx: RuleContext, depth: int = 0) -> str | None:
    """Where the encoded value ends when it is kept: stored, returned, assigned to a
    password-named target or compared. None when it only travels (a header, a request
    body, a log line) or its end is not visible."""
    child = node
    keyed = False  # held under a password-named dict key or keyword
    for index in range(len(parents) - 1, -1, -1):
        parent = parents[index]
        if isinstance(parent, ast.Attribute):
            if parent.value is child and parent.attr in _KEEPS_TEXT:
                child = parent
                continue
            return None
        if isinstance(parent, ast.Call):
            if parent.func is child or (
                child in parent.args and ctx.call_name(parent) in _TEXT_CALLS
            ):
                child = parent
                continue
            callee = ctx.call_name(parent) or ""
            if callee in _COMPARE_DIGEST:
                return f"compared by `{short_code(parent.func)}`"
            if callee.startswith(_PROTECTED_STORES):
                return None  # the store encrypts what it keeps
            words = _callee_words(parent)
            if keyed and not _TRANSPORT_WORDS.intersection(words):
                return f"stored under a password name by `{short_code(parent.func, 40)}(…)`"
            if _STORE_WORDS.intersection(words):
                return f"stored by `{short_code(parent.func, 40)}(…)`"
            return None
        if isinstance(parent, ast.Compare):
            other = parent.comparators[0] if child is parent.left else parent.left
            return f"compared with `{short_code(other, 40)}`"
        if isinstance(parent, ast.keyword):
            if parent.arg and _password_word_in(parent.arg):
                keyed = True
            elif parent.arg is None or _TRANSPORT_WORDS.intersection(name_words(parent.arg)):
                return None
            child = parent
            continue
        if isinstance(parent, ast.Dict):
            for key, value in zip(parent.keys, parent.values, strict=False):
                if value is child and isinstance(key, ast.Constant) and isinstance(key.value, str):
                    if _TRANSPORT_WORDS.intersection(name_words(key.value)):
                        return None
                    keyed = keyed or _password_word_in(key.value)
            child = parent
            continue
        if isinstance(parent, (ast.Tuple, ast.List, ast.Set)):
            child = parent
            continue
        if isinstance(parent, (ast.BinOp, ast.JoinedStr, ast.FormattedValue)):
            for inner in ast.walk(parent):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str) and (
                    _HEADER_WORDS.intersection(identifier_words(inner.value))
                ):
                    return None
            child = parent
            continue
        if isinstance(parent, ast.Return):
            function = enclosing_function(parents[:index])
            name = function.name if function is not None else ""
            if _TRANSPORT_WORDS.intersection(name_words(name)):
                return None
            return f"returned by `{name}()`" if name else "returned"
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            for target in targets:
                written = target_name(target)
                if written is not None and _password_word_in(written):
                    return f"assigned to `{short_code(target, 40)}`"
            if keyed:
                return f"kept under a password name in `{short_code(targets[0], 40)}`"
            if depth < 2 and len(targets) == 1 and isinstance(targets[0], ast.Name):
                return _fate_of_name(targets[0], parents[:index + 1], ctx, depth)
            return None
        return None
    return None


def _fate_of_name(
    target: ast.Name, parents: list[ast.AST], ctx: RuleContext, depth: int
) -> str | None:
    """The fate of the value through the later reads of the local it was assigned to."""
    root: ast.AST | None = enclosing_function(parents)
    if root is None:
        root = parents[0] if parents else None
    if root is None:
        return None
    for inner in ast.walk(root):
        if (
            isinstance(inner, ast.Name)
            and inner.id == target.id
            and isinstance(inner.ctx, ast.Load)
            and inner.lineno >= target.lineno
        ):
            chain = [*_outer(parents, root), *_chain(inner, root)]
            found = _fate(inner, chain, ctx, depth + 1)
            if found is not None:
                return f"{found} (as `{target.id}`, line {inner.lineno})"
    return None


def _outer(parents: list[ast.AST], root: ast.AST) -> list[ast.AST]:
    """The part of `parents` (outermost first) down to and including `root`."""
    for index, parent in enumerate(parents):
        if parent is root:
            return parents[:index + 1]
    return []


@rule(
    id="PY-CRYPTO-010",
    cwe=261,
    title="Password protected by a reversible encoding instead of a hash",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags a password encoded with base64/base32/base16/base85, `binascii.hexlify`, "
        "`codecs.encode(pw, \"rot13\"/\"base64\"/\"hex\")`, `pw.encode(\"hex\")` or "
        "`.hex()` when the result is stored (a database call, a file write, a model field), "
        "returned, assigned to a password-named target or compared; and a stored value "
        "decoded with `b64decode`/`unhexlify` and compared with a password."
    ),
    why=(
        "An encoding is not protection: anyone who reads the stored value — a database "
        "dump, a backup, a log, a config file — recovers every password with one call to "
        "`b64decode`, no key and no guessing needed. Passwords are reused across sites, so "
        "the leak reaches beyond this application."
    ),
    fix=(
        "Store a salted, slow hash and verify with the library's check: "
        "`argon2.PasswordHasher().hash(pw)` / `.verify(stored, pw)`, `bcrypt.hashpw` / "
        "`bcrypt.checkpw`, Django's `make_password` / `check_password`. A secret the program "
        "must use again (a database password) belongs in a secrets manager or is encrypted "
        "with a key kept elsewhere."
    ),
    bad=(
        "def register(username, password):\n"
        "    encoded = base64.b64encode(password.encode()).decode()\n"
        "    db.execute(\"INSERT INTO users VALUES (?, ?)\", (username, encoded))"
    ),
    good=(
        "def register(username, password):\n"
        "    hashed = argon2.PasswordHasher().hash(password)\n"
        "    db.execute(\"INSERT INTO users VALUES (?, ?)\", (username, hashed))"
    ),
    nodes=(ast.Call, ast.Compare),
    methods=_ENCODING_LEAVES,
    requires=("pass", "pw", "pswd"),
    references=(
        "https://cwe.mitre.org/data/definitions/261.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
    ),
    scope_note=(
        "Pattern with a short def-use walk inside the function: the encoded value must be "
        "a password alone (named like one by the sensitive-name heuristics, `getpass()`, "
        "`request.form['password']`), possibly converted (`.encode()`, `str()`, an "
        "f-string of it). Not reported: the HTTP Basic credential (`user:password` "
        "encoded together, or anything put in an `Authorization` header, request "
        "`headers`/`json`/`data`), an encoded hash, digest, KDF output or ciphertext "
        "(`b64encode(hashlib.pbkdf2_hmac(...))`, a `password_hash`), non-password values, "
        "values only printed or sent, and test code."
    ),
)
def password_encoding(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if in_test_code(ctx):
        return
    if isinstance(node, ast.Compare):
        issue = _decoded_comparison(node, node.left, node.comparators[0], ctx)
        if issue is not None:
            yield issue
        return
    assert isinstance(node, ast.Call)
    if cannot_be(node, _ENCODING_LEAVES):
        return
    if ctx.call_name(node) in _COMPARE_DIGEST and len(node.args) == 2:
        issue = _decoded_comparison(node, node.args[0], node.args[1], ctx)
        if issue is not None:
            yield issue
        return
    found = _encoded_data(node, ctx)
    if found is None:
        return
    data, how = found
    password = _plain_password(data, ctx) or _password_parameter(data, ctx)
    if password is None:
        return
    fate = _fate(node, list(ctx.parents), ctx)
    if fate is None:
        return
    yield Issue(
        node,
        f"{password[0].upper()}{password[1:]} is encoded with {how} and {fate}: an "
        "encoding hides nothing, whoever reads the value decodes the password with one "
        "call.",
    )


def _password_parameter(node: ast.expr, ctx: RuleContext) -> str | None:
    """A parameter of a function named for encoding a password (`def encode_password(
    value)`, `def obfuscate_pw(s)`), possibly converted: the password it is given."""
    while isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _KEEPS_TEXT:
            node = func.value
        elif ctx.call_name(node) in _TEXT_CALLS and node.args:
            node = node.args[0]
        else:
            return None
    function = enclosing_function(ctx.parents)
    if not isinstance(node, ast.Name) or function is None:
        return None
    if not _password_word_in(function.name) or "verify" in name_words(function.name):
        return None
    arguments = function.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if not any(p.arg == node.id for p in parameters):
        return None
    binding = ctx.resolver.lookup(node.id, ctx.scope)
    if binding is None or not isinstance(binding.node, ast.arg):
        return None  # reassigned in the function: no longer what the caller passed
    return f"`{node.id}`, the password `{function.name}()` is given,"


def _decoded_comparison(
    node: ast.AST, left: ast.expr, right: ast.expr, ctx: RuleContext
) -> Issue | None:
    """`base64.b64decode(row[0]) == password`: the stored password is kept encoded."""
    if isinstance(node, ast.Compare) and (
        len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq))
    ):
        return None
    for stored, given in ((left, right), (right, left)):
        password = _plain_password(given, ctx)
        if password is not None and _decoded(stored, ctx):
            return Issue(
                node,
                f"{password[0].upper()}{password[1:]} is compared with "
                f"`{short_code(stored, 40)}`, a stored value decoded back to the plain "
                "password: the password is kept in a reversible encoding that anyone "
                "reading the store can undo.",
            )
    return None
