"""A real SMTP server (aiosmtpd, Debian python3-aiosmtpd) for the email notifier tests.

Listens on 127.0.0.1:PORT, writes each accepted message to OUT/N.eml with OUT/N.json beside it
({"mail_from", "rcpt_tos", "authenticated_as", "tls"}), prints "ready" once listening and stops when stdin closes.
Options: --user/--password require AUTH with these credentials (over plain text too, so the test can see them checked);
--cert/--key offer STARTTLS with that certificate, or with --implicit-tls serve TLS from the first byte.
"""
import argparse
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.out, str(self.count))
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "authenticated_as": session.auth_data if session.authenticated else None,
            "tls": server.transport.get_extra_info("sslcontext") is not None or session.ssl is not None,
        }
        with open(stem + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.replace(stem + ".json.tmp", stem + ".json")  # the test waits for .json: write it whole
        return "250 Message accepted for delivery"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--implicit-tls", action="store_true")
    a = p.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
        return AuthResult(success=ok, handled=False, auth_data=a.user if ok else None)

    kwargs = {}
    context = None
    if a.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    if a.user:
        kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    if context is not None and a.implicit_tls:
        kwargs["ssl_context"] = context
    elif context is not None:
        kwargs["tls_context"] = context
    controller = Controller(Sink(a.out), hostname="127.0.0.1", port=a.port, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()  # the test closes stdin (or dies) to stop the server
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
