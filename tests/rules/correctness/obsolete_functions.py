import base64
import cgi
import hashlib
import hmac
import inspect
import os
import platform
import socket
import ssl
import string
import sys
import time
import time as t
import urllib
from html.parser import HTMLParser
from inspect import getargspec as argspec
from platform import dist

import six
from markupsafe import Markup

SECRET_KEY = os.environ["SECRET_KEY"]


# -- removed functions, called through every spelling of their name ----------------------


def measure(job):
    # expect: PY-OBSOLETE-001
    started = time.clock()
    job()
    # expect: PY-OBSOLETE-001
    return t.clock() - started


def run_benchmark(job, timer=None):
    from time import clock

    # expect: PY-OBSOLETE-001
    begin = clock()
    job()
    # safe: PY-OBSOLETE-001
    return time.perf_counter() - begin


def profile(job):
    # an alias is called where the obsolete function is
    # safe: PY-OBSOLETE-001
    timer = time.clock
    # expect: PY-OBSOLETE-001
    start = timer()
    job()
    # expect: PY-OBSOLETE-001
    return timer() - start


def describe_host():
    info = {
        # expect: PY-OBSOLETE-001
        "distro": platform.linux_distribution(),
        # expect: PY-OBSOLETE-001
        "dist": dist(),
        # safe: PY-OBSOLETE-001
        "release": platform.release(),
    }
    return info


def legacy_encode(blob: bytes) -> bytes:
    # expect: PY-OBSOLETE-001
    return base64.encodestring(blob)


def legacy_decode(text: bytes) -> bytes:
    # expect: PY-OBSOLETE-001
    return base64.decodestring(text)


def parameters_of(func):
    # expect: PY-OBSOLETE-001
    spec = inspect.getargspec(func)
    # expect: PY-OBSOLETE-001
    other = argspec(func)
    return spec.args + other.args


def translate_digits(text):
    # expect: PY-OBSOLETE-001
    table = string.maketrans("0123456789", "##########")
    # safe: PY-OBSOLETE-001
    modern = str.maketrans("0123456789", "##########")
    return text.translate(table).translate(modern)


def random_word(rng, length):
    # expect: PY-OBSOLETE-001
    alphabet = string.letters + string.digits
    # safe: PY-OBSOLETE-001
    modern = string.ascii_letters + string.digits
    return "".join(rng.choice(alphabet + modern) for _ in range(length))


def spawn_ls():
    # expect: PY-OBSOLETE-001
    child_in, child_out, child_err = os.popen3("ls -l /var/log")
    return child_out.read()


# -- APIs that protect less than their replacements (medium) ----------------------------


def render_comment(comment):
    # expect: PY-OBSOLETE-001
    safe = cgi.escape(comment)
    return f'<input name="c" value="{safe}">'


def render_title(title):
    # quote=True still leaves single quotes alone
    # expect: PY-OBSOLETE-001
    return "<h1 title='%s'>" % cgi.escape(title, quote=True)


def connect_unchecked(host, port):
    raw = socket.create_connection((host, port))
    # ssl.wrap_socket is PY-TLS-001's (which also says it is removed): not reported twice
    # expect: PY-TLS-001
    # safe: PY-OBSOLETE-001
    return ssl.wrap_socket(raw)


def connect_modern(host, port):
    context = ssl.create_default_context()
    raw = socket.create_connection((host, port))
    # safe: PY-OBSOLETE-001
    return context.wrap_socket(raw, server_hostname=host)


def check_peer(conn, host):
    # expect: PY-OBSOLETE-001
    ssl.match_hostname(conn.getpeercert(), host)


def session_salt():
    # expect: PY-OBSOLETE-001
    salt, strong = ssl.RAND_pseudo_bytes(16)
    return salt


def sign(message: bytes) -> str:
    # expect: PY-OBSOLETE-001
    legacy = hmac.new(SECRET_KEY.encode(), message).hexdigest()
    # safe: PY-OBSOLETE-001
    modern = hmac.new(SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    # safe: PY-OBSOLETE-001
    keyed = hmac.new(SECRET_KEY.encode(), digestmod="sha256")
    keyed.update(message)
    return legacy + modern + keyed.hexdigest()


def py2_fetch(host):
    # expect: PY-OBSOLETE-001
    return urllib.urlopen("https://" + host + "/status").read()


def py2_tls(sock):
    # expect: PY-OBSOLETE-001
    return socket.ssl(sock)


def plain_text(fragment):
    # expect: PY-OBSOLETE-001
    text = HTMLParser().unescape(fragment)
    parser = HTMLParser()
    # expect: PY-OBSOLETE-001
    again = parser.unescape(text)
    return again


class LinkCollector(HTMLParser):
    def handle_data(self, data):
        # expect: PY-OBSOLETE-001
        self.text = self.unescape(data)


def markup_text(fragment):
    # safe: PY-OBSOLETE-001
    return Markup.escape(fragment).unescape()


# -- compatibility shims: the old API only where it still exists --------------------------


def portable_timer():
    # safe: PY-OBSOLETE-001
    if sys.version_info < (3, 3):
        # safe: PY-OBSOLETE-001
        return time.clock()
    return time.perf_counter()


def portable_timer_early_return():
    if hasattr(time, "perf_counter"):
        return time.perf_counter()
    # safe: PY-OBSOLETE-001
    return time.clock()


def portable_timer_expression():
    # safe: PY-OBSOLETE-001
    return time.clock() if six.PY2 else time.perf_counter()


def portable_timer_try():
    try:
        # safe: PY-OBSOLETE-001
        return time.clock()
    except AttributeError:
        return time.perf_counter()


def portable_escape(value):
    if six.PY2:
        # safe: PY-OBSOLETE-001
        return cgi.escape(value, True)
    import html

    return html.escape(value)


def portable_encode(blob):
    # safe: PY-OBSOLETE-001
    encode = base64.encodebytes if hasattr(base64, "encodebytes") else base64.encodestring
    return encode(blob)


# -- names of your own ---------------------------------------------------------------------


def clock():
    return 0


class Stopwatch:
    def clock(self):
        return 0.0

    def elapsed(self):
        # safe: PY-OBSOLETE-001
        return self.clock()


def use_own_names(job):
    # safe: PY-OBSOLETE-001
    start = clock()
    job()
    watch = Stopwatch()
    # safe: PY-OBSOLETE-001
    return watch.clock() - start
