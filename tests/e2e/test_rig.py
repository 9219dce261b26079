# SPDX-License-Identifier: GPL-2.0-only
"""The QEMU rig itself: the guest boots the way Warden needs it (Linux at
EL2 with its hyp stub, KVM off, warden.ko loaded) and ci/qemu-run reports
the script's exit status, timeouts and panics faithfully."""
import pytest

from conftest import boot_guest, run_guest, tail

BOOT_SCRIPT = r"""
. ./lib.sh
step dmesg dmesg
step devnode sh -c 'if [ -c /dev/warden ]; then echo char; else ls -l /dev/warden; fi'
step el2 cat /sys/devices/warden/el2_status
step enabled cat /sys/devices/warden/enabled
step args sh -c 'echo "$@"' x "$@"
"""


@pytest.fixture(scope="module")
def boot():
    b = boot_guest(BOOT_SCRIPT, "alpha", "beta", timeout=120)
    assert b.status == 0, "boot script failed\n" + b.context()
    return b


def test_boot_linux_started_at_el2(boot):
    assert "CPU: All CPU(s) started at EL2" in boot.step("dmesg").out, boot.context()


def test_boot_kvm_disabled(boot):
    assert "KVM disabled" in boot.step("dmesg").out, boot.context()


def test_boot_driver_loaded_with_stub(boot):
    dmesg = boot.step("dmesg").out
    assert any("warden: driver" in l and "loaded, EL2: stub" in l
               for l in dmesg.splitlines()), dmesg
    assert "WARDEN-GUEST: warden.ko loaded" in boot.output, boot.context()


def test_boot_dev_warden_is_char_device(boot):
    step = boot.step("devnode")
    assert step.out == "char", step.describe()


def test_boot_el2_status_stub(boot):
    step = boot.step("el2")
    assert (step.rc, step.out) == (0, "stub"), step.describe()


def test_boot_hypervisor_not_enabled_at_load(boot):
    step = boot.step("enabled")
    assert (step.rc, step.out) == (0, "0"), step.describe()


def test_boot_script_gets_args(boot):
    step = boot.step("args")
    assert step.out == "alpha beta", step.describe()


def test_exit_status_is_passed_through():
    status, out = run_guest("echo about-to-fail\nexit 3\n", timeout=120)
    assert status == 3, tail(out)
    assert "about-to-fail" in out and "WARDEN-EXIT-STATUS=3" in out, tail(out)


def test_timeout_gives_124():
    status, out = run_guest("echo sleeping-forever\nsleep 1000\n", timeout=40)
    assert status == 124, tail(out)
    assert "sleeping-forever" in out, tail(out)
    assert "WARDEN-EXIT-STATUS=" not in out, tail(out)
    assert "timeout" in out, tail(out)


def test_guest_panic_gives_125():
    status, out = run_guest("echo c > /proc/sysrq-trigger\nsleep 30\nexit 0\n",
                            timeout=120)
    assert status == 125, tail(out)
    assert "Kernel panic - not syncing" in out, tail(out)
    assert "WARDEN-EXIT-STATUS=" not in out, tail(out)
