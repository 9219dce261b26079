# SPDX-License-Identifier: GPL-2.0-only
"""Configs and memory at the trust boundary (issues 11, 18 and 19).

One boot: system configs with a wrong MPIDR, the GIC ITS, or Linux's RAM
left out of the root or mapped as a device refused at enable; cell configs whose comm region is loadable and points into the
hypervisor, whose RAM is the hypervisor's, Linux's or another cell's, with
an unbounded shutdown timeout, an out-of-range irqchip pin_base or a bus
master's registers (virtio-mmio), each
refused with an error naming the field or region and nothing changed; a
running cell's RAM unreadable from the root (SIGBUS); a cell's memory
cleared before the root or the next cell sees it (inmates/tests/memprobe.c
writes a pattern and reports what it found); and a `warden cell shutdown`
killed while it waits leaves the driver usable and the cell running.
Each guest step prints `@@step|kind|text` records (see scripts/lib.sh)."""
import re

import pytest

from conftest import boot_guest, fatal_lines

CFG = "/usr/share/warden/configs"
INM = "/usr/share/warden/inmates"
SIGBUS_STATUS = 135
PATTERN = "0x57415244454E2121"          # memprobe's "WARDEN!!", as devmem prints it
PROBE_PHYS = "0x708f0000"               # hello's RAM 0x70800000 + IPA 0xf0000

SCRIPT = r"""
. ./lib.sh
C=%(cfg)s
I=%(inm)s
# Records go to a file printed at the end: cells print on the same UART.
exec 3>&1 >>/tmp/records 2>&1
trap 'cat /tmp/records >&3' EXIT

# waitcon PATTERN [COUNT]: wait (up to 10 s) for COUNT console lines.
waitcon() {
	_n=0
	while [ "$(warden console | grep -cE "$1")" -lt "${2:-1}" ]; do
		[ $_n -ge 100 ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

# after STEP: what the kernel and the hypervisor said last, the cell list.
after() {
	record $1 log "$(dmesg | tail -n 4 | tr '\n' ';')"
	record $1 con "$(warden console | tail -n 3 | tr '\n' ';')"
	record $1 list "$(warden cell list 2>&1 | tr '\n' ';')"
}

# state NAME: sysfs state of cell NAME.
state() {
	for _d in /sys/devices/warden/cells/*; do
		[ "$(cat $_d/name 2>/dev/null)" = "$1" ] && cat $_d/state && return
	done
	echo "no such cell"
}

# --- system configs ----------------------------------------------------------
step enable-wrong-mpidr warden enable $C/bad/wrong-mpidr.cell
record enable-wrong-mpidr log "$(dmesg | tail -n 3 | tr '\n' ';')"
sysfs enable-wrong-mpidr enabled
for bad in root-misses-ram root-ram-as-io; do
	step enable-$bad warden enable $C/bad/$bad.cell
	record enable-$bad log "$(dmesg | tail -n 3 | tr '\n' ';')"
	sysfs enable-$bad enabled
done
step check-root-its warden config check $C/bad/root-its.cell
step enable-root-its warden enable $C/bad/root-its.cell
sysfs enable-root-its enabled

# --- cell configs --------------------------------------------------------------
for bad in comm-loadable cell-on-hv shutdown-timeout pin-base cell-virtio; do
	step check-$bad warden config check $C/qemu-virt.cell $C/bad/$bad.cell
done
step enable warden enable $C/qemu-virt.cell
for bad in comm-loadable cell-on-hv shutdown-timeout pin-base cell-virtio \
		cell-in-linux-ram; do
	step create-$bad warden cell create $C/bad/$bad.cell
	after create-$bad
done

# --- memory: another cell's, the root's view, the next owner's ---------------
step hello-create warden cell create $C/qemu-virt-hello.cell
step create-on-hello warden cell create $C/bad/cell-on-hello.cell
after create-on-hello
step probe1-load warden cell load hello $I/memprobe.bin
step probe1-start warden cell start hello
waitcon 'memprobe: wrote'
record probe1-start waited $?
step devmem-running devmem %(probe)s 64
step probe1-shutdown warden cell shutdown hello
# Loading again gives the root the loadable RAM back: cleared first.
step probe2-load warden cell load hello $I/memprobe.bin
step devmem-reloaded devmem %(probe)s 64
step probe2-start warden cell start hello
waitcon 'memprobe: wrote' 2
record probe2-start waited $?
step probe2-shutdown warden cell shutdown hello
t0=$(cut -d' ' -f1 /proc/uptime)
step probe2-destroy warden cell destroy hello
record probe2-destroy seconds "$t0 $(cut -d' ' -f1 /proc/uptime)"
step devmem-destroyed devmem %(probe)s 64
step probe3-create warden cell create $C/qemu-virt-hello.cell
step probe3-load warden cell load hello $I/memprobe.bin
step probe3-start warden cell start hello
waitcon 'memprobe: wrote' 3
record probe3-start waited $?
record probes found "$(warden console | grep -o 'memprobe: found .*' | tr '\n' ';')"
step probe3-destroy warden cell destroy hello

# --- a shutdown wait killed halfway ------------------------------------------
step patient-create warden cell create $C/qemu-virt-patient.cell
step patient-load warden cell load patient $I/silent.bin
step patient-start warden cell start patient
waitcon 'silent: cell "patient"'
record patient-start waited $?
warden cell shutdown patient >/tmp/sd.log 2>&1 &
sd=$!
# Wait (<= 10 s) until it sleeps in the shutdown ioctl (arm64 syscall 29).
n=0
while [ "$(cut -d' ' -f1 /proc/$sd/syscall 2>/dev/null)" != 29 ] && [ $n -lt 200 ]; do
	sleep 0.05
	n=$((n + 1))
done
record kill syscall "$(cut -d' ' -f1 /proc/$sd/syscall 2>&1)"
kill -9 $sd
wait $sd
record kill rc $?
record kill state "$(state patient)"
step kill-list warden cell list
step patient-destroy warden cell destroy patient
after patient-destroy

# --- everything still works --------------------------------------------------
step hello-again-create warden cell create $C/qemu-virt-hello.cell
step hello-again-load warden cell load hello $I/hello.bin
step hello-again-start warden cell start hello
waitcon 'hello: tick 1$'
record hello-again-start waited $?
step hello-again-destroy warden cell destroy hello
step disable warden disable
exit 0
""" % {"cfg": CFG, "inm": INM, "probe": PROBE_PHYS}


