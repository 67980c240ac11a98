"""Connections and project objects the views in `returned_types` get from here."""

import ldap3
import paramiko


def ldap_connection():
    server = ldap3.Server("ldap://localhost")
    return ldap3.Connection(server, "cn=admin", "secret", auto_bind=True)


def directory():
    # what another helper returned: still an ldap3 connection
    return ldap_connection()


def ssh_client(host):
    client = paramiko.SSHClient()
    client.connect(host)
    return client


class Catalogue:
    """The project's own object, whose methods share names with library sinks."""

    def __init__(self):
        self.items = []

    def search(self, base, text):
        return [item for item in self.items if text in item]

    def execute(self, statement):
        self.items.append(statement)

    def exec_command(self, command):
        return command.split()


def catalogue():
    return Catalogue()
