"""A real SMTP server on loopback for Knit's email tests and benchmark (aiosmtpd).

Usage: smtp_sink.py OUT_DIR [--delay-ms N] [--count-only]
Prints "PORT <n>" once listening, then serves until its standard input closes
(so it ends with the test that started it).

Scripted replies, chosen by the recipient's local part:
  tempfailN-...@  the first N attempts get "451 try again later", then 250
  reject-...@     every attempt gets "550 no such user"
Every RCPT attempt is appended to OUT_DIR/attempts.jsonl, every accepted
message (one line per recipient) to OUT_DIR/deliveries.jsonl.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import socket
import sys

from aiosmtpd.controller import Controller


class JsonLines:
    """A file of JSON lines, each written whole in one system call, so that a
    test reading it meanwhile sees whole lines (it skips an unfinished last one)."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def write(self, line):
        os.write(self.fd, line.encode())


class Sink:
    def __init__(self, out_dir, delay_ms, count_only):
        self.count_only = count_only
        self.attempts_file = JsonLines(os.path.join(out_dir, "attempts.jsonl"))
        self.deliveries_file = JsonLines(os.path.join(out_dir, "deliveries.jsonl"))
        self.delay = delay_ms / 1000.0
        self.tries = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        self.tries[address] = self.tries.get(address, 0) + 1
        self.attempts_file.write(json.dumps({"rcpt": address, "try": self.tries[address]}) + "\n")
        failing = re.match(r"tempfail(\d+)-", local)
        if failing and self.tries[address] <= int(failing.group(1)):
            return "451 4.3.0 try again later"
        if local.startswith("reject-"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.count_only:
            for rcpt in envelope.rcpt_tos:
                self.deliveries_file.write(json.dumps({"rcpt": rcpt}) + "\n")
            return "250 OK queued"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(("plain",))
        html = message.get_body(("html",))
        attachments = [
            {"file_name": part.get_filename(), "content_type": part.get_content_type(), "body": part.get_content()}
            for part in message.iter_attachments()
        ]
        for rcpt in envelope.rcpt_tos:
            self.deliveries_file.write(json.dumps({
                "rcpt": rcpt,
                "message_id": message["Message-ID"],
                "subject": message["Subject"],
                "to": message["To"],
                "text": text.get_content() if text else None,
                "html": html.get_content() if html else None,
                "attachments": attachments,
            }) + "\n")
        return "250 OK queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--count-only", action="store_true", help="record recipients only (for the benchmark)")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    # aiosmtpd checks readiness by connecting to its port, so it needs a fixed one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(args.out_dir, args.delay_ms, args.count_only), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
