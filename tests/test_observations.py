"""General observations: each kind on code that has it and on code that does not."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from cwescan.cli import main
from cwescan.config import Config
from cwescan.model import Confidence, Finding, Location, Observation, Severity
from cwescan.observations import all_observation_kinds, drop_superseded
from cwescan.runner import scan


def observe(
    tmp_path: Path, source: str, name: str = "module.py", **config: object
) -> list[Observation]:
    """Scan one file (placed as `name` under tmp_path) and return its observations.

    Only one unrelated rule runs, so no finding supersedes the observation under test
    (rules such as Bandit's B110/B113 equivalents report some of the same code).
    """
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(source), encoding="utf-8")
    settings: dict[str, object] = {"severity_threshold": Severity.INFO, "only": ("PY-EVAL-001",)}
    settings.update(config)
    result = scan([str(target)], Config(**settings))  # type: ignore[arg-type]
    return result.observations


def kinds_and_lines(observations: list[Observation]) -> list[tuple[str, int]]:
    return [(o.kind, o.locations[0].start_line) for o in observations]


def test_sleep_polling_while_loop(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        import time

        def wait(check):
            while not check():
                time.sleep(2)
        """)
    assert kinds_and_lines(found) == [("sleep-polling", 4)]
    assert "`time.sleep(2)` (line 5)" in found[0].message
    assert "`while not check()` loop" in found[0].message


def test_sleep_polling_retry_loop_and_alias(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        from time import sleep as pause

        def fetch(get):
            for attempt in range(5):
                if get():
                    break
                pause(1)
        """)
    assert kinds_and_lines(found) == [("sleep-polling", 4)]
    assert "retry loop `for attempt in range(5)`" in found[0].message


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("time", "time.sleep(1)"),
        ("asyncio", "await asyncio.sleep(1)"),
        ("gevent", "gevent.sleep(1)"),
        ("eventlet", "eventlet.sleep(1)"),
        ("trio", "await trio.sleep(1)"),
    ],
)
def test_sleep_polling_with_every_sleep(tmp_path: Path, module: str, call: str) -> None:
    found = observe(tmp_path, f"""\
        import {module}

        async def wait(check):
            while not check():
                {call}
        """)
    assert kinds_and_lines(found) == [("sleep-polling", 4)]


def test_sleep_between_work_items_is_not_polling(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        import time

        def throttle(items, send):
            for item in items:
                send(item)
                time.sleep(1)
            time.sleep(3)
            while True:
                time.sleep(60)  # a daemon's heartbeat never exits: not waiting on anything
        """)
    assert [o for o in found if o.kind == "sleep-polling"] == []


def test_broad_except_that_swallows(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        import logging

        def a():
            try:
                risky()
            except Exception:
                pass

        def b():
            try:
                risky()
            except:
                return None

        def c():
            try:
                risky()
            except Exception:
                logging.exception("risky failed")

        def d():
            try:
                risky()
            except BaseException:
                cleanup()
                raise

        def e():
            try:
                risky()
            except ValueError:
                pass
        """)
    assert kinds_and_lines(found) == [("broad-except", 6), ("broad-except", 12)]
    assert found[0].message.startswith("`except Exception:` with `pass` in `a`")
    assert "`KeyboardInterrupt`" in found[1].message


def test_hardcoded_identifiers(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        \"\"\"Docs mention 10.0.0.1 and http://127.0.0.1:8080 freely.\"\"\"
        IMAGE = "4F9C2A7E-1D3B-4C55-9A8E-2B7F6D1E0C3A"
        OTHER = "4f9c2a7e-1d3b-4c55-9a8e-2b7f6d1e0c3a"
        DB = "postgres://app@10.1.2.3/app"
        API = "https://api.example.com/v1"
        CACHE = "cache.internal:6379"
        __version__ = "1.2.3.4"
        PORT = 8443

        def connect(client):
            return client.connect(host="192.168.0.7", port=5432)
        """)
    lines = kinds_and_lines(found)
    assert all(kind == "hardcoded-identifier" for kind, _ in lines)
    # the same UUID twice is one observation with two places; docs, plain public URLs
    # and version strings are not identifiers
    assert [line for _, line in lines] == [2, 4, 6, 8, 11, 11]
    assert [loc.start_line for loc in found[0].locations] == [2, 3]
    assert "`IMAGE`" in found[0].message
    assert "host 10.1.2.3" in found[1].message
    assert "Hard-coded port 8443 for `PORT`" in found[3].message


