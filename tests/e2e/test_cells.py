# SPDX-License-Identifier: GPL-2.0-only
"""Cell lifecycle on the QEMU board: cells run next to the root Linux and
next to each other, a faulting cell ends FAILED without harming anybody
else, the shutdown protocol (approved, denied, timed out), 50
create/start/destroy cycles leak nothing, and every bad request is
refused with a clear error and changes nothing.

Two boots serve the whole module: `cells` (two cells at once, faults,
shutdown, SMP) and `inputs` (bad requests, then the 50 cycles).
Each guest step prints `@@step|kind|text` records (see scripts/lib.sh)."""
import re

import pytest

from conftest import boot_guest, fatal_lines

CFG = "/usr/share/warden/configs"
INM = "/usr/share/warden/inmates"
COUNTERS = ("total", "hypercall", "mmio", "psci", "smccc", "sysreg", "irq",
            "maintenance", "other")
CYCLES = 50
FAILED = re.compile(r'Cell "fault" FAILED: CPU 3: (read|write) outside its '
                    r'memory at IPA \((0x[0-9a-f]+), (0x[0-9a-f]+)\)')
LATENCY = re.compile(r"gic-demo: latency min (\d+) avg (\d+) max (\d+) ns "
                     r"\((\d+) irqs\)")

# Helpers shared by both guest scripts. The records go to a file that is
# printed when the script ends: the hypervisor writes to the same UART at
# any time (cells print while the script runs), and a record line broken by
# its output would be lost.
COMMON = r"""
. ./lib.sh
C=%(cfg)s
I=%(inm)s
exec 3>&1 >>/tmp/records 2>&1
trap 'cat /tmp/records >&3' EXIT

# snap STEP: the cell list (rows joined by ';'), Linux's online CPUs and
# the hypervisor's memory pool use, as records of STEP.
snap() {
	record $1 list "$(warden cell list 2>&1 | tr '\n' ';')"
	record $1 online "$(cat /sys/devices/system/cpu/online)"
	sysfs $1 mem_pool_used
}

# cellsys STEP NAME: the sysfs attributes of cell NAME as records of STEP.
cellsys() {
	for _d in /sys/devices/warden/cells/*; do
		[ "$(cat $_d/name 2>/dev/null)" = "$2" ] || continue
		for _a in id state cpus_assigned_list cpus_failed_list shutdown_result; do
			record $1 $_a "$(cat $_d/$_a 2>&1)"
		done
		return 0
	done
	record $1 state "no such cell in sysfs"
}

# celldir NAME: print the sysfs directory of cell NAME (nothing if none).
celldir() {
	for _d in /sys/devices/warden/cells/*; do
		[ "$(cat $_d/name 2>/dev/null)" = "$1" ] && echo $_d && return 0
	done
	return 1
}

# counter NAME CPU COUNTER: one exit counter of cell NAME (0 if none).
counter() {
	cat "$(celldir $1)/cpus/cpu$2/statistics/$3" 2>/dev/null || echo 0
}

# waitstate NAME STATE: wait (up to 5 s) for cell NAME's sysfs state.
waitstate() {
	_n=0
	while [ $_n -lt 50 ]; do
		for _d in /sys/devices/warden/cells/*; do
			[ "$(cat $_d/name 2>/dev/null)" = "$1" ] &&
				[ "$(cat $_d/state 2>/dev/null)" = "$2" ] && return 0
		done
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# waitcon PATTERN [COUNT]: wait (up to 5 s) until the hypervisor console
# ring holds COUNT (default 1) lines matching the extended regex PATTERN.
waitcon() {
	_n=0
	while [ "$(warden console | grep -cE "$1")" -lt "${2:-1}" ]; do
		[ $_n -ge 50 ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

# run_cell STEP CONFIG NAME IMAGE [LOAD ARGS...]: create, load and start.
# (lib.sh's step() uses _name and _rc: other names here.)
run_cell() {
	rc_step=$1 rc_cfg=$2 rc_cell=$3 rc_img=$4
	shift 4
	step $rc_step-create warden cell create $C/$rc_cfg.cell
	step $rc_step-load warden cell load $rc_cell $I/$rc_img.bin "$@"
	step $rc_step-start warden cell start $rc_cell
}

uptime() { cut -d' ' -f1 /proc/uptime; }
"""

