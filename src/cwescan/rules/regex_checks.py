"""Regular expressions that check less than they seem to: character ranges wider than
meant (CWE-20) and HTML tag filters a browser's parser walks around (CWE-116)."""

from __future__ import annotations
