"""ConfigParser values read back by section and option: `conf["section"]["option"]`
holds what `conf.set("section", "option", value)` put there, and nothing else."""

import configparser
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/configured-command")
def configured_command():
    conf = configparser.ConfigParser()
    conf.add_section("tools")
    conf.set("tools", "command", request.args.get("command", ""))
    conf.set("tools", "fallback", "uptime")
    # expect: CWE-78
    subprocess.run(conf["tools"]["command"], shell=True)
    # the constant option of the same section
    # safe: CWE-78
    subprocess.run(conf["tools"]["fallback"], shell=True)
    section = conf["tools"]
    # expect: CWE-78
    subprocess.run(section.get("command"), shell=True)
    return "ok"


@app.route("/other-section")
def other_section():
    conf = configparser.ConfigParser()
    conf.add_section("user")
    conf.add_section("tools")
    conf.set("user", "command", request.args.get("command", ""))
    conf.set("tools", "command", "uptime")
    # safe: CWE-78
    subprocess.run(conf["tools"]["command"], shell=True)
    # expect: CWE-78
    subprocess.run(conf["user"]["command"], shell=True)
    return "ok"