CELLS = (COMMON + r"""
step enable warden enable $C/qemu-virt.cell
snap enable

# --- two cells at once -----------------------------------------------------
run_cell hello qemu-virt-hello hello hello
run_cell gic qemu-virt-gic-demo gic-demo gic-demo
waitcon 'hello: tick 1$'
waitcon 'gic-demo: latency'
step two-stats1-hello warden cell stats hello -n
step two-stats1-gic warden cell stats gic-demo -n
waitcon 'hello: tick 3$'
step two-stats2-hello warden cell stats hello -n
step two-stats2-gic warden cell stats gic-demo -n
step two-list warden cell list
snap two-list
cellsys two-hello hello
cellsys two-gic gic-demo
step two-console warden console
step two-root-runs sh -c 'echo $((6 * 7)); taskset -c 0 echo cpu0; taskset -c 3 echo cpu3'

# --- a faulting cell next to them ------------------------------------------
# fault-root: reads root Linux's RAM at 0x40000000, while hello and
# gic-demo run; the others run alone.
fault_run() {  # TAG PARAM (PARAM empty: the inmate's default, 0x40000000)
	if [ -n "$2" ]; then
		run_cell fault-$1 qemu-virt-fault fault fault -s "$2@0xff000"
	else
		run_cell fault-$1 qemu-virt-fault fault fault
	fi
	waitstate fault failed
	record fault-$1 waited $?
	# This run's lines from the fault cell in the console ring.
	record fault-$1 con "$(warden console | grep -E '^(fault: |Cell "fault")' | tail -n 2 | tr '\n' ';')"
	snap fault-$1
	cellsys fault-$1 fault
}
fault_destroy() {  # TAG
	step fault-$1-destroy warden cell destroy fault
	snap fault-$1-destroy
	step fault-$1-cpu3 taskset -c 3 echo cpu3-back
}

fault_run root ""
ticks=$(warden console | grep -c 'hello: tick')
record fault-root ticks-before $ticks
step fault-root-stats1 warden cell stats hello -n
step fault-root-shell sh -c 'echo $((6 * 7)); dd if=/dev/zero bs=64k count=64 2>/dev/null | md5sum | cut -c1-32; taskset -c 0 echo cpu0'
waitcon 'hello: tick' $((ticks + 2))
record fault-root waited-ticks $?
step fault-root-stats2 warden cell stats hello -n
step fault-root-list warden cell list
step fault-root-shutdown warden cell shutdown fault
cellsys fault-root-shutdown fault
fault_destroy root
step fault-root-console warden console

fault_run hv 0x70000000
fault_destroy hv
fault_run other-cell 0x70800000
fault_destroy other-cell
fault_run write-root w0x40000000
fault_destroy write-root
fault_run write-hv w0x70000000
fault_destroy write-hv
step fault-console warden console

# --- shutdown: approved, denied, timed out ---------------------------------
step shutdown-hello warden cell shutdown hello
cellsys shutdown-hello hello
snap shutdown-hello
step shutdown-hello-destroy warden cell destroy hello
step shutdown-gic warden cell shutdown gic-demo
cellsys shutdown-gic gic-demo
step shutdown-gic-destroy warden cell destroy gic-demo
snap after-two
step shutdown-console warden console

run_cell busy qemu-virt-hello hello comm-demo -s busy@0xff000
waitcon 'comm-demo: cell "hello" on CPU 1, busy'
step busy-shutdown warden cell shutdown hello
cellsys busy-shutdown hello
snap busy-shutdown
step busy-destroy warden cell destroy hello
snap busy-destroy
step busy-console warden console

run_cell silent qemu-virt-silent silent silent
waitcon 'silent: cell "silent"'
t0=$(uptime)
step silent-shutdown warden cell shutdown silent
t1=$(uptime)
record silent-shutdown seconds "$t0 $t1"
cellsys silent-shutdown silent
snap silent-shutdown
step silent-destroy warden cell destroy silent
snap silent-destroy

# --- SMP cell --------------------------------------------------------------
run_cell smp qemu-virt-smp-demo smp-demo smp-demo
waitcon 'smp-demo: [0-9]+ CPUs up'
cellsys smp smp-demo
snap smp
record smp psci2 "$(counter smp-demo 2 psci)"
record smp psci3 "$(counter smp-demo 3 psci)"
step smp-console warden console
step smp-shutdown warden cell shutdown smp-demo
step smp-destroy warden cell destroy smp-demo
snap final
step disable warden disable
exit 0
""") % {"cfg": CFG, "inm": INM}

