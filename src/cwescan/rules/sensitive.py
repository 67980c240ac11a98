"""Sensitive data written in clear text: to logs and consoles (CWE-532) and to storage
such as cookies and files (CWE-312)."""

from __future__ import annotations
