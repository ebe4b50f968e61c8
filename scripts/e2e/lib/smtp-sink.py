#!/usr/bin/env python3
"""A tiny SMTP server for the end-to-end scripts: it accepts every message and keeps it as a file.

    smtp-sink.py --dir DIR [--port-file FILE] [--host 127.0.0.1] [--port 0]

Listens on HOST:PORT (port 0 picks a free one), writes the port it got to --port-file once it
accepts connections, and stores each message received in DIR as NNNN.eml: first the envelope
(`X-Sink-Mail-From: <…>` and one `X-Sink-Rcpt-To: <…>` per recipient), then the message as sent,
dot-unstuffed. A file appears whole (written aside, then renamed). Speaks EHLO/HELO, MAIL FROM,
RCPT TO, DATA, RSET, NOOP and QUIT (RFC 5321's minimum, no authentication, no TLS). Tests only:
it delivers nothing anywhere. Stops on SIGTERM or SIGINT.
"""

import argparse
import os
import re
import signal
import socketserver
import sys
import threading

MAX_LINE = 1000 + 2  # RFC 5321 4.5.3.1.6: a text line is at most 1000 octets with its CRLF
MAX_MESSAGE = 10 * 1024 * 1024
ADDRESS = re.compile(rb"^\s*<([^<>]*)>(?:\s+(.*))?$")


class Sink(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address, directory):
        super().__init__(address, Session)
        self.directory = directory
        self.lock = threading.Lock()
        self.count = 0

    def store(self, mail_from, recipients, data):
        """Writes one message; returns its file name."""
        with self.lock:
            self.count += 1
            name = "%04d.eml" % self.count
        envelope = b"X-Sink-Mail-From: <" + mail_from + b">\r\n"
        for recipient in recipients:
            envelope += b"X-Sink-Rcpt-To: <" + recipient + b">\r\n"
        final = os.path.join(self.directory, name)
        partial = os.path.join(self.directory, "." + name + ".partial")
        with open(partial, "wb") as file:
            file.write(envelope + data)
        os.replace(partial, final)
        return name


class Session(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def reset(self):
        self.mail_from = None
        self.recipients = []

    def handle(self):
        self.greeted = False
        self.reset()
        self.reply("220 edulink-e2e-sink ESMTP ready")
        while True:
            try:
                line = self.rfile.readline(MAX_LINE + 1)
            except OSError:
                return
            if not line:
                return
            if len(line) > MAX_LINE:
                self.reply("500 5.5.2 Line too long")
                continue
            text = line.rstrip(b"\r\n")
            verb, _, argument = text.partition(b" ")
            verb = verb.upper()
            if verb == b"EHLO":
                self.greeted = True
                self.reset()
                self.wfile.write(b"250-edulink-e2e-sink\r\n250-8BITMIME\r\n250 SIZE %d\r\n" % MAX_MESSAGE)
                self.wfile.flush()
            elif verb == b"HELO":
                self.greeted = True
                self.reset()
                self.reply("250 edulink-e2e-sink")
            elif verb == b"MAIL":
                self.mail(argument)
            elif verb == b"RCPT":
                self.rcpt(argument)
            elif verb == b"DATA":
                if not self.data():
                    return
            elif verb == b"RSET":
                self.reset()
                self.reply("250 2.0.0 OK")
            elif verb == b"NOOP":
                self.reply("250 2.0.0 OK")
            elif verb == b"QUIT":
                self.reply("221 2.0.0 Bye")
                return
            elif verb in (b"VRFY", b"EXPN"):
                self.reply("252 2.1.5 Cannot verify; send it and see")
            else:
                self.reply("502 5.5.1 Command not implemented")

    def mail(self, argument):
        if not self.greeted:
            self.reply("503 5.5.1 Say EHLO or HELO first")
            return
        if self.mail_from is not None:
            self.reply("503 5.5.1 Sender already given")
            return
        if not argument.upper().startswith(b"FROM:"):
            self.reply("501 5.5.4 Syntax: MAIL FROM:<address>")
            return
        match = ADDRESS.match(argument[5:])
        if not match:
            self.reply("501 5.1.7 Bad sender address syntax")
            return
        self.mail_from = match.group(1)
        self.reply("250 2.1.0 OK")

    def rcpt(self, argument):
        if self.mail_from is None:
            self.reply("503 5.5.1 Need MAIL first")
            return
        if not argument.upper().startswith(b"TO:"):
            self.reply("501 5.5.4 Syntax: RCPT TO:<address>")
            return
        match = ADDRESS.match(argument[3:])
        if not match or not match.group(1):
            self.reply("501 5.1.3 Bad recipient address syntax")
            return
        self.recipients.append(match.group(1))
        self.reply("250 2.1.5 OK")

    def data(self):
        """Reads the message up to the lone dot; False when the connection ended first."""
        if self.mail_from is None or not self.recipients:
            self.reply("503 5.5.1 Need MAIL and RCPT first")
            return True
        self.reply("354 End data with <CR><LF>.<CR><LF>")
        lines = []
        size = 0
        while True:
            line = self.rfile.readline(MAX_LINE + 1)
            if not line:
                return False
            if line in (b".\r\n", b".\n"):
                break
            if line.startswith(b"."):
                line = line[1:]
            size += len(line)
            if size <= MAX_MESSAGE:
                lines.append(line)
        if size > MAX_MESSAGE:
            self.reply("552 5.3.4 Message too big")
        else:
            name = self.server.store(self.mail_from, self.recipients, b"".join(lines))
            self.reply("250 2.0.0 OK queued as " + name)
        self.reset()
        return True


def main():
    parser = argparse.ArgumentParser(description="A tiny SMTP server that keeps every message as a file.")
    parser.add_argument("--dir", required=True, help="where the messages go (created if missing)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="written with the port once connections are accepted")
    options = parser.parse_args()
    os.makedirs(options.dir, exist_ok=True)
    server = Sink((options.host, options.port), options.dir)
    port = server.server_address[1]
    if options.port_file:
        partial = options.port_file + ".partial"
        with open(partial, "w") as file:
            file.write("%d\n" % port)
        os.replace(partial, options.port_file)
    print("smtp-sink: listening on %s:%d, messages in %s" % (options.host, port, options.dir), flush=True)

    def stop(signum, frame):
        # shutdown() waits for serve_forever, which runs on this thread: leave it from another.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
