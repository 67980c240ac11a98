"""A command-line script with its own small logging helpers, called at module level,
from async code and with keyword-only arguments."""

import argparse
import asyncio
import hashlib
import os


def log(message, *, level="INFO"):
    print(f"[{level}] {message}")


def write(path, text):
    with open(path, "a") as out:
        out.write(text)


async def notify(channel, *, body):
    await asyncio.sleep(0)
    print(f"#{channel}: {body}")


def fingerprint(value):
    return hashlib.sha256(value.encode()).hexdigest()[:12]


async def publish(api_token):
    # expect: PY-LOG-001
    await notify("deploys", body=f"token {api_token}")
    # safe: PY-LOG-001
    await notify("deploys", body=f"token {fingerprint(api_token)}")


parser = argparse.ArgumentParser()
parser.add_argument("--user")
args = parser.parse_args()
db_password = os.environ.get("DB_PASSWORD", "")

# safe: PY-LOG-001
log(f"starting for {args.user}")
# expect: PY-LOG-001
log(f"using password {db_password}", level="DEBUG")
# safe: PY-STORE-001
write("audit.log", f"{args.user}: password set={bool(db_password)}\n")
# expect: PY-STORE-001
write("audit.log", f"{args.user}:{db_password}\n")
asyncio.run(publish(os.environ["API_TOKEN"]))
