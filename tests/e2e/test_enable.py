# SPDX-License-Identifier: GPL-2.0-only
"""Hypervisor takeover on the QEMU board: enable on all CPUs, the root Linux
keeps running (timers, SMP load, CPU hotplug), the hypervisor's memory is
out of its reach, disable hands the CPUs back, and bad inputs are refused
without side effects.

Two boots serve the whole module: `lifecycle` (enable, run, protect,
CPU hotplug, disable, enable again) and `inputs` (bad configs, wrong-state
commands, config check, ten enable/disable cycles).
Each guest step prints `@@step|kind|text` records (see scripts/lib.sh)."""
import re

import pytest

from conftest import boot_guest, fatal_lines

CFG = "/usr/share/warden/configs/qemu-virt.cell"
BAD = "/usr/share/warden/configs/bad"
CPUS = range(4)
HV_MAGIC = "0x44524157"  # "WARD", the first word of the image header
SIGBUS_STATUS = 135
BANNER = re.compile(r"Warden hypervisor \S+ initializing")

LIFECYCLE = r"""
. ./lib.sh
CFG=%(cfg)s

step enable warden enable $CFG
sysfs enable enabled
step console-enabled warden console

step shell sh -c 'echo hello; echo $((6 * 7)); ls /usr/share/warden/configs | grep -c cell; md5sum /lib/firmware/warden.bin | cut -c1-32'
step sleep sh -c 'a=$(cut -d" " -f1 /proc/uptime); sleep 1; b=$(cut -d" " -f1 /proc/uptime); echo "$a $b"'

cpuload() {
	pids=
	for c in 0 1 2 3; do
		taskset -c $c sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo "cpu $1 i=$i"' x $c &
		pids="$pids $!"
	done
	rc=0
	for p in $pids; do wait $p || rc=1; done
	return $rc
}
step cpuload cpuload

step cpu2-off sh -c 'echo 0 > /sys/devices/system/cpu/cpu2/online'
record cpu2-off online "$(cat /sys/devices/system/cpu/cpu2/online)"
record cpu2-off cpus "$(grep -c ^processor /proc/cpuinfo)"
step cpu2-on sh -c 'echo 1 > /sys/devices/system/cpu/cpu2/online'
record cpu2-on online "$(cat /sys/devices/system/cpu/cpu2/online)"
record cpu2-on cpus "$(grep -c ^processor /proc/cpuinfo)"
step cpu2-runs taskset -c 2 sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo "cpu2 i=$i"'
step console-hotplug warden console

step devmem-enabled devmem 0x70000000 32
step after-devmem sh -c 'echo still-alive; sleep 0.2; echo $((1 + 1))'
step dmesg-after-devmem dmesg

step disable warden disable
sysfs disable enabled
step devmem-disabled devmem 0x70000000 32
step after-disable sh -c 'echo alive-after-disable; a=$(cut -d" " -f1 /proc/uptime); sleep 1; b=$(cut -d" " -f1 /proc/uptime); echo "$a $b"'

sysfs disable-el2 el2_status
step reenable warden enable $CFG
sysfs reenable enabled
step redisable warden disable
step dmesg-final dmesg
exit 0
""" % {"cfg": CFG}

BAD_SYSCONFIGS = {
    # name: a word the error message must contain
    "bad-signature": "signature",
    "bad-revision": "revision",
    "overlap": "overlap",
    "hv-in-linux-ram": "hypervisor_memory",
    "bad-cpu": "cpu_set",
}
BAD_CELLCONFIGS = ("cell-foreign-cpu", "cell-foreign-mem", "cell-cpu0")

INPUTS = r"""
. ./lib.sh
CFG=%(cfg)s
BAD=%(bad)s

refused() {  # refused NAME CONFIG: a bad enable, then a good one
	step $1 warden enable $2
	sysfs $1 enabled
	step $1-good warden enable $CFG
	sysfs $1-good enabled
	step $1-undo warden disable
}
for bad in %(bad_sys)s; do
	refused bad-$bad $BAD/$bad.cell
done
head -c 100 $CFG > /tmp/t.cell
refused truncated /tmp/t.cell

step disable-disabled warden disable
sysfs disable-disabled enabled
step first-enable warden enable $CFG
step enable-enabled warden enable $CFG
sysfs enable-enabled enabled
step devmem-enable-enabled devmem 0x70000000 32
step last-disable warden disable
sysfs last-disable enabled
step enable-after-wrong-state warden enable $CFG
sysfs enable-after-wrong-state enabled
step disable-after-wrong-state warden disable

step check-good warden config check $CFG
for bad in %(bad_sys)s; do
	step check-$bad warden config check $BAD/$bad.cell
done
for cell in %(bad_cell)s; do
	step check-$cell warden config check $CFG $BAD/$cell.cell
done

i=1
while [ $i -le 10 ]; do
	warden enable $CFG >/tmp/e.log 2>&1
	e=$?
	on=$(cat /sys/devices/warden/enabled)
	warden disable >/tmp/d.log 2>&1
	d=$?
	off=$(cat /sys/devices/warden/enabled)
	record cycles cycle "$i $e $on $d $off"
	[ $e = 0 ] || sed 's/^/@@cycles|log|enable: /' /tmp/e.log
	[ $d = 0 ] || sed 's/^/@@cycles|log|disable: /' /tmp/d.log
	i=$((i + 1))
done
step alive-after-cycles sh -c 'echo alive-after-cycles'
step dmesg-final dmesg
exit 0
""" % {"cfg": CFG, "bad": BAD, "bad_sys": " ".join(BAD_SYSCONFIGS),
       "bad_cell": " ".join(BAD_CELLCONFIGS)}