def test_security_todo_comments(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        # TODO: validate the signature before trusting the token
        # TODO: make this faster
        x = 1  # FIXME insecure default, disable in production
        """)
    assert kinds_and_lines(found) == [("security-todo", 1), ("security-todo", 3)]
    assert "`TODO: validate the signature before trusting the token`" in found[0].message


def test_network_calls_without_timeout(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        import requests
        import urllib.request

        def fetch(url, **options):
            requests.get(url)
            requests.post(url, json={}, timeout=5)
            requests.get(url, **options)
            urllib.request.urlopen(url)
            urllib.request.urlopen(url, None, 10)
            requests.get(url)
        """)
    assert [(o.kind, [loc.start_line for loc in o.locations]) for o in found] == [
        ("network-no-timeout", [5, 10]),
        ("network-no-timeout", [8]),
    ]
    assert found[0].message.startswith("`requests.get()` is called without a timeout")


@pytest.mark.parametrize(
    "call",
    [
        "import socket\nsocket.create_connection(address)",
        "import http.client\nhttp.client.HTTPSConnection(address)",
        "from ftplib import FTP\nFTP(address)",
        "import smtplib as mail\nmail.SMTP(address)",
        "import requests\nrequests.request('GET', address)",
    ],
)
def test_network_calls_without_timeout_in_every_client(tmp_path: Path, call: str) -> None:
    found = observe(tmp_path, call + "\n")
    assert kinds_and_lines(found) == [("network-no-timeout", 2)]


