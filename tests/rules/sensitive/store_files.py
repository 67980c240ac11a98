"""Configuration and export writers that store secrets in clear text."""

import configparser
import csv
import getpass
import json
import os
import pathlib


def write_config(path, host, user, password):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"host={host}\n")
        handle.write(f"user={user}\n")
        # expect: PY-STORE-001
        handle.write(f"password={password}\n")


def write_ini(path, user):
    config = configparser.ConfigParser()
    config["database"] = {"user": user}
    config["database"]["password"] = getpass.getpass()
    with open(path, "w") as out:
        # expect: PY-STORE-001
        config.write(out)


def save_token(path, access_token):
    # expect: CWE-312
    pathlib.Path(path).write_text(access_token)
    # expect: PY-STORE-001
    pathlib.Path(path).open("a").write(access_token + "\n")


def export_settings(path, settings):
    data = {"name": settings.name, "api_key": settings.api_key}
    with open(path, "w") as fp:
        # expect: PY-STORE-001
        json.dump(data, fp, indent=2)


def export_users(path, users):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        for user in users:
            # expect: PY-STORE-001
            writer.writerow([user.email, user.credit_card_number])


def cache_login(user, password):
    stream = open(os.path.expanduser("~/.login.cache"), "a")
    # expect: PY-STORE-001
    print(user, password, file=stream)
    stream.close()


def write_cert(filename, cert):
    with open(filename, "w") as file:
        # expect: PY-STORE-001
        file.write(cert)
