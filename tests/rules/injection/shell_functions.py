import asyncio
import os
import shlex
import subprocess
from os import popen as open_pipe
from os import system

BACKUP = "tar czf /backup/etc.tgz /etc"


def run_backup(name, count):
    # expect: PY-CMD-002
    os.system("gzip " + name)
    # expect: CWE-78
    system(f"mv {name} /archive/")
    # expect: PY-CMD-002
    open_pipe("wc -l %s" % name).read()
    # expect: PY-CMD-002
    subprocess.getoutput("file " + name)
    # expect: PY-CMD-002
    status, output = subprocess.getstatusoutput(name)
    # safe: PY-CMD-002
    os.system(BACKUP)
    # safe: PY-CMD-002
    os.system("uptime")
    # safe: PY-CMD-002
    os.system("gzip " + shlex.quote(name))
    # safe: PY-CMD-002
    os.popen("head -n %d /var/log/syslog" % count)
    return status, output


async def run_async(name):
    # expect: PY-CMD-002
    await asyncio.create_subprocess_shell("ls " + name)
    # safe: PY-CMD-002
    await asyncio.create_subprocess_shell("ls /tmp")


class Machine:
    def system(self, command):
        return command

    def check(self, name):
        # a method called system is not os.system
        # safe: PY-CMD-002
        self.system("gzip " + name)


def shadowed(os, name):
    # a parameter named os is not the os module
    # safe: PY-CMD-002
    os.system("gzip " + name)
