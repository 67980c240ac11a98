"""Logic defects with a security edge: check-then-use races on files (CWE-367), identity
comparisons against literals (CWE-595) and duplicate keys in dict displays (CWE-462)."""

from __future__ import annotations