BAD_CONFIGS = {
    # config: (its cell name, what the reason must mention)
    "cell-foreign-cpu": ("hello", "cpu"),
    "cell-cpu0": ("hello", "cpu 0"),
    "cell-foreign-mem": ("hello", "memory"),
    "cell-foreign-irq": ("foreign-irq", "interrupt"),
}

NOSUCH_OPS = {
    "start": "warden cell start {c}",
    "destroy": "warden cell destroy {c}",
    "shutdown": "warden cell shutdown {c}",
    "load": "warden cell load {c} /usr/share/warden/inmates/hello.bin",
    "stats": "warden cell stats {c} -n",
}

INPUTS = (COMMON + r"""
# refused STEP CMD...: a request that must fail and change nothing. The
# last kernel and hypervisor log lines are kept: the reason may be there.
refused() {
	rf_step=$1
	shift
	snap $rf_step-before
	step $rf_step "$@"
	snap $rf_step
	record $rf_step log "$(dmesg | tail -n 3 | tr '\n' ';')"
	record $rf_step con "$(warden console | tail -n 2 | tr '\n' ';')"
}

step enable warden enable $C/qemu-virt.cell
snap enable

for bad in %(bad)s; do
	refused bad-$bad warden cell create $C/bad/$bad.cell
done

# An SPI that another cell holds.
step spi-owner-create warden cell create $C/qemu-virt-spi-owner.cell
refused irq-taken warden cell create $C/bad/cell-irq-taken.cell
step spi-owner-destroy warden cell destroy spi-owner

# hello and gic-demo are created, not started: a running cell cannot be
# loaded at all, and the loads below must fail for their addresses.
step hello-create warden cell create $C/qemu-virt-hello.cell
step gic-create warden cell create $C/qemu-virt-gic-demo.cell
refused duplicate warden cell create $C/qemu-virt-hello.cell
refused cpu-taken warden cell create $C/qemu-virt-smp-demo.cell
refused load-outside warden cell load hello $I/hello.bin@0x200000
head -c 1048577 /dev/zero > /tmp/big.bin
refused load-too-big warden cell load hello /tmp/big.bin
refused load-across-end warden cell load hello $I/hello.bin@0xffe00
refused load-string-outside warden cell load hello -s busy@0x100000
for c in nosuch 9; do
%(nosuch)s
done
refused destroy-root warden cell destroy 0
refused destroy-root-name warden cell destroy qemu-virt
refused disable-with-cells warden disable
step after-refusals-hello-load warden cell load hello $I/hello.bin
step after-refusals-hello warden cell start hello
waitcon 'hello: tick 1$'
record after-refusals-hello waited $?
step after-refusals-gic-load warden cell load gic-demo $I/gic-demo.bin
step after-refusals-gic-start warden cell start gic-demo
waitcon 'gic-demo: latency'
record after-refusals-gic-start waited $?
step cleanup-hello warden cell destroy hello
step cleanup-gic warden cell destroy gic-demo
snap cleanup

# --- create/start/destroy cycles -------------------------------------------
snap cycles-before
i=1
while [ $i -le %(cycles)d ]; do
	warden cell create $C/qemu-virt-hello.cell >/tmp/c.log 2>&1; c=$?
	warden cell load hello $I/hello.bin >>/tmp/c.log 2>&1; l=$?
	warden cell start hello >>/tmp/c.log 2>&1; s=$?
	# Wait (<= 2 s) until the inmate has printed its greeting: one
	# debug-console hypercall per character of
	# 'Hello from Warden cell "hello" on CPU 1\n' (40).
	n=0
	while :; do
		[ "$(counter hello 1 hypercall)" -ge 40 ]
		g=$?
		[ $g = 0 ] || [ $n -ge 200 ] && break
		sleep 0.01
		n=$((n + 1))
	done
	warden cell destroy hello >>/tmp/c.log 2>&1; d=$?
	record cycles cycle "$i $c $l $s $g $d"
	[ "$c$l$s$g$d" = 00000 ] || sed 's/^/@@cycles|log|/' /tmp/c.log
	i=$((i + 1))
done
snap cycles-after
step disable warden disable
exit 0
""") % {"cfg": CFG, "inm": INM, "bad": " ".join(BAD_CONFIGS),
       "cycles": CYCLES,
       "nosuch": "\n".join(f"\trefused nosuch-{op}-$c {cmd.format(c='$c')}"
                           for op, cmd in NOSUCH_OPS.items())}


