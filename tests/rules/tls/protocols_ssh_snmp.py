import ssl
from ssl import PROTOCOL_TLSv1_1, TLSVersion

import asyncssh
import paramiko
import pysftp
from OpenSSL import SSL
from paramiko import AutoAddPolicy, RejectPolicy
from paramiko import client as ssh_client
from pysnmp.hlapi import CommunityData, UsmUserData, usmAesCfb128Protocol, usmNoPrivProtocol

# expect: PY-TLS-003
LEGACY = ssl.PROTOCOL_TLSv1


def pinned_versions(sock):
    # expect: PY-TLS-003
    ssl.SSLContext(ssl.PROTOCOL_SSLv3)
    # expect: CWE-327
    ssl.wrap_socket(sock, server_side=True, ssl_version=ssl.PROTOCOL_SSLv2)
    # expect: PY-TLS-003
    ssl.SSLContext(PROTOCOL_TLSv1_1)
    # expect: PY-TLS-003
    SSL.Context(SSL.TLSv1_METHOD)
    # expect: PY-TLS-003
    SSL.Context(method=SSL.SSLv3_METHOD)
    # the value was selected where the constant is defined (line 13)
    # safe: PY-TLS-003
    ssl.SSLContext(LEGACY)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # expect: PY-TLS-003
    context.maximum_version = TLSVersion.TLSv1
    # safe: PY-TLS-003
    ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # SSLv23 negotiates the best version both sides support
    # safe: PY-TLS-003
    SSL.Context(SSL.SSLv23_METHOD)
    # safe: PY-TLS-003
    SSL.Context(SSL.TLS_METHOD)
    return context


# expect: PY-TLS-003
def open_socket(version=ssl.PROTOCOL_SSLv2):
    return version


# translation tables between spellings of a version select nothing
# safe: PY-TLS-003
OPENSSL_VERSIONS = {ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}
OPTIONS_FOR_MINIMUM = {
    # safe: PY-TLS-003
    ssl.TLSVersion.TLSv1: 0,
}
# safe: PY-TLS-003
OPENSSL_VERSIONS[ssl.PROTOCOL_TLSv1_1] = SSL.TLSv1_1_METHOD


def negotiate(version):
    # comparing with an old version is not selecting it
    # safe: PY-TLS-003
    if version == ssl.PROTOCOL_TLSv1:
        return "legacy"
    return "modern"


def minimum_versions(pool_manager):
    context = ssl.create_default_context()
    # expect: PY-TLS-004
    context.minimum_version = ssl.TLSVersion.TLSv1
    # expect: CWE-757
    context.minimum_version = TLSVersion.MINIMUM_SUPPORTED
    # expect: PY-TLS-004
    context.options &= ~ssl.OP_NO_TLSv1_1
    # expect: PY-TLS-004
    pool_manager(ssl_minimum_version=ssl.TLSVersion.TLSv1_1)
    openssl_context = SSL.Context(SSL.TLS_METHOD)
    # expect: PY-TLS-004
    openssl_context.set_min_proto_version(SSL.TLS1_VERSION)
    # safe: PY-TLS-004
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # safe: PY-TLS-004
    context.options |= ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1
    # safe: PY-TLS-004
    openssl_context.set_min_proto_version(SSL.TLS1_2_VERSION)
    return context


def ssh(host, options):
    client = paramiko.SSHClient()
    # expect: PY-TLS-005
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # expect: CWE-322
    client.set_missing_host_key_policy(AutoAddPolicy)
    # expect: PY-TLS-005
    client.set_missing_host_key_policy(ssh_client.WarningPolicy())
    # safe: PY-TLS-005
    client.set_missing_host_key_policy(RejectPolicy())
    # safe: PY-TLS-005
    client.set_missing_host_key_policy(options.policy)
    # expect: PY-TLS-005
    asyncssh.connect(host, known_hosts=None)
    # safe: PY-TLS-005
    asyncssh.connect(host, known_hosts="/etc/ssh/ssh_known_hosts")
    cnopts = pysftp.CnOpts()
    # expect: PY-TLS-005
    cnopts.hostkeys = None
    return client


def snmp(auth_key, priv_key):
    # expect: PY-TLS-006
    CommunityData("public", mpModel=0)
    # the default model is SNMPv2c: still a clear-text community string
    # expect: CWE-523
    CommunityData("private")
    # expect: PY-TLS-007
    UsmUserData("monitor")
    # expect: PY-TLS-007
    UsmUserData("monitor", auth_key)
    # expect: CWE-319
    UsmUserData("monitor", auth_key, priv_key, privProtocol=usmNoPrivProtocol)
    # safe: PY-TLS-007
    UsmUserData("monitor", auth_key, priv_key)
    # safe: PY-TLS-007
    UsmUserData("monitor", authKey=auth_key, privKey=priv_key, privProtocol=usmAesCfb128Protocol)