@pytest.fixture(scope="module")
def lifecycle():
    return boot_guest(LIFECYCLE, timeout=180)


@pytest.fixture(scope="module")
def inputs():
    return boot_guest(INPUTS, timeout=180)


def uptime_delta(step):
    a, b = (float(x) for x in step.out.split()[-2:])
    return b - a


def ok(step):
    assert step.rc == 0, step.describe()


# --- enable on 4 CPUs -------------------------------------------------------

def test_enable_exits_0(lifecycle):
    ok(lifecycle.step("enable"))


def test_enable_sets_enabled(lifecycle):
    step = lifecycle.step("enable")
    assert step.value("enabled") == "1", step.describe()


def test_enable_console_uart_banner_and_cpus(lifecycle):
    # The hypervisor's own UART output, while `warden enable` ran.
    text = lifecycle.section("WARDEN-GUEST: running script", "@@enable|rc|")
    assert BANNER.search(text), lifecycle.context()
    for cpu in CPUS:
        assert f"Activating hypervisor on CPU {cpu}" in text, lifecycle.context()


def test_enable_console_ring_banner_and_cpus(lifecycle):
    step = lifecycle.step("console-enabled")
    ok(step)
    assert BANNER.search(step.out), step.describe()
    for cpu in CPUS:
        assert f"Activating hypervisor on CPU {cpu}" in step.out, step.describe()


# --- the root Linux keeps working -------------------------------------------

def test_root_shell_commands_work(lifecycle):
    step = lifecycle.step("shell")
    ok(step)
    lines = step.lines("out")
    assert lines[:2] == ["hello", "42"], step.describe()
    assert int(lines[2]) >= 1 and re.fullmatch(r"[0-9a-f]{32}", lines[3]), step.describe()


def test_root_sleep_takes_about_a_second(lifecycle):
    step = lifecycle.step("sleep")
    ok(step)
    assert 0.9 <= uptime_delta(step) <= 3.0, step.describe()


def test_root_cpu_load_on_every_cpu(lifecycle):
    step = lifecycle.step("cpuload")
    ok(step)
    assert sorted(step.lines("out")) == [f"cpu {c} i=200000" for c in CPUS], step.describe()


def test_root_cpu_hotplug_off(lifecycle):
    step = lifecycle.step("cpu2-off")
    ok(step)
    assert (step.value("online"), step.value("cpus")) == ("0", "3"), step.describe()


def test_root_cpu_hotplug_on(lifecycle):
    step = lifecycle.step("cpu2-on")
    ok(step)
    assert (step.value("online"), step.value("cpus")) == ("1", "4"), step.describe()
    runs = lifecycle.step("cpu2-runs")
    ok(runs)
    assert runs.out == "cpu2 i=20000", runs.describe()


def test_root_cpu_hotplug_reactivates_hypervisor(lifecycle):
    # UART: CPU 2 comes back under the hypervisor while it is onlined ...
    text = lifecycle.section("@@cpu2-off|cpus|", "@@cpu2-on|rc|")
    assert "Activating hypervisor on CPU 2" in text, lifecycle.context()
    # ... and the ring records the second activation too.
    step = lifecycle.step("console-hotplug")
    ok(step)
    assert step.out.count("Activating hypervisor on CPU 2") == 2, step.describe()


# --- the hypervisor memory is protected -------------------------------------

def test_hv_memory_read_faults_while_enabled(lifecycle):
    step = lifecycle.step("devmem-enabled")
    assert step.rc == SIGBUS_STATUS, step.describe()
    assert "Bus error" in step.err, step.describe()
    assert HV_MAGIC not in step.out, step.describe()


def test_hv_memory_read_reported_by_hypervisor(lifecycle):
    text = lifecycle.section("@@console-hotplug|rc|", "@@devmem-enabled|rc|")
    assert re.search(r"CPU \d: cell 0 read at IPA 0x70000000 .*data abort injected",
                     text), lifecycle.context()


def test_kernel_survives_hv_memory_read(lifecycle):
    step = lifecycle.step("after-devmem")
    ok(step)
    assert step.lines("out") == ["still-alive", "2"], step.describe()
    dmesg = lifecycle.step("dmesg-after-devmem")
    ok(dmesg)
    for bad in ("Internal error", "Oops", "BUG"):
        assert bad not in dmesg.out, dmesg.describe()