@pytest.fixture(scope="module")
def cells():
    return boot_guest(CELLS, timeout=150)


@pytest.fixture(scope="module")
def inputs():
    return boot_guest(INPUTS, timeout=150)


def ok(step):
    assert step.rc == 0, step.describe()


def list_rows(text, sep=";"):
    """`warden cell list` output (rows joined by sep) as {name: (id, state,
    assigned, failed)}; the header row is checked and left out."""
    rows = [r for r in text.split(sep) if r.strip()]
    assert rows and re.split(r"\s{2,}", rows[0].strip()) == [
        "ID", "Name", "State", "Assigned CPUs", "Failed CPUs"], text
    table = {}
    for row in rows[1:]:
        cols = re.split(r"\s{2,}", row.strip()) + [""]
        table[cols[1]] = (cols[0], cols[2], cols[3], cols[4])
    return table


def snap_rows(step):
    return list_rows(step.value("list"))


def stats(step):
    """`warden cell stats -n` output as {counter: [per CPU..., total]}."""
    ok(step)
    table = {}
    for line in step.lines("out"):
        parts = line.split()
        if parts and parts[0] in COUNTERS and all(p.isdigit() for p in parts[1:]):
            table[parts[0]] = [int(p) for p in parts[1:]]
    assert set(table) == set(COUNTERS), step.describe()
    return table


def ticks(text):
    return [int(n) for n in re.findall(r"^hello: tick (\d+)\r?$", text, re.M)]


# --- two cells at once -------------------------------------------------------

@pytest.mark.parametrize("name", ["hello", "gic"])
def test_two_cells_create_load_start(cells, name):
    ok(cells.step("enable"))
    for what in ("create", "load", "start"):
        ok(cells.step(f"{name}-{what}"))


def test_two_cells_print_on_the_uart(cells):
    # Linux's own console output may break a line here and there.
    assert len(ticks(cells.output)) >= 2, cells.context()
    assert LATENCY.search(cells.output), cells.context()


def test_two_cells_print_in_warden_console(cells):
    step = cells.step("two-console")
    ok(step)
    # (The demos' own lines are checked one by one in test_inmates.py.)
    seen = ticks(step.out)
    assert len(seen) >= 2 and seen == sorted(seen), step.describe()
    assert LATENCY.search(step.out), step.describe()
    assert 'Created cell "hello" (id 1): CPUs 0x2' in step.out, step.describe()
    assert 'Created cell "gic-demo" (id 2): CPUs 0x4' in step.out, step.describe()


def test_two_cells_list(cells):
    step = cells.step("two-list")
    ok(step)
    table = list_rows("\n".join(step.lines("out")), "\n")
    assert table == {
        "qemu-virt": ("0", "running", "0,3", ""),
        "hello": ("1", "running", "1", ""),
        "gic-demo": ("2", "running", "2", ""),
    }, step.describe()


@pytest.mark.parametrize("step_name,cell", [("two-hello", ("1", "hello", "1")),
                                            ("two-gic", ("2", "gic-demo", "2"))])
def test_two_cells_sysfs(cells, step_name, cell):
    step = cells.step(step_name)
    cell_id, _, cpus = cell
    assert step.value("id") == cell_id, step.describe()
    assert step.value("state") == "running", step.describe()
    assert step.value("cpus_assigned_list") == cpus, step.describe()
    assert step.value("cpus_failed_list") == "", step.describe()


