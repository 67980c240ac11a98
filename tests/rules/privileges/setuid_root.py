import os


def make_home_dir(username):
    try:
        # expect: PY-PRIV-001
        os.setuid(0)
        os.mkdir("/home/" + username)
    except OSError:
        return False
    return True


def chown_as_root(path, uid):
    # expect: CWE-250
    os.setresuid(0, 0, 0)
    os.chown(path, uid, uid)


def bracketed(path):
    original = os.geteuid()
    # privileges raised for one step, then dropped
    # safe: PY-PRIV-001
    os.seteuid(0)
    try:
        os.mkdir(path)
    finally:
        os.seteuid(original)


def drop_to_nobody():
    # safe: PY-PRIV-001
    os.setgid(65534)
    # safe: PY-PRIV-001
    os.setuid(65534)


def back_to_root_group_then_user(uid):
    # safe: PY-PRIV-001 (the user is set to a non-root id right after)
    os.setgid(0)
    os.setuid(uid)