@pytest.fixture(scope="module")
def holes():
    return boot_guest(SCRIPT, timeout=240)


def ok(step):
    assert step.rc == 0, step.describe()


def refused(step, *words):
    """Refused with exit status 1 and every word in what the user can see."""
    assert step.rc == 1, step.describe()
    seen = "\n".join((step.err, step.out, step.text("log"), step.text("con")))
    for word in words:
        assert word in seen, f"{word!r} not said\n" + step.describe()


def test_boot_clean(holes):
    assert holes.status == 0, holes.context()
    assert fatal_lines(holes.output) == [], holes.context()
    # No synchronous external abort, no unhandled trap in the root.
    assert "SError" not in holes.output and "unhandled trap" not in holes.output


def test_wrong_mpidr_refused(holes):
    step = holes.step("enable-wrong-mpidr")
    refused(step, "CPU 3 (MPIDR 0x3) is not in the system config's CPU list")
    assert step.value("enabled") == "0", step.describe()


ROOT_RAM_REFUSALS = {
    "root-misses-ram": "System RAM [mem 0x40000000-0x6fffffff] is not all in "
                       "the root cell's RAM regions",
    "root-ram-as-io": "root cell memory region 0 (0x40000000+0x30000000) is "
                      "device memory but Linux's System RAM",
}


@pytest.mark.parametrize("name", sorted(ROOT_RAM_REFUSALS))
def test_root_config_keeps_linux_ram(holes, name):
    step = holes.step("enable-" + name)
    refused(step, ROOT_RAM_REFUSALS[name])
    assert step.value("enabled") == "0", step.describe()


def test_root_its_refused(holes):
    step = holes.step("check-root-its")
    refused(step, "root_cell.memory[3]", "where the ITS is a bus master")
    step = holes.step("enable-root-its")
    refused(step, "root_cell.memory[3]", "ITS")
    assert step.value("enabled") == "0", step.describe()


CELL_REFUSALS = {
    # config: words the refusal must contain
    "comm-loadable": ("memory[1].phys_start", "memory[1].flags",
                      "a comm region has no phys_start"),
    "cell-on-hv": ("memory[0]", "overlaps hypervisor_memory"),
    "shutdown-timeout": ("shutdown_timeout_ms", "longer than 60000 ms"),
    "pin-base": ("irqchips[0].pin_base", "beyond the last SPI"),
    "cell-virtio": ("memory[1]", "a bus master's registers"),
}


