# SPDX-License-Identifier: GPL-2.0-only
"""Shared helpers for Warden's QEMU end-to-end tests.

run_guest() boots the test board through ci/qemu-run and returns the exit
status and the whole console output. Guest scripts that source
scripts/lib.sh (pass LIB in extra_files and start the script with
`. ./lib.sh`) print their results as `@@step|kind|text` records, which
Records parses so that many small tests can assert on one boot.
"""
import os
import re
import subprocess
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
QEMU_RUN = os.path.join(ROOT, "ci", "qemu-run")
# The board ci/qemu-run boots (it reads WARDEN_BOARD itself): "plain" (no
# EL3, one GIC security state) or "firmware" (TF-A at EL3, GICD_CTLR.DS=0).
BOARD = os.environ.get("WARDEN_BOARD") or "plain"
FIRMWARE = BOARD == "firmware"
LIB = os.path.join(HERE, "scripts", "lib.sh")
BUILD_OUTPUTS = ("build/initramfs.cpio.gz", "build/rig/rig.env")

# Console text that must never appear: kernel oopses, BUG()s and WARN()s,
# arm64 "Internal error" reports, stack dumps, and hypervisor panics.
FATAL_PATTERNS = ("Oops", "BUG:", "WARNING:", "Internal error", "WARDEN PANIC",
                  "Call trace")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "e2e: boots the QEMU test board (needs `make all` first)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).startswith(HERE + os.sep):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _build_present():
    missing = [p for p in BUILD_OUTPUTS if not os.path.exists(os.path.join(ROOT, p))]
    if missing:
        pytest.fail(f"e2e: {', '.join(missing)} missing: run make first "
                    f"(cd {ROOT} && make -j2 all)", pytrace=False)


def tail(text, lines=60):
    return "\n".join(text.splitlines()[-lines:])


def run_guest(script_text, *args, timeout=120, smp=4, extra_files=(),
              qemu_args=()):
    """Boot the guest, run script_text (a /bin/sh script) in it with ARGS.

    Returns (status, output): ci/qemu-run's exit status (the script's, 124
    on timeout, 125 on a panic or a guest stopped without a status) and its
    stdout and stderr as text. qemu-run's own --timeout is `timeout`; the
    host side waits a little longer so that 124 comes from qemu-run.
    """
    with tempfile.NamedTemporaryFile("w", prefix="warden-e2e-", suffix=".sh",
                                     delete=False) as f:
        f.write(script_text)
        path = f.name
    cmd = [QEMU_RUN, "--smp", str(smp), "--timeout", str(timeout), *qemu_args]
    for extra in extra_files:
        cmd += ["--file", extra]
    cmd += [path, *args]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace", timeout=timeout + 60)
    finally:
        os.unlink(path)
    return proc.returncode, proc.stdout


class Boot:
    """One guest boot: status, console output, wall time and the records."""

    RECORD = re.compile(r"^@@([^|\s]+)\|([^|]*)\|(.*)$")

    def __init__(self, status, output, seconds):
        self.status = status
        self.output = output
        self.seconds = seconds
        self.records = {}
        for line in output.splitlines():
            m = self.RECORD.match(line.rstrip("\r"))
            if m:
                step, kind, text = m.groups()
                self.records.setdefault(step, {}).setdefault(kind, []).append(text)

    def context(self, lines=60):
        return (f"qemu-run exited {self.status} after {self.seconds:.1f} s; "
                f"console tail:\n{tail(self.output, lines)}")

    def step(self, name):
        """The records of one step; fails the test if the guest never got
        there (hang, panic or an earlier error)."""
        if name not in self.records:
            pytest.fail(f"step {name!r} has no record in the guest output\n"
                        + self.context(), pytrace=False)
        return Step(name, self.records[name], self)

    def section(self, begin, end=None):
        """Console text from the line holding `begin` up to the one holding
        `end` (or the end of the output)."""
        start = self.output.find(begin)
        if start < 0:
            pytest.fail(f"{begin!r} not in the guest output\n" + self.context(),
                        pytrace=False)
        stop = self.output.find(end, start) if end else -1
        return self.output[start:stop if stop >= 0 else len(self.output)]


class Step:
    def __init__(self, name, kinds, boot):
        self.name = name
        self.kinds = kinds
        self.boot = boot

    def lines(self, kind):
        return self.kinds.get(kind, [])

    def text(self, kind):
        return "\n".join(self.lines(kind))

    def value(self, kind):
        """The single record of this kind (fails if there is none)."""
        values = self.lines(kind)
        if not values:
            pytest.fail(f"step {self.name!r} has no {kind!r} record\n"
                        + self.describe(), pytrace=False)
        return values[-1]

    @property
    def out(self):
        return self.text("out")

    @property
    def err(self):
        return self.text("err")

    @property
    def rc(self):
        return int(self.value("rc"))

    def describe(self):
        body = "\n".join(f"  {k}: {v}" for k, vs in self.kinds.items() for v in vs)
        return f"step {self.name!r}:\n{body}\nconsole tail:\n{tail(self.boot.output, 30)}"


def boot_guest(script_text, *args, **kwargs):
    """run_guest() wrapped in a Boot; the standard library is always copied."""
    extra = (LIB,) + tuple(kwargs.pop("extra_files", ()))
    start = time.monotonic()
    status, output = run_guest(script_text, *args, extra_files=extra, **kwargs)
    return Boot(status, output, time.monotonic() - start)


def fatal_lines(output):
    return [line for line in output.splitlines()
            if any(p in line for p in FATAL_PATTERNS)]
