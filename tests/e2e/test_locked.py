# SPDX-License-Identifier: GPL-2.0-only
"""The running-locked state: while a cell says it is in a critical phase
(comm region cell_state = RUNNING_LOCKED), the root cell can neither create
nor destroy cells, and the refusal says which cell holds the lock; once the
cell unlocks, both work again. The cell is comm-demo loaded with "locked":
it locks for its first three seconds, then unlocks and says so."""
import pytest

from conftest import boot_guest, fatal_lines

SCRIPT = r"""
. ./lib.sh
exec 3>&1 >>/tmp/records
C=/usr/share/warden/configs
I=/usr/share/warden/inmates
step enable warden enable $C/qemu-virt.cell
step create warden cell create $C/qemu-virt-gic-demo.cell
step load warden cell load gic-demo $I/comm-demo.bin -s locked@0xff000
step start warden cell start gic-demo
t=0
while [ $t -lt 50 ] && ! warden console | grep -q 'root cell locked'; do
	sleep 0.1; t=$((t+1))
done
step list-locked warden cell list
step online-before cat /sys/devices/system/cpu/online
step create-locked warden cell create $C/qemu-virt-hello.cell
step online-after-refusal cat /sys/devices/system/cpu/online
step destroy-locked warden cell destroy gic-demo
step disable-locked warden disable
t=0
while [ $t -lt 100 ] && ! warden console | grep -q 'root cell unlocked'; do
	sleep 0.1; t=$((t+1))
done
step list-unlocked warden cell list
step create-unlocked warden cell create $C/qemu-virt-hello.cell
step destroy-hello warden cell destroy hello
step destroy-unlocked warden cell destroy gic-demo
step disable warden disable
exec 1>&3
cat /tmp/records
"""


@pytest.fixture(scope="module")
def boot():
    return boot_guest(SCRIPT, timeout=120)


def test_lock_shows_in_list(boot):
    out = boot.step("list-locked").out
    assert any(l.split()[1:3] == ["gic-demo", "running/locked"]
               for l in out.splitlines()[1:]), boot.step("list-locked").describe()


def test_create_refused_while_locked(boot):
    s = boot.step("create-locked")
    assert s.rc != 0, s.describe()
    assert 'cell "gic-demo" holds the root cell locked' in s.err, s.describe()
    # Nothing changed: the CPU the refused cell wanted is Linux's again.
    assert boot.step("online-after-refusal").out.strip() == \
        boot.step("online-before").out.strip()


def test_destroy_refused_while_locked(boot):
    s = boot.step("destroy-locked")
    assert s.rc != 0, s.describe()
    assert "locked" in s.err, s.describe()


def test_disable_refused_naming_the_cell(boot):
    s = boot.step("disable-locked")
    assert s.rc != 0, s.describe()
    assert 'cell "gic-demo" still exists' in s.err, s.describe()


def test_unlocked_everything_works(boot):
    out = boot.step("list-unlocked").out
    assert any(l.split()[1:3] == ["gic-demo", "running"]
               for l in out.splitlines()[1:]), boot.step("list-unlocked").describe()
    for name in ("create-unlocked", "destroy-hello", "destroy-unlocked",
                 "disable"):
        assert boot.step(name).rc == 0, boot.step(name).describe()


def test_clean(boot):
    assert boot.status == 0, boot.context()
    assert not fatal_lines(boot.output)
