# SPDX-License-Identifier: GPL-2.0-only
"""A hostile cell (inmates/tests/fuzz.c) attacks the hypervisor while the
root cell and a second cell keep a heartbeat; afterwards nothing outside the
fuzzing cell may be hurt.

One boot: enable; start "hello" (ticks once a second) and a root shell loop
counting into a file; create, load (seed and operation count in the
parameter page) and start "fuzz"; wait for its 'fuzz: done' and its end
(it reads outside its memory last, so it must end FAILED); then check the
heartbeats moved on, the root shell works, the fuzz cell can be destroyed
with the pool back where it was, and CPU 3 is Linux's again.

WARDEN_FUZZ_SEED / WARDEN_FUZZ_OPS override the fixed short campaign
(`make fuzz-hostile` uses a random seed and a million operations)."""
import os
import re

import pytest

from conftest import boot_guest, fatal_lines

# The fixed campaign of `make check`: seed 7 with 170,000 operations (about
# 8 s) is the shortest known one after which handing CPU 3 back to Linux
# went wrong (found for issue 8: after the cell is destroyed, CPU 3 "failed
# to come online" and the kernel hit BUG at kernel/irq_work.c:235); seed
# 1234 with 20,000 operations does not trigger it.
SEED = int(os.environ.get("WARDEN_FUZZ_SEED", "7"), 0)
OPS = int(os.environ.get("WARDEN_FUZZ_OPS", "170000"), 0)
# About 20,000 operations a second under TCG; generous for slow hosts.
CAMPAIGN_TIMEOUT = 30 + OPS // 2000

SCRIPT = r"""
. ./lib.sh
# Records go to a file, printed at the end when no cell is left: output
# from the hypervisor (cells printing at EL2) can interleave with any line
# Linux writes to the shared serial console.
exec 3>&1 >>/tmp/records
C=/usr/share/warden/configs
I=/usr/share/warden/inmates
SEED=$1
OPS=$2
WAIT=$3

step enable warden enable $C/qemu-virt.cell || { cat /tmp/records >&3; exit 1; }
sysfs baseline mem_pool_used

step hello-create warden cell create $C/qemu-virt-hello.cell
step hello-load warden cell load hello $I/hello.bin
step hello-start warden cell start hello

(i=0; while :; do i=$((i+1)); echo $i > /tmp/heartbeat; sleep 0.1; done) &
HB=$!

sysfs before-fuzz mem_pool_used
step fuzz-create warden cell create $C/qemu-virt-fuzz.cell
step fuzz-load warden cell load fuzz $I/fuzz.bin -s "$SEED $OPS"@0xff000
record campaign hb "$(cat /tmp/heartbeat)"
record campaign ticks "$(warden console | grep -c 'hello: tick')"
step fuzz-start warden cell start fuzz

# Wait for the non-fatal phase to end, and for the cell to stop.
t=0
while [ $t -lt $((WAIT * 10)) ]; do
	warden console | grep -q 'fuzz: done' && break
	sleep 0.1; t=$((t+1))
done
t=0
while [ $t -lt 50 ]; do
	warden cell list | grep -q '^[0-9]* *fuzz .*failed' && break
	sleep 0.1; t=$((t+1))
done
step fuzz-list warden cell list
step console-fuzz sh -c 'warden console | grep "^fuzz:\|Cell \"fuzz\""'

# The others are alive: new heartbeats and ticks after the campaign.
sleep 2.5
record after hb "$(cat /tmp/heartbeat)"
record after ticks "$(warden console | grep -c 'hello: tick')"
step root-shell sh -c 'echo root-alive; echo $((6 * 7)); ls / | grep -c .'
kill $HB

# Flush the records so far: if handing CPU 3 back goes wrong, they show
# what led there.
cat /tmp/records >&3
: >/tmp/records
step fuzz-destroy warden cell destroy fuzz
sysfs after-fuzz mem_pool_used
step online-after-fuzz cat /sys/devices/system/cpu/online
step hello-list warden cell list
step hello-shutdown warden cell shutdown hello
step hello-destroy warden cell destroy hello
sysfs final mem_pool_used
step online-final cat /sys/devices/system/cpu/online
step console warden console
step dmesg dmesg
step disable warden disable
exec 1>&3
cat /tmp/records
exit 0
"""


@pytest.fixture(scope="module")
def boot():
    print(f"hostile cell: seed {SEED}, {OPS} operations "
          f"(replay: WARDEN_FUZZ_SEED={SEED} WARDEN_FUZZ_OPS={OPS})")
    return boot_guest(SCRIPT, str(SEED), str(OPS), str(CAMPAIGN_TIMEOUT),
                      timeout=CAMPAIGN_TIMEOUT + 60)


def _ctx(boot):
    return f"seed {SEED}, {OPS} operations; " + boot.context(80)


def test_setup(boot):
    for s in ("enable", "hello-create", "hello-load", "hello-start",
              "fuzz-create", "fuzz-load", "fuzz-start"):
        assert boot.step(s).rc == 0, boot.step(s).describe()


def test_campaign_ran_to_the_end(boot):
    out = boot.step("console-fuzz").out
    assert f"seed {SEED}, {OPS} operations" in out, _ctx(boot)
    assert f"fuzz: done {OPS} operations" in out, _ctx(boot)
    # Last, fatal by design: a read outside its memory ends it FAILED.
    assert 'Cell "fuzz" FAILED' in out, _ctx(boot)
    assert "fuzz: ERROR" not in out, _ctx(boot)
    assert re.search(r"^\d+\s+fuzz\s+failed", boot.step("fuzz-list").out,
                     re.M), boot.step("fuzz-list").describe()


def test_no_panic(boot):
    assert boot.status == 0, _ctx(boot)
    assert not fatal_lines(boot.output), (
        "fatal lines:\n" + "\n".join(fatal_lines(boot.output)) + "\n"
        + _ctx(boot))


def test_root_and_hello_alive(boot):
    before, after = boot.step("campaign"), boot.step("after")
    assert int(after.value("hb")) > int(before.value("hb")) + 10, _ctx(boot)
    assert int(after.value("ticks")) > int(before.value("ticks")), _ctx(boot)
    shell = boot.step("root-shell")
    assert shell.rc == 0 and "root-alive" in shell.out and "42" in shell.out
    assert re.search(r"^\d+\s+hello\s+running", boot.step("hello-list").out,
                     re.M), boot.step("hello-list").describe()
    # hello still answers a shutdown request.
    assert boot.step("hello-shutdown").rc == 0, \
        boot.step("hello-shutdown").describe()


def test_fuzz_cell_destroyed_resources_back(boot):
    assert boot.step("fuzz-destroy").rc == 0, boot.step("fuzz-destroy").describe()
    assert boot.step("after-fuzz").value("mem_pool_used") == \
        boot.step("before-fuzz").value("mem_pool_used"), _ctx(boot)
    # CPU 3 is Linux's again; CPU 1 still hello's.
    assert boot.step("online-after-fuzz").out.strip() in ("0,2-3", "0,2,3"), \
        boot.step("online-after-fuzz").describe()
    assert boot.step("hello-destroy").rc == 0
    assert boot.step("final").value("mem_pool_used") == \
        boot.step("baseline").value("mem_pool_used"), _ctx(boot)
    assert boot.step("online-final").out.strip() == "0-3", _ctx(boot)
    assert boot.step("disable").rc == 0, boot.step("disable").describe()
