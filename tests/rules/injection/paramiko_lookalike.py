# No paramiko here: an exec_command method of some other library is not an SSH shell.


class Runner:
    def exec_command(self, command):
        return command


def go(runner, path):
    # safe: PY-CMD-007
    runner.exec_command("cat " + path)
