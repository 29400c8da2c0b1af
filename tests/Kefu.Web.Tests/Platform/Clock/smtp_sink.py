"""SMTP server for Kefu's mail tests: aiosmtpd writing each message into a Maildir, with what the
session was like (TLS, authenticated user, client port) added as X-Sink-* headers.

Run by SmtpSink.cs with /usr/bin/python3 (Debian's python3-aiosmtpd is visible only to it)."""
import argparse
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--maildir", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--starttls", action="store_true", help="offer STARTTLS")
parser.add_argument("--require-starttls", action="store_true", help="refuse mail before STARTTLS")
parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--refuse", help="refuse recipients whose address contains this text")
parser.add_argument("--drop-after-each", action="store_true", help="close the connection after each message")
args = parser.parse_args()


class Sink(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if args.refuse and args.refuse in address:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = self.prepare_message(session, envelope)
        # session.ssl is set by STARTTLS; with implicit TLS the transport itself is the TLS one.
        encrypted = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        message["X-Sink-Tls"] = "yes" if encrypted else "no"
        login = getattr(session.auth_data, "login", None)
        message["X-Sink-Auth"] = login.decode() if isinstance(login, bytes) else (login or "")
        message["X-Sink-Client-Port"] = str(session.peer[1])
        self.handle_message(message)
        session.delivered = True
        return "250 OK"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if args.drop_after_each and getattr(session, "delivered", False):
            # Like a server that closed the connection after the last message: the client's
            # next command finds it gone.
            server.transport.close()
            return "421 4.4.2 Closing"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


context = None
if args.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

options = {}
if args.starttls or args.require_starttls:
    options["tls_context"] = context
    options["require_starttls"] = args.require_starttls
if args.implicit_tls:
    options["ssl_context"] = context
if args.user:
    options["authenticator"] = authenticate
    options["auth_required"] = True
    # aiosmtpd offers AUTH only over TLS unless told otherwise; keep that default.

controller = Controller(Sink(args.maildir), hostname="127.0.0.1", port=args.port, **options)
controller.start()
print("ready", flush=True)
threading.Event().wait()
