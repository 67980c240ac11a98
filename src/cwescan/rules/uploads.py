"""File uploads: what a web application does with the files its clients send."""

from __future__ import annotations
