"""Methods that log or store what they are given, called through `self`."""

import logging

logger = logging.getLogger(__name__)


class BaseClient:
    def trace(self, event, payload):
        logger.debug("%s: %s", event, payload)


class ApiClient(BaseClient):
    def __init__(self, base_url, api_key):
        self.base_url = base_url
        self._api_key = api_key

    def log_event(self, event):
        logger.info("api event: %s", event)

    def authenticate(self):
        # expect: PY-LOG-001
        self.log_event(self._api_key)
        # expect: PY-LOG-001
        self.trace("auth", payload=self._api_key)
        # safe: PY-LOG-001
        self.log_event("authenticated")

    def credentials(self):
        return {"url": self.base_url, "key": self._api_key}

    def describe(self):
        # expect: PY-LOG-001
        logger.info("client %s", self.credentials())

    def save(self, path):
        with open(path, "w") as out:
            # expect: PY-STORE-001
            self._write(out, self.credentials())

    @staticmethod
    def _write(out, data):
        out.write(repr(data))


class Session:
    def __init__(self, user):
        self.user = user

    @classmethod
    def note(cls, message):
        logger.info("session: %s", message)

    def login(self, password):
        # expect: PY-LOG-001
        self.note(f"{self.user} logged in with {password}")
        # safe: PY-LOG-001
        self.note(f"{self.user} logged in")
