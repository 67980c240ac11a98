import os
import subprocess
from subprocess import Popen


def backup(target):
    # expect: PY-CMD-006
    os.system("tar cf /backup/site.tar *")
    # expect: PY-CMD-006
    subprocess.call("cd /var/www && chown www-data:www-data *", shell=True)
    # expect: PY-CMD-006
    Popen("/bin/chmod 644 *.html", shell=True)
    # the non-constant target is also a shell injection
    # expect: PY-CMD-006, PY-CMD-002
    os.system("rsync -a * " + target)
    # expect: PY-CMD-006
    os.popen("sudo chgrp staff *")
    # end of options before the glob: names cannot become options
    # safe: PY-CMD-006
    os.system("chown www-data -- *")
    # every expansion starts with ./
    # safe: PY-CMD-006
    os.system("tar cf /backup/site.tar ./*")
    # safe: PY-CMD-006
    os.system("chmod 600 /etc/app/*.conf")
    # a quoted star is not expanded
    # safe: PY-CMD-006
    os.system("tar cf /backup/site.tar '*'")
    # no shell: the list element is passed literally, nothing expands it
    # safe: PY-CMD-006
    subprocess.run(["tar", "cf", "/backup/site.tar", "*"])
    # a command that does not read options from file names
    # safe: PY-CMD-006
    os.system("ls *")
    # the glob is for grep, the command is not tar
    # safe: PY-CMD-006
    os.system("grep tar *.log")
