"""Command-line tools that echo the secrets they read."""

import getpass
import json
import sys
from getpass import getpass as ask_secret

import click
import structlog
from rich.prompt import Prompt

logger = structlog.get_logger()


def connect(host, user):
    pw = getpass.getpass("Password: ")
    # expect: PY-LOG-001
    print("connecting to", host, "as", user, "with", pw)
    # safe: PY-LOG-001
    print("connecting to", host, "as", user)
    return pw


def read_token():
    value = ask_secret("GitHub token: ")
    line = "token={}".format(value.strip())
    # expect: PY-LOG-001
    sys.stdout.write(line + "\n")
    # safe: PY-LOG-001
    sys.stdout.write("token read (%d characters)\n" % len(value))
    return value


def store_credentials(client_id, client_secret):
    # expect: PY-LOG-001
    logger.info("saving credentials", client_id=client_id, secret=client_secret)
    # safe: PY-LOG-001
    logger.info("saving credentials", client_id=client_id)


def debug_settings(settings):
    for name in ("DEBUG", "ALLOWED_HOSTS"):
        # safe: PY-LOG-001
        print(name, getattr(settings, name))
    # expect: PY-LOG-001
    print(f"SECRET_KEY is {settings.SECRET_KEY!r}", file=sys.stderr)


def ask_twice():
    first = input("New password: ")
    second = input("Repeat: ")
    if first != second:
        # expect: PY-LOG-001
        print("mismatch:", first)
    # safe: PY-LOG-001
    print("passwords match" if first == second else "passwords differ")


def show_loop(accounts):
    lines = []
    for account in accounts:
        lines.append(f"{account.name}: {account.password}")
    # expect: PY-LOG-001
    print("\n".join(lines))


if __name__ == "__main__":
    secret = connect(sys.argv[1], sys.argv[2])
    # expect: PY-LOG-001
    print(secret)


def bearer(headers):
    header = headers.get("Authorization", "")
    token = header[len("Bearer "):] if header.startswith("Bearer ") else header
    # expect: PY-LOG-001
    print("using", token)
    # safe: PY-LOG-001
    print("using", token[:8] + "…")


def dump_credentials(client_secret, client_name):
    settings = {"client_name": client_name, "client_secret": client_secret}
    # expect: PY-LOG-001
    json.dump(settings, sys.stdout, indent=2)
    # safe: PY-LOG-001
    json.dump({"client_name": client_name}, sys.stdout)


def prompt_until_long_enough():
    while True:
        passphrase = Prompt.ask("Passphrase", password=True)
        if len(passphrase) >= 12:
            break
        # safe: PY-LOG-001
        click.echo(f"too short: {len(passphrase)} characters")
    # expect: PY-LOG-001
    click.echo(f"passphrase={passphrase!r}")


def show_profile(credentials, api_keys):
    # safe: PY-LOG-001
    print("profile for", credentials["username"], "at", credentials["host"])
    # expect: PY-LOG-001
    print("GitHub key:", api_keys["github"])
