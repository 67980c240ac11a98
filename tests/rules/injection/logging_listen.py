import logging.config
from logging import config as logconfig
from logging.config import listen

PORT = 9999


def start(verifier):
    # expect: PY-LOGCFG-001
    logging.config.listen(PORT)
    # expect: CWE-94
    logconfig.listen()
    # expect: PY-LOGCFG-001
    listen(9030, verify=None)
    # safe: PY-LOGCFG-001
    logging.config.listen(PORT, verify=verifier)
    # safe: PY-LOGCFG-001
    listen(9030, verifier)
    # safe: PY-LOGCFG-001
    logging.config.dictConfig({"version": 1})