@pytest.mark.parametrize("name", sorted(CELL_REFUSALS))
def test_bad_cell_config(holes, name):
    refused(holes.step("check-" + name), *CELL_REFUSALS[name])
    step = holes.step("create-" + name)
    refused(step, *CELL_REFUSALS[name])
    assert step.value("list").count(";") == 2, step.describe()  # header + root


def test_cell_in_linux_ram_refused(holes):
    step = holes.step("create-cell-in-linux-ram")
    refused(step, 'cell "hello": memory region 0 (0x60000000+0x100000) '
                  "is RAM Linux uses")
    assert "hello" not in step.value("list"), step.describe()


def test_cell_on_another_cells_ram_refused(holes):
    ok(holes.step("hello-create"))
    step = holes.step("create-on-hello")
    refused(step, 'memory region 0 (0x70800000+0x100000) belongs to cell "hello"')
    assert "on-hello" not in step.value("list"), step.describe()


def test_running_cells_ram_gives_sigbus(holes):
    assert holes.step("probe1-start").value("waited") == "0"
    step = holes.step("devmem-running")
    assert step.rc == SIGBUS_STATUS, step.describe()
    assert "Bus error" in step.err, step.describe()


@pytest.mark.parametrize("when", ["reloaded", "destroyed"])
def test_root_reads_zeros(holes, when):
    step = holes.step("devmem-" + when)
    ok(step)
    assert step.out == "0x0000000000000000", step.describe()


def test_next_run_finds_zeros(holes):
    for n in (2, 3):
        assert holes.step(f"probe{n}-start").value("waited") == "0"
    found = holes.step("probes").value("found").rstrip(";").split(";")
    assert found == ["memprobe: found 0x0 at 0xf0000, 0 nonzero words"] * 3, found


def test_killed_shutdown_leaves_driver_usable(holes):
    assert holes.step("patient-start").value("waited") == "0"
    step = holes.step("kill")
    assert step.value("syscall") == "29", step.describe()
    assert step.value("rc") == "137", step.describe()    # SIGKILL
    assert step.value("state") == "running", step.describe()
    list_step = holes.step("kill-list")
    ok(list_step)
    assert re.search(r"patient\s.*running", list_step.out), list_step.describe()
    ok(holes.step("patient-destroy"))


def test_later_commands_work(holes):
    for name in ("hello-again-create", "hello-again-load", "hello-again-start",
                 "hello-again-destroy", "disable"):
        ok(holes.step(name))
    assert holes.step("hello-again-start").value("waited") == "0"


# --- a board with a GIC ITS -------------------------------------------------
ITS_SCRIPT = r"""
. ./lib.sh
C=%(cfg)s
I=%(inm)s
step enable warden enable $C/qemu-virt.cell
record enable log "$(dmesg | tail -n 2 | tr '\n' ';')"
sysfs enable enabled
if [ "$(cat /sys/devices/warden/enabled)" = 1 ]; then
	step create warden cell create $C/qemu-virt-hello.cell
	step load warden cell load hello $I/hello.bin
	step start warden cell start hello
	# Destroy brings CPU 1 back to Linux: its GIC set-up runs again.
	step destroy warden cell destroy hello
	record destroy online "$(cat /sys/devices/system/cpu/online)"
	step disable warden disable
fi
exit 0
""" % {"cfg": CFG, "inm": INM}


def test_its_driven_by_linux_refused():
    """Linux drives the ITS (LPIs on): enable is refused, saying what to do
    (on the old code enable succeeded and Linux panicked in its_cpu_init
    when the cell's CPU came back)."""
    boot = boot_guest(ITS_SCRIPT, timeout=120, qemu_args=("--its",))
    assert boot.status == 0, boot.context()
    step = boot.step("enable")
    refused(step, "Linux drives the GIC ITS [mem 0x08080000-0x0809ffff]",
            "irqchip.gicv3_nolpi=1")
    assert step.value("enabled") == "0", step.describe()
    assert fatal_lines(boot.output) == [], boot.context()


def test_its_with_lpis_off_works():
    """The same board with Linux told to use no LPIs: cells come and go."""
    boot = boot_guest(ITS_SCRIPT, timeout=120, qemu_args=(
        "--its", "--append", "irqchip.gicv3_nolpi=1"))
    assert boot.status == 0, boot.context()
    for name in ("enable", "create", "load", "start", "destroy", "disable"):
        ok(boot.step(name))
    assert boot.step("destroy").value("online") == "0-3"
    assert fatal_lines(boot.output) == [], boot.context()