def test_two_cells_linux_cpus_offline(cells):
    step = cells.step("two-list")
    assert step.value("online") == "0,3", step.describe()
    assert cells.step("enable").value("online") == "0-3"


def test_two_cells_root_still_runs_on_its_cpus(cells):
    step = cells.step("two-root-runs")
    ok(step)
    assert step.lines("out") == ["42", "cpu0", "cpu3"], step.describe()


def test_stats_hello_hypercalls_grow(cells):
    # hello prints through the debug-console hypercall: one per tick.
    a = stats(cells.step("two-stats1-hello"))
    b = stats(cells.step("two-stats2-hello"))
    assert len(a["total"]) == 2, "one CPU column and the total"
    assert b["hypercall"][-1] > a["hypercall"][-1] > 0, (a, b)
    assert b["total"][-1] > a["total"][-1], (a, b)
    assert b["total"][-1] >= sum(b[c][-1] for c in COUNTERS[1:]), b


def test_stats_gic_demo_counters_grow(cells):
    # gic-demo prints its latency report once a second. (Its timer
    # interrupts go straight to the cell: they are no exits.)
    a = stats(cells.step("two-stats1-gic"))
    b = stats(cells.step("two-stats2-gic"))
    assert b["hypercall"][-1] > a["hypercall"][-1] > 0, (a, b)
    assert b["total"][-1] > a["total"][-1], (a, b)


def test_stats_header_names_the_cell_and_cpu(cells):
    step = cells.step("two-stats1-gic")
    assert step.lines("out")[0] == "Cell gic-demo, CPUs 2", step.describe()


# --- a faulting cell ---------------------------------------------------------

FAULTS = {
    # tag: (access, IPA); hello's RAM is at 0x70800000
    "root": ("read", "0x40000000"),
    "hv": ("read", "0x70000000"),
    "other-cell": ("read", "0x70800000"),
    "write-root": ("write", "0x40000000"),
    "write-hv": ("write", "0x70000000"),
}
VERB = {"read": "reading", "write": "writing"}


@pytest.mark.parametrize("tag", FAULTS)
def test_fault_cell_ends_failed(cells, tag):
    for what in ("create", "load", "start"):
        ok(cells.step(f"fault-{tag}-{what}"))
    step = cells.step(f"fault-{tag}")
    assert step.value("waited") == "0", "state never became failed\n" + step.describe()
    assert step.value("state") == "failed", step.describe()
    assert step.value("cpus_failed_list") == "3", step.describe()
    assert step.value("cpus_assigned_list") == "3", step.describe()


@pytest.mark.parametrize("tag", FAULTS)
def test_fault_reason_on_console(cells, tag):
    access, ipa = FAULTS[tag]
    step = cells.step(f"fault-{tag}")
    greeting, failed = (step.value("con").split(";") + ["", ""])[:2]
    assert greeting == f'fault: cell "fault" on CPU 3 {VERB[access]} {ipa}', step.describe()
    m = FAILED.fullmatch(failed)
    assert m, step.describe()
    assert (m.group(1), m.group(2)) == (access, ipa), step.describe()
    # The UART has it too.
    assert failed in cells.output


@pytest.mark.parametrize("tag", FAULTS)
def test_fault_access_never_returns(cells, tag):
    # The inmate prints a line after the access only if the hypervisor let
    # it through: the last line of this run must be the failure.
    step = cells.step(f"fault-{tag}")
    last = step.value("con").split(";")[-2]
    assert FAILED.fullmatch(last), step.describe()


def test_fault_never_returns_anywhere(cells):
    for text in (cells.output, cells.step("fault-console").out):
        assert "fault: read returned" not in text
        assert "fault: write to" not in text
        assert "fault: shutdown approved" not in text


def test_fault_cell_list_shows_failed_cpu(cells):
    table = snap_rows(cells.step("fault-root"))
    assert table["fault"][1:] == ("failed", "3", "3"), table
    assert table["hello"][1:] == ("running", "1", ""), table
    assert table["gic-demo"][1:] == ("running", "2", ""), table
    assert table["qemu-virt"][1:] == ("running", "0", ""), table
    step = cells.step("fault-root-list")
    ok(step)
    assert list_rows("\n".join(step.lines("out")), "\n") == table, step.describe()


