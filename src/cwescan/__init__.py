"""cwescan: a security reviewer for Python code that reports defects against the CWE."""

__version__ = "0.1.0"
