"""Obsolete functions: standard-library APIs that were removed or deprecated for a reason."""

from __future__ import annotations