def test_fault_other_cells_keep_running(cells):
    step = cells.step("fault-root")
    assert step.value("waited-ticks") == "0", (
        "hello stopped ticking after the fault\n" + step.describe())
    a = stats(cells.step("fault-root-stats1"))
    b = stats(cells.step("fault-root-stats2"))
    assert b["hypercall"][-1] > a["hypercall"][-1], (a, b)
    # In the console ring: hello ticks and gic-demo reports after the failure.
    ring = cells.step("fault-root-console")
    ok(ring)
    text = ring.out[ring.out.rfind('Cell "fault" FAILED'):]
    assert 'Cell "fault" FAILED' in ring.out, ring.describe()
    assert len(ticks(text)) >= 2, ring.describe()
    assert LATENCY.search(text), ring.describe()


def test_fault_root_keeps_working(cells):
    step = cells.step("fault-root-shell")
    ok(step)
    lines = step.lines("out")
    assert lines[0] == "42" and lines[2] == "cpu0", step.describe()
    assert re.fullmatch(r"[0-9a-f]{32}", lines[1]), step.describe()


def test_fault_shutdown_of_failed_cell(cells):
    # Nothing can answer in a failed cell: refused, and it stays failed.
    step = cells.step("fault-root-shutdown")
    assert step.rc != 0, step.describe()
    assert step.err, step.describe()
    assert step.value("state") == "failed", step.describe()


@pytest.mark.parametrize("tag", FAULTS)
def test_fault_destroy_gives_cpu_back(cells, tag):
    step = cells.step(f"fault-{tag}-destroy")
    ok(step)
    table = snap_rows(step)
    assert "fault" not in table, table
    assert step.value("online") == "0,3", step.describe()
    assert table["qemu-virt"][1:] == ("running", "0,3", ""), table
    back = cells.step(f"fault-{tag}-cpu3")
    ok(back)
    assert back.out == "cpu3-back", back.describe()


def test_fault_console_ring(cells):
    step = cells.step("fault-console")
    ok(step)
    reasons = [(m.group(1), m.group(2)) for m in FAILED.finditer(step.out)]
    assert reasons == list(FAULTS.values()), step.describe()
    assert step.out.count('Destroyed cell "fault"') == len(FAULTS), step.describe()


# --- shutdown ----------------------------------------------------------------

def test_shutdown_approved(cells):
    step = cells.step("shutdown-hello")
    ok(step)
    assert step.out == "cell hello: shut down (approved)", step.describe()
    assert step.value("state") == "shut down", step.describe()
    assert step.value("shutdown_result") == "approved", step.describe()
    assert snap_rows(step)["hello"][1:] == ("shut down", "1", ""), step.describe()
    ring = cells.step("shutdown-console")
    assert "hello: shutdown approved" in ring.out, ring.describe()
    assert 'Cell "hello" shut down' in ring.out, ring.describe()


def test_shutdown_approved_gic_demo(cells):
    step = cells.step("shutdown-gic")
    ok(step)
    assert "approved" in step.out, step.describe()
    assert step.value("state") == "shut down", step.describe()


def test_destroy_after_shutdown_gives_cpus_back(cells):
    ok(cells.step("shutdown-hello-destroy"))
    ok(cells.step("shutdown-gic-destroy"))
    step = cells.step("after-two")
    assert step.value("online") == "0-3", step.describe()
    assert snap_rows(step) == {"qemu-virt": ("0", "running", "0-3", "")}, step.describe()


def test_shutdown_denied(cells):
    for what in ("create", "load", "start"):
        ok(cells.step(f"busy-{what}"))
    step = cells.step("busy-shutdown")
    assert step.rc == 1, step.describe()
    assert "denied" in step.out + step.err, step.describe()
    assert step.value("state") == "running", step.describe()
    assert step.value("shutdown_result") == "denied", step.describe()
    assert snap_rows(step)["hello"][1:] == ("running", "1", ""), step.describe()
    ring = cells.step("busy-console")
    assert "comm-demo: shutdown denied (busy)" in ring.out, ring.describe()


