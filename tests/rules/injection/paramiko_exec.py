import shlex

import paramiko


def remote(host, path):
    client = paramiko.SSHClient()
    client.connect(host)
    # expect: PY-CMD-007
    client.exec_command("cat " + path)
    # expect: CWE-78
    stdin, stdout, stderr = client.exec_command(f"ls -l {path}")
    # safe: PY-CMD-007
    client.exec_command("uptime")
    # safe: PY-CMD-007
    client.exec_command("cat " + shlex.quote(path))
    # safe: PY-CMD-007
    client.exec_command(command="df -h")
    return stdout
