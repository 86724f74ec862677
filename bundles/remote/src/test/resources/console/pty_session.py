#!/usr/bin/python3
"""Runs a command on a pseudo-terminal (virsh console refuses to run without one) and talks to it.

    pty_session.py [--timeout S] STEP... -- COMMAND ARG...

Steps, in order:
    --expect TEXT   wait until TEXT has appeared in the output since the previous --expect
    --type TEXT     write TEXT to the terminal (backslash escapes: \\r, \\n, \\x1d for Ctrl-])
    --sleep S       wait S seconds

After the steps it waits for the command to end. The whole output (raw, as the terminal got it) goes to
standard output; a line "exit N" (or "timeout: ..." and exit status 124) goes to standard error, and the
exit status is the command's.
"""
import os
import pty
import select
import sys
import time


def parse(argv):
    timeout = 30.0
    steps = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            return timeout, steps, argv[i + 1:]
        if a == "--timeout":
            timeout = float(argv[i + 1])
        elif a in ("--expect", "--type", "--sleep"):
            steps.append((a[2:], argv[i + 1]))
        else:
            sys.exit("unknown argument " + a)
        i += 2
    sys.exit("no command after --")


def main():
    timeout, steps, command = parse(sys.argv[1:])
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    out = bytearray()
    mark = 0
    deadline = time.monotonic() + timeout

    def pump(wait):
        """Reads what is there within `wait` seconds; False once the terminal is closed."""
        r, _, _ = select.select([fd], [], [], max(0.0, wait))
        if not r:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        out.extend(data)
        return True

    def fail(why):
        sys.stdout.buffer.write(bytes(out))
        sys.stdout.flush()
        sys.stderr.write("timeout: " + why + "\n")
        try:
            os.kill(pid, 9)
        except OSError:
            pass
        sys.exit(124)

    alive = True
    for kind, arg in steps:
        if kind == "expect":
            want = arg.encode().decode("unicode_escape").encode("latin-1")
            while True:
                at = out.find(want, mark)
                if at >= 0:
                    mark = at + len(want)
                    break
                if not alive or time.monotonic() > deadline:
                    fail("did not see %r" % arg)
                alive = pump(deadline - time.monotonic())
        elif kind == "type":
            os.write(fd, arg.encode().decode("unicode_escape").encode("latin-1"))
        elif kind == "sleep":
            end = time.monotonic() + float(arg)
            while alive and time.monotonic() < end:
                alive = pump(end - time.monotonic())
    while alive and time.monotonic() < deadline:
        alive = pump(deadline - time.monotonic())
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            # Take what is still buffered on the terminal.
            while pump(0.2):
                pass
            sys.stdout.buffer.write(bytes(out))
            sys.stdout.flush()
            code = os.waitstatus_to_exitcode(status)
            sys.stderr.write("exit %d\n" % code)
            sys.exit(code if code >= 0 else 128 - code)
    if alive:
        fail("the command did not end")
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(out))
    sys.stdout.flush()
    code = os.waitstatus_to_exitcode(status)
    sys.stderr.write("exit %d\n" % code)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