def test_hv_memory_readable_after_disable(lifecycle):
    # Same access, same address: only the hypervisor made it fault.
    step = lifecycle.step("devmem-disabled")
    ok(step)
    assert step.out == HV_MAGIC, step.describe()


# --- disable ----------------------------------------------------------------

def test_disable_exits_0(lifecycle):
    ok(lifecycle.step("disable"))


def test_disable_clears_enabled(lifecycle):
    step = lifecycle.step("disable")
    assert step.value("enabled") == "0", step.describe()


def test_disable_releases_every_cpu(lifecycle):
    text = lifecycle.section("@@dmesg-after-devmem|rc|", "@@disable|rc|")
    for cpu in CPUS:
        assert f"Releasing CPU {cpu}" in text, lifecycle.context()


def test_root_works_after_disable(lifecycle):
    step = lifecycle.step("after-disable")
    ok(step)
    assert step.lines("out")[0] == "alive-after-disable", step.describe()
    assert 0.9 <= uptime_delta(step) <= 3.0, step.describe()


def test_disable_restores_el2_stub(lifecycle):
    # Every CPU is back on Linux's hyp stub, including CPU 2, which was
    # offlined and onlined again under the hypervisor.
    step = lifecycle.step("disable-el2")
    assert step.value("el2_status") == "stub", step.describe()


def test_reenable_after_hotplug_and_disable(lifecycle):
    step = lifecycle.step("reenable")
    ok(step)
    assert step.value("enabled") == "1", step.describe()
    ok(lifecycle.step("redisable"))


# Runs in the `inputs` boot, which does no CPU hotplug.
def test_enable_disable_10_times(inputs):
    step = inputs.step("cycles")
    cycles = step.lines("cycle")
    # "i enable-status enabled disable-status enabled" per cycle
    assert cycles == [f"{i} 0 1 0 0" for i in range(1, 11)], step.describe()
    ok(inputs.step("alive-after-cycles"))


# --- bad inputs are refused and change nothing ------------------------------

def assert_refused(boot, name, config, word):
    step = boot.step(name)
    assert step.rc != 0, step.describe()
    assert config in step.err and word in step.err, step.describe()
    assert step.value("enabled") == "0", step.describe()
    good = boot.step(name + "-good")
    ok(good)
    assert good.value("enabled") == "1", good.describe()
    ok(boot.step(name + "-undo"))


@pytest.mark.parametrize("name", BAD_SYSCONFIGS)
def test_bad_sysconfig_refused(inputs, name):
    assert_refused(inputs, "bad-" + name, f"{BAD}/{name}.cell", BAD_SYSCONFIGS[name])


def test_truncated_config_refused(inputs):
    assert_refused(inputs, "truncated", "/tmp/t.cell", "size")


def test_disable_while_disabled_refused(inputs):
    step = inputs.step("disable-disabled")
    assert step.rc != 0, step.describe()
    assert "not enabled" in step.err, step.describe()
    assert step.value("enabled") == "0", step.describe()


def test_enable_while_enabled_refused(inputs):
    ok(inputs.step("first-enable"))
    step = inputs.step("enable-enabled")
    assert step.rc != 0, step.describe()
    assert "already enabled" in step.err, step.describe()
    assert step.value("enabled") == "1", step.describe()
    # The running hypervisor is untouched: it still guards its memory ...
    devmem = inputs.step("devmem-enable-enabled")
    assert devmem.rc == SIGBUS_STATUS, devmem.describe()
    # ... and disables and enables normally afterwards.
    last = inputs.step("last-disable")
    ok(last)
    assert last.value("enabled") == "0", last.describe()
    again = inputs.step("enable-after-wrong-state")
    ok(again)
    assert again.value("enabled") == "1", again.describe()
    ok(inputs.step("disable-after-wrong-state"))


def test_config_check_good(inputs):
    step = inputs.step("check-good")
    assert step.rc == 0, step.describe()


@pytest.mark.parametrize("name", BAD_SYSCONFIGS)
def test_config_check_bad_sysconfig(inputs, name):
    step = inputs.step("check-" + name)
    assert step.rc == 1, step.describe()
    assert BAD_SYSCONFIGS[name] in step.out + step.err, step.describe()


@pytest.mark.parametrize("name", BAD_CELLCONFIGS)
def test_config_check_bad_cellconfig(inputs, name):
    step = inputs.step("check-" + name)
    assert step.rc == 1, step.describe()
    assert f"{name}.cell" in step.out + step.err, step.describe()


# --- after all of it ---------------------------------------------------------

@pytest.mark.parametrize("which", ["lifecycle", "inputs"])
def test_guest_script_completed(request, which):
    boot = request.getfixturevalue(which)
    assert boot.status == 0, boot.context()


@pytest.mark.parametrize("which", ["lifecycle", "inputs"])
def test_no_kernel_or_hypervisor_errors(request, which):
    boot = request.getfixturevalue(which)
    bad = fatal_lines(boot.output)
    assert not bad, "\n".join(bad) + "\n" + boot.context()
