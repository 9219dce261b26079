# SPDX-License-Identifier: GPL-2.0-only
"""A cell that owns a UART prints through the inmate library's PL011
driver, not through the hypervisor: its config gives it the PL011 (shared
with the root cell, the board has only one) and no debug-console
hypercall. Its greeting must reach the serial line while the hypervisor's
console ring never sees it and its hypercall counter stays at zero."""
import re

import pytest

from conftest import boot_guest, fatal_lines

SCRIPT = r"""
. ./lib.sh
exec 3>&1 >>/tmp/records
C=/usr/share/warden/configs
I=/usr/share/warden/inmates
step enable warden enable $C/qemu-virt.cell
step create warden cell create $C/qemu-virt-uart-hello.cell
step load warden cell load uart-hello $I/hello.bin
step start warden cell start uart-hello
sleep 2.5
step ring warden console
step stats warden cell stats uart-hello -n
step destroy warden cell destroy uart-hello
step disable warden disable
exec 1>&3
cat /tmp/records
"""


@pytest.fixture(scope="module")
def boot():
    return boot_guest(SCRIPT, timeout=120)


def test_steps(boot):
    for name in ("enable", "create", "load", "start", "destroy", "disable"):
        assert boot.step(name).rc == 0, boot.step(name).describe()


def test_output_on_the_uart(boot):
    assert 'Hello from Warden cell "uart-hello" on CPU 2' in boot.output, \
        boot.context()
    assert re.search(r"^hello: tick 2\r?$", boot.output, re.M), boot.context()


def test_not_through_the_hypervisor(boot):
    ring = boot.step("ring").out
    assert "Started cell \"uart-hello\"" in ring, boot.step("ring").describe()
    assert "Hello from Warden cell" not in ring, boot.step("ring").describe()
    stats = boot.step("stats").out
    assert re.search(r"^hypercall\s+0\s+0$", stats, re.M), \
        boot.step("stats").describe()


def test_clean(boot):
    assert boot.status == 0, boot.context()
    assert not fatal_lines(boot.output)
