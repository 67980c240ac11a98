import ftplib
import imaplib
import poplib
import smtplib
import ssl
import telnetlib
from ftplib import FTP, FTP_TLS
from telnetlib import Telnet as Terminal


def cleartext_clients(host, user, secret):
    # expect: PY-NET-003
    session = telnetlib.Telnet(host)
    # expect: PY-NET-003
    Terminal(host, 23)
    # expect: CWE-319
    ftp = FTP(host)
    ftp.login(user, secret)
    # expect: PY-NET-003
    ftplib.FTP()
    # safe: PY-NET-003
    secure = FTP_TLS(host, context=ssl.create_default_context())
    secure.login(user, secret)
    secure.prot_p()
    # safe: PY-NET-003
    ftplib.FTP_TLS(host)
    return session


def send_mail(host, user, secret, message):
    # expect: PY-NET-004
    server = smtplib.SMTP(host, 587)
    server.login(user, secret)
    server.send_message(message)


def send_mail_tls(host, user, secret, message):
    # safe: PY-NET-004
    server = smtplib.SMTP(host, 587)
    server.starttls(context=ssl.create_default_context())
    server.login(user, secret)
    server.send_message(message)


def send_mail_with(host, user, secret, message):
    # expect: CWE-523
    with smtplib.SMTP(host) as server:
        server.login(user, secret)
        server.send_message(message)


def relay_locally(message):
    # no login, local relay
    # safe: PY-NET-004
    server = smtplib.SMTP("localhost")
    server.send_message(message)


def relay_without_login(host, message):
    # safe: PY-NET-004
    server = smtplib.SMTP(host)
    server.send_message(message)


def read_mail(host, user, secret):
    # expect: PY-NET-004
    imap = imaplib.IMAP4(host)
    imap.login(user, secret)
    # expect: PY-NET-004
    pop = poplib.POP3(host)
    pop.user(user)
    pop.pass_(secret)
    # safe: PY-NET-004
    imaps = imaplib.IMAP4_SSL(host)
    imaps.login(user, secret)
    # safe: PY-NET-004
    pops = poplib.POP3(host)
    pops.stls()
    pops.user(user)
    pops.pass_(secret)
    return imap, pop, imaps, pops


class Mailer:
    def __init__(self, host):
        # the login happens elsewhere: not judged
        # safe: PY-NET-004
        self.server = smtplib.SMTP(host)
