import sys

# expect: PY-OBSOLETE-001
import imp
# expect: PY-OBSOLETE-001
import asyncore
# expect: PY-OBSOLETE-001
import pipes
# left to the password-hash rules (PY-CRYPTO-006/007)
# safe: PY-OBSOLETE-001
import crypt as unix_crypt
# left to PY-IMPORT-405 (audit) and the XML rules
# safe: PY-OBSOLETE-001
import xml.etree.cElementTree as ET
# expect: PY-OBSOLETE-001
from distutils.version import LooseVersion
# one finding per module and file: where the file starts to depend on it
# safe: PY-OBSOLETE-001
from distutils import spawn
# expect: PY-OBSOLETE-001
from cgi import FieldStorage
# expect: PY-OBSOLETE-001
from string import letters
# safe: PY-OBSOLETE-001
from string import ascii_letters
# safe: PY-OBSOLETE-001
import importlib
# safe: PY-OBSOLETE-001
import shlex

# a project package named like a Python 2 module: none of that module's API is used
# safe: PY-OBSOLETE-001
import commands
# safe: PY-OBSOLETE-001
from .commands import deploy

# compatibility shims: the old module only where the new one is missing
try:
    # safe: PY-OBSOLETE-001
    import urllib.request as urlrequest
except ImportError:
    # safe: PY-OBSOLETE-001
    import urllib2 as urlrequest

try:
    # safe: PY-OBSOLETE-001
    from html import escape
except ImportError:
    # safe: PY-OBSOLETE-001
    from cgi import escape

if sys.version_info[0] == 2:
    # safe: PY-OBSOLETE-001
    import md5
    # safe: PY-OBSOLETE-001
    from commands import getoutput
else:
    from subprocess import getoutput

try:
    # safe: PY-OBSOLETE-001
    import cPickle as pickle
except:  # noqa: E722
    import pickle


def load_plugin(name, path):
    module = imp.load_source(name, path)
    return module


def quote_for_shell(value):
    return pipes.quote(value) + shlex.quote(value)


def check_password(word, stored):
    return unix_crypt.crypt(word, stored) == stored


def empty_feed(title):
    feed = ET.Element("feed")
    ET.SubElement(feed, "title").text = title
    return feed


def too_old(version):
    return LooseVersion(version) < LooseVersion("2.0")


def find_tool(name):
    return spawn.find_executable(name)


def read_form(environ):
    return FieldStorage(environ=environ)


def alphabet():
    return letters + ascii_letters


def page(title):
    # safe: PY-OBSOLETE-001
    return "<h1>%s</h1>" % escape(title)


def fetch_status():
    return urlrequest.urlopen("https://status.example.com/", timeout=10).read()


def digest(data):
    return md5.new(data).hexdigest()


def git_version():
    return getoutput("git --version")


def run_deploy():
    return deploy.run() and commands.deploy()


class LegacyServer(asyncore.dispatcher):
    pass


def dump(obj):
    return pickle.dumps(obj) + importlib.util.MAGIC_NUMBER