def test_shutdown_denied_then_destroy(cells):
    step = cells.step("busy-destroy")
    ok(step)
    assert "hello" not in snap_rows(step), step.describe()
    assert step.value("online") == "0-3", step.describe()


def test_shutdown_timed_out(cells):
    for what in ("create", "load", "start"):
        ok(cells.step(f"silent-{what}"))
    step = cells.step("silent-shutdown")
    assert "timed out" in step.out + step.err, step.describe()
    assert step.value("state") == "shut down", step.describe()
    assert "time" in step.value("shutdown_result"), step.describe()
    assert snap_rows(step)["silent"][1:] == ("shut down", "2", ""), step.describe()


def test_shutdown_timeout_is_the_configs(cells):
    # qemu-virt-silent.c: shutdown_timeout_ms = 500 (the default is longer).
    step = cells.step("silent-shutdown")
    t0, t1 = (float(x) for x in step.value("seconds").split())
    assert 0.45 <= t1 - t0 <= 1.8, step.describe()


def test_shutdown_timed_out_then_destroy(cells):
    step = cells.step("silent-destroy")
    ok(step)
    assert "silent" not in snap_rows(step), step.describe()
    assert step.value("online") == "0-3", step.describe()


# --- SMP cell ----------------------------------------------------------------

def test_smp_cell_brings_up_second_cpu(cells):
    for what in ("create", "load", "start"):
        ok(cells.step(f"smp-{what}"))
    step = cells.step("smp-console")
    ok(step)
    lines = [l for l in step.lines("out") if l.startswith("smp-demo:")]
    assert lines == ["smp-demo: CPU 2 (mpidr 0x2) reporting in",
                     "smp-demo: CPU 3 (mpidr 0x3) reporting in",
                     "smp-demo: 2 CPUs up"], step.describe()


def test_smp_cell_state_and_cpus(cells):
    step = cells.step("smp")
    assert step.value("state") == "running", step.describe()
    assert step.value("cpus_assigned_list") == "2-3", step.describe()
    assert step.value("online") == "0-1", step.describe()


def test_smp_cell_cpu_on_is_a_psci_call(cells):
    step = cells.step("smp")
    # CPU 2 started CPU 3 with PSCI CPU_ON.
    assert int(step.value("psci2")) >= 1, step.describe()


def test_smp_cell_shutdown_and_destroy(cells):
    step = cells.step("smp-shutdown")
    ok(step)
    assert "approved" in step.out, step.describe()
    ok(cells.step("smp-destroy"))


def test_everything_back_at_the_end(cells):
    step = cells.step("final")
    assert step.value("online") == "0-3", step.describe()
    assert snap_rows(step) == {"qemu-virt": ("0", "running", "0-3", "")}, step.describe()
    assert step.value("mem_pool_used") == cells.step("enable").value("mem_pool_used")
    ok(cells.step("disable"))


# --- bad requests: refused, clear error, nothing changed ---------------------

def assert_refused(boot, name, err_words=(), reason=None):
    """The request failed with a message on stderr holding err_words, the
    reason (if given) is in that message or in the kernel or hypervisor
    log lines it left, and the cell list, Linux's CPUs and the hypervisor's
    memory pool are as they were before it."""
    step = boot.step(name)
    before = boot.step(name + "-before")
    assert step.rc != 0, step.describe()
    assert step.err.strip(), "no error message on stderr\n" + step.describe()
    err = step.err.lower()
    for word in err_words:
        assert word.lower() in err, f"{word!r} not in the message\n" + step.describe()
    if reason:
        logs = " ".join([err, step.value("log"), step.value("con")]).lower()
        assert reason.lower() in logs, (
            f"reason {reason!r} neither on stderr nor in the logs\n" + step.describe())
    for kind in ("list", "online", "mem_pool_used"):
        assert step.value(kind) == before.value(kind), (
            f"{kind} changed\n" + step.describe())
    return step


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_bad_config_refused(inputs, name):
    ok(inputs.step("enable"))
    cell, reason = BAD_CONFIGS[name]
    step = assert_refused(inputs, "bad-" + name, reason=reason)
    assert cell not in snap_rows(step), step.describe()