def test_tokens_and_session_ids_printed_or_logged(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        import logging

        log = logging.getLogger(__name__)

        def login(user, token, session_id, token_count):
            print(f"login {user} with {token}")
            log.info("session %s", session_id)
            log.info("tokens: %d", token_count)
            logging.debug("length %d", len(token))
            print(user, token[:6])
            token2 = "ping"
            log.info("sent %s", token2)
        """)
    assert kinds_and_lines(found) == [("secret-logged", 6), ("secret-logged", 7)]
    assert "`print` writes `token` in `login`" in found[0].message
    assert "`log.info` writes `session_id`" in found[1].message


def test_tokens_logged_through_aliases(tmp_path: Path) -> None:
    found = observe(tmp_path, """\
        from logging import warning as warn_about
        show = print

        def rotate(self, new_token):
            warn_about("rotated to %s", new_token)
            show(new_token)
            self.logger.error("was %s", new_token)
        """)
    assert kinds_and_lines(found) == [
        ("secret-logged", 5), ("secret-logged", 6), ("secret-logged", 7)
    ]


def test_passwords_logged_are_the_rules_not_the_observations(tmp_path: Path) -> None:
    # PY-LOG-001 reports these (CWE-532) or, after hashing, judges them safe
    found = observe(tmp_path, """\
        import hashlib
        import logging

        def login(user, password, api_key):
            logging.info("login %s with %s", user, password)
            print(api_key)
            password = hashlib.sha256(password.encode()).hexdigest()
            logging.info("digest %s", password)
        """)
    assert found == []


def test_a_token_the_rule_reports_is_not_observed_again(tmp_path: Path) -> None:
    source = """\
        def refresh(payload):
            print("got", payload["token"])
            print("cached", token_cache)
        """
    observed = observe(tmp_path, source)
    assert kinds_and_lines(observed) == [("secret-logged", 2)]
    # PY-LOG-001 reports the value read under the key "token" (CWE-532): one report
    assert observe(tmp_path, source, only=("PY-LOG-001",)) == []


def test_test_code_disabling_security_globally(tmp_path: Path) -> None:
    source = """\
        import ssl
        from unittest import mock

        import pytest
        import requests
        import urllib3

        ssl._create_default_https_context = ssl._create_unverified_context
        urllib3.disable_warnings()

        @pytest.fixture
        def client(app):
            app.config["WTF_CSRF_ENABLED"] = False
            session = requests.Session()
            session.verify = False
            return session

        @mock.patch("app.auth.authorize", return_value=True)
        class AdminTests:
            def test_one(self):
                requests.get("https://x", verify=False, timeout=5)  # one test: not global
        """
    found = observe(tmp_path, source, name="tests/test_admin.py")
    assert kinds_and_lines(found) == [
        ("test-disables-security", 8),
        ("test-disables-security", 9),
        ("test-disables-security", 13),
        ("test-disables-security", 15),
        ("test-disables-security", 18),
    ]
    assert "in fixture `client`" in found[2].message
    assert "`app.auth.authorize`" in found[4].message
    # the same switch in production code is a rule's business (a CWE-295 finding), not this
    production = "import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n"
    assert observe(tmp_path, production, name="app/settings.py") == []


def test_every_kind_is_listed_and_documented(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--observations", "--format", "json"]) == 0
    listed = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert set(listed) == {kind.id for kind in all_observation_kinds()}
    assert {
        "sleep-polling", "broad-except", "hardcoded-identifier", "security-todo",
        "network-no-timeout", "secret-logged", "test-disables-security",
        "unused-suppression", "suppression-without-reason",
    } <= set(listed)
    assert all(item["title"] and item["summary"] and item["advice"] for item in listed.values())
    assert main(["rules", "--observations"]) == 0
    assert "sleep-polling" in capsys.readouterr().out


def test_skips_turn_a_kind_off(tmp_path: Path) -> None:
    source = "import time\nwhile not ready():\n    time.sleep(1)\n"
    assert observe(tmp_path, source)
    assert observe(tmp_path, source, skips=("sleep-polling",)) == []


def test_observation_covered_by_a_finding_on_the_same_line_is_dropped() -> None:
    remark = Observation(
        "broad-except", "swallows", [Location("a.py", 4), Location("a.py", 9)]
    )
    finding = Finding(
        rule_id="PY-B110", cwe_id=703, title="t", severity=Severity.LOW,
        confidence=Confidence.HIGH,
        location=Location("a.py", 4), snippet="", description="", remediation="",
        bandit_ids=["B110"],
    )
    kept = drop_superseded([remark], [finding])
    assert [[loc.start_line for loc in o.locations] for o in kept] == [[9]]
    unrelated = Observation("sleep-polling", "polls", [Location("a.py", 4)])
    assert drop_superseded([unrelated], [finding]) == [unrelated]


def test_observations_never_change_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "poll.py"
    target.write_text(
        "import time\nSERVER = 'http://10.0.0.5:8080'\nwhile not ready():\n    time.sleep(1)\n",
        encoding="utf-8",
    )
    assert main(["scan", str(target), "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Polling with `time.sleep(1)`" in out and "Hard-coded endpoint" in out


def test_unused_and_reasonless_suppressions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "app.py"
    target.write_text(
        textwrap.dedent("""\
            import pickle

            def load(blob, expr):
                data = pickle.loads(blob)  # nosec B301
                value = eval(expr)  # cwescan: ignore[CWE-95] -- expr comes from our own config
                return data, value  # cwescan: ignore[CWE-89] -- stale
            """),
        encoding="utf-8",
    )
    # by default both comments apply and nothing is said about them
    assert main(["scan", str(target), "-f", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["observations"] == [] and plain["summary"]["suppressed"] == 2

    assert main(["scan", str(target), "-f", "json", "--require-reason",
                 "--warn-unused-ignores"]) == 1
    data = json.loads(capsys.readouterr().out)
    active = [(f["rule_id"], f["location"]["start_line"]) for f in data["findings"]
              if not f["suppressed"]]
    assert active == [("PY-DESER-001", 4)]  # the nosec without a reason no longer applies
    remarks = [(o["kind"], o["locations"][0]["start_line"]) for o in data["observations"]]
    assert remarks == [("suppression-without-reason", 4), ("unused-suppression", 6)]


def test_unused_check_ignores_comments_for_skipped_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "app.py"
    target.write_text("def f(x):\n    return eval(x)  # cwescan: ignore[CWE-95] -- ok\n",
                      encoding="utf-8")
    assert main(["scan", str(target), "-f", "json", "--warn-unused-ignores",
                 "--skip", "CWE-95"]) == 0
    assert json.loads(capsys.readouterr().out)["observations"] == []
