# cwescan-fixture: profile=audit
import importlib
# expect: PY-IMPORT-401
import telnetlib
# expect: PY-IMPORT-403, PY-IMPORT-404
import os, pickle, subprocess  # noqa: E401
# expect: PY-IMPORT-402
from ftplib import FTP
# expect: PY-IMPORT-403
import dill as serializer
# expect: PY-IMPORT-405
import xml.etree.ElementTree as ET
# expect: PY-IMPORT-405
from xml.etree import cElementTree
# expect: PY-IMPORT-406
from xml import sax
# expect: PY-IMPORT-407
from xml.dom.expatbuilder import parse
# expect: PY-IMPORT-408, PY-IMPORT-409
from xml.dom import minidom, pulldom
# expect: PY-IMPORT-410
from lxml import etree
# expect: PY-IMPORT-411
from xmlrpc.server import SimpleXMLRPCServer
# expect: PY-IMPORT-412
from wsgiref.handlers import CGIHandler
import wsgiref.handlers
# expect: PY-IMPORT-413
from Crypto.Cipher import AES
# expect: PY-IMPORT-415
from pyghmi.ipmi import command
# the safe counterparts
# safe: PY-IMPORT-405
import defusedxml.ElementTree
# safe: PY-IMPORT-408
from defusedxml import minidom as safe_minidom
# safe: PY-IMPORT-402
import ssl
# safe: PY-IMPORT-413
from Cryptodome.Cipher import AES as AES2
# a plain `xml` package import names no parser
# safe: PY-IMPORT-405
import xml
# relative imports are the project's own modules
# safe: PY-IMPORT-404
from . import subprocess as local_subprocess
# safe: PY-IMPORT-412
from wsgiref.simple_server import make_server


def load_plugin():
    # expect: PY-IMPORT-403
    importlib.import_module("pickle")
    # expect: PY-IMPORT-404
    importlib.__import__(name="subprocess")
    # a variable module name cannot be judged
    # safe: PY-IMPORT-404
    importlib.import_module(load_plugin.__name__)
    # expect: PY-IMPORT-401
    return __import__("telnetlib")


def serve(app):
    # the CGI handler is also reported where it is used
    # expect: PY-IMPORT-412
    wsgiref.handlers.CGIHandler().run(app)


__all__ = [
    "AES", "AES2", "CGIHandler", "ET", "FTP", "SimpleXMLRPCServer", "cElementTree", "command",
    "defusedxml", "etree", "local_subprocess", "make_server", "minidom", "os", "parse",
    "pickle", "pulldom", "safe_minidom", "sax", "serializer", "ssl", "subprocess", "telnetlib", "xml",
]