def test_irq_of_another_cell_refused(inputs):
    ok(inputs.step("spi-owner-create"))
    step = assert_refused(inputs, "irq-taken", reason="irq 40")
    assert "irq-taken" not in snap_rows(step), step.describe()
    # Created, never started.
    assert snap_rows(step)["spi-owner"][1:] == ("shut down", "3", ""), step.describe()
    ok(inputs.step("spi-owner-destroy"))


def test_duplicate_name_refused(inputs):
    step = assert_refused(inputs, "duplicate", reason="exists")
    assert "hello" in snap_rows(step), step.describe()


def test_cpu_of_another_cell_refused(inputs):
    ok(inputs.step("gic-create"))
    step = assert_refused(inputs, "cpu-taken", reason="cpu 2")
    assert "smp-demo" not in snap_rows(step), step.describe()


@pytest.mark.parametrize("name", ["load-outside", "load-too-big",
                                  "load-across-end", "load-string-outside"])
def test_load_outside_cell_memory_refused(inputs, name):
    assert_refused(inputs, name, reason="outside")


@pytest.mark.parametrize("cell", ["nosuch", "9"])
@pytest.mark.parametrize("op", NOSUCH_OPS)
def test_operation_on_missing_cell_refused(inputs, op, cell):
    step = assert_refused(inputs, f"nosuch-{op}-{cell}")
    assert re.search(r"no such cell|no cell", step.err), step.describe()


@pytest.mark.parametrize("name", ["destroy-root", "destroy-root-name"])
def test_destroy_root_cell_refused(inputs, name):
    step = assert_refused(inputs, name, reason="root")
    assert snap_rows(step)["qemu-virt"][:2] == ("0", "running"), step.describe()


def test_disable_with_cells_refused(inputs):
    step = assert_refused(inputs, "disable-with-cells")
    # It names a cell that is in the way.
    assert "hello" in step.err or "gic-demo" in step.err, step.describe()


def test_cells_work_after_refusals(inputs):
    ok(inputs.step("hello-create"))
    ok(inputs.step("after-refusals-hello-load"))
    step = inputs.step("after-refusals-hello")
    ok(step)
    assert step.value("waited") == "0", step.describe()
    ok(inputs.step("after-refusals-gic-load"))
    step = inputs.step("after-refusals-gic-start")
    ok(step)
    assert step.value("waited") == "0", step.describe()
    ok(inputs.step("cleanup-hello"))
    ok(inputs.step("cleanup-gic"))
    step = inputs.step("cleanup")
    assert step.value("online") == "0-3", step.describe()


# --- create/start/destroy cycles ---------------------------------------------

def test_cycles_all_succeed(inputs):
    step = inputs.step("cycles")
    # "i create load start greeting destroy", 0 for success
    assert step.lines("cycle") == [f"{i} 0 0 0 0 0" for i in range(1, CYCLES + 1)], (
        step.describe())


def test_cycles_leak_no_memory_pool(inputs):
    before = inputs.step("cycles-before")
    after = inputs.step("cycles-after")
    assert after.value("mem_pool_used") == before.value("mem_pool_used"), (
        after.describe())
    assert before.value("mem_pool_used") == inputs.step("enable").value("mem_pool_used")


def test_cycles_leave_all_cpus_online(inputs):
    step = inputs.step("cycles-after")
    assert step.value("online") == "0-3", step.describe()
    assert snap_rows(step) == {"qemu-virt": ("0", "running", "0-3", "")}, step.describe()
    ok(inputs.step("disable"))


# --- after all of it ---------------------------------------------------------

@pytest.mark.parametrize("which", ["cells", "inputs"])
def test_guest_script_completed(request, which):
    boot = request.getfixturevalue(which)
    assert boot.status == 0, boot.context()


@pytest.mark.parametrize("which", ["cells", "inputs"])
def test_no_kernel_or_hypervisor_errors(request, which):
    boot = request.getfixturevalue(which)
    bad = fatal_lines(boot.output)
    assert not bad, "\n".join(bad) + "\n" + boot.context()
