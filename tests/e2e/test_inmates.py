# SPDX-License-Identifier: GPL-2.0-only
"""The inmate library and in-cell tests on the QEMU board: every demo's
output line by line (hello, gic-demo, smp-demo, comm-demo approving and
denying), and the in-cell test inmates isolation-test and timer-test,
whose `PASS:`/`FAIL:` lines and `N passed, M failed` summary are parsed.

Two boots: `demos` in real time (the demos tick once a second), and
`intests` with QEMU's -icount (deterministic guest time: the timer test's
counts and latencies do not depend on the host's load).
The cells' lines are read from the hypervisor's console ring (`warden
console`), where no Linux output can break them."""
import re

import pytest

from conftest import boot_guest, fatal_lines
from test_cells import CFG, COMMON, INM

DEMOS = (COMMON + r"""
step enable warden enable $C/qemu-virt.cell

# One demo at a time (test_cells.py runs cells side by side).
run_cell hello qemu-virt-hello hello hello
waitcon '^hello: tick 3$'
record hello waited $?
step hello-shutdown warden cell shutdown hello
step hello-destroy warden cell destroy hello

run_cell gic qemu-virt-gic-demo gic-demo gic-demo
waitcon '^gic-demo: latency' 3
record gic waited $?
step gic-shutdown warden cell shutdown gic-demo
step gic-destroy warden cell destroy gic-demo

run_cell smp qemu-virt-smp-demo smp-demo smp-demo
waitcon '^smp-demo: [0-9]+ CPUs up$'
record smp waited $?
step smp-shutdown warden cell shutdown smp-demo
step smp-destroy warden cell destroy smp-demo

# comm-demo in the hello cell: idle (approves), then busy (denies)
run_cell idle qemu-virt-hello hello comm-demo
waitcon '^comm-demo: tick 1$'
record idle waited $?
step idle-shutdown warden cell shutdown hello
step idle-destroy warden cell destroy hello
run_cell busy qemu-virt-hello hello comm-demo -s busy@0xff000
waitcon '^comm-demo: tick 1$' 2
record busy waited $?
step busy-shutdown warden cell shutdown hello
sysfs busy-shutdown cells/1/state
step busy-destroy warden cell destroy hello

step console warden console
step disable warden disable
exit 0
""") % {"cfg": CFG, "inm": INM}

INTESTS = (COMMON + r"""
step enable warden enable $C/qemu-virt.cell
done=0
for t in isolation-test timer-test; do
	run_cell $t qemu-virt-$t $t $t
	done=$((done + 1))
	waitcon '^WARDEN-INMATE-DONE$' $done
	record $t waited $?
	step $t-shutdown warden cell shutdown $t
	step $t-destroy warden cell destroy $t
done
step console warden console
step disable warden disable
exit 0
""") % {"cfg": CFG, "inm": INM}

# What the in-cell tests check: at least this many PASS lines.
EXPECTATIONS = {"isolation-test": 10, "timer-test": 6}
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


@pytest.fixture(scope="module")
def demos():
    return boot_guest(DEMOS, timeout=120)


@pytest.fixture(scope="module")
def intests():
    return boot_guest(INTESTS, timeout=120, qemu_args=("--icount",))


def ok(step):
    assert step.rc == 0, step.describe()


def ring(boot):
    step = boot.step("console")
    ok(step)
    return step.lines("out")


def started(boot, name):
    for what in ("create", "load", "start"):
        ok(boot.step(f"{name}-{what}"))
    step = boot.step(name)
    assert step.value("waited") == "0", (
        "the expected output did not come in time\n" + step.describe())


def cell_lines(lines, prefix):
    return [line for line in lines if line.startswith(prefix)]


# --- hello -------------------------------------------------------------------

def test_hello_greets(demos):
    started(demos, "hello")
    lines = ring(demos)
    assert cell_lines(lines, "Hello from")[0] == 'Hello from Warden cell "hello" on CPU 1'


def test_hello_ticks_count_up(demos):
    started(demos, "hello")
    lines = cell_lines(ring(demos), "hello: ")
    ticks = [l for l in lines if l.startswith("hello: tick ")]
    assert len(ticks) >= 3, lines
    assert ticks == [f"hello: tick {n}" for n in range(1, len(ticks) + 1)], lines


def test_hello_approves_shutdown(demos):
    step = demos.step("hello-shutdown")
    ok(step)
    assert step.out == "cell hello: shut down (approved)", step.describe()
    lines = cell_lines(ring(demos), "hello: ")
    # The last line of the first hello run; comm-demo runs later in the cell.
    assert lines[-1] == "hello: shutdown approved", lines
    ok(demos.step("hello-destroy"))


# --- gic-demo ----------------------------------------------------------------

LATENCY = re.compile(r"^gic-demo: latency min (\d+) avg (\d+) max (\d+) ns \((\d+) irqs\)$")


def test_gic_demo_greets(demos):
    started(demos, "gic")
    lines = cell_lines(ring(demos), "gic-demo: ")
    assert lines[0] == 'gic-demo: cell "gic-demo" on CPU 2, timer 62500000 Hz', lines


def test_gic_demo_latency_lines(demos):
    started(demos, "gic")
    lines = cell_lines(ring(demos), "gic-demo: ")
    body = lines[1:-1]
    assert len(body) >= 3, lines
    counts = []
    for line in body:
        m = LATENCY.match(line)
        assert m, f"not a latency line: {line!r}\n" + "\n".join(lines)
        lo, avg, hi, n = (int(x) for x in m.groups())
        assert 0 < lo <= avg <= hi, line
        counts.append(n)
    # 10 ms period: about 100 interrupts in each one-second report.
    assert all(1 <= n <= 110 for n in counts), lines
    assert max(counts) >= 90, lines


def test_gic_demo_approves_shutdown(demos):
    step = demos.step("gic-shutdown")
    ok(step)
    assert step.out == "cell gic-demo: shut down (approved)", step.describe()
    assert cell_lines(ring(demos), "gic-demo: ")[-1] == "gic-demo: shutdown approved"
    ok(demos.step("gic-destroy"))


# --- smp-demo ----------------------------------------------------------------

def test_smp_demo_lines(demos):
    started(demos, "smp")
    lines = cell_lines(ring(demos), "smp-demo: ")
    assert lines == ["smp-demo: CPU 2 (mpidr 0x2) reporting in",
                     "smp-demo: CPU 3 (mpidr 0x3) reporting in",
                     "smp-demo: 2 CPUs up",
                     "smp-demo: shutdown approved"], lines


def test_smp_demo_shutdown(demos):
    step = demos.step("smp-shutdown")
    ok(step)
    assert step.out == "cell smp-demo: shut down (approved)", step.describe()
    ok(demos.step("smp-destroy"))


# --- comm-demo ---------------------------------------------------------------

def comm_runs(boot):
    """comm-demo's lines, one list per run (each starts with its greeting)."""
    runs = []
    for line in cell_lines(ring(boot), "comm-demo: "):
        if line.startswith("comm-demo: cell "):
            runs.append([])
        if runs:
            runs[-1].append(line)
    return runs


def test_comm_demo_runs_twice(demos):
    assert len(comm_runs(demos)) == 2, comm_runs(demos)


def test_comm_demo_idle_approves(demos):
    started(demos, "idle")
    run = comm_runs(demos)[0]
    assert run[0] == ('comm-demo: cell "hello" on CPU 1, idle: shutdown '
                      'requests will be approved'), run
    ticks = run[1:-1]
    assert ticks and ticks == [f"comm-demo: tick {n}" for n in range(1, len(ticks) + 1)], run
    assert run[-1] == "comm-demo: shutdown approved", run
    step = demos.step("idle-shutdown")
    ok(step)
    assert step.out == "cell hello: shut down (approved)", step.describe()
    ok(demos.step("idle-destroy"))


def test_comm_demo_busy_denies(demos):
    started(demos, "busy")
    run = comm_runs(demos)[1]
    assert run[0] == ('comm-demo: cell "hello" on CPU 1, busy: shutdown '
                      'requests will be denied'), run
    assert "comm-demo: shutdown denied (busy)" in run, run
    assert "comm-demo: shutdown approved" not in run, run
    ticks = [l for l in run if l.startswith("comm-demo: tick ")]
    assert ticks == [f"comm-demo: tick {n}" for n in range(1, len(ticks) + 1)], run
    step = demos.step("busy-shutdown")
    assert step.rc == 1, step.describe()
    assert "denied" in step.out + step.err, step.describe()
    assert step.value("cells/1/state") == "running", step.describe()
    ok(demos.step("busy-destroy"))


# --- in-cell tests -----------------------------------------------------------

def in_cell_results(boot, name):
    """(greeting, PASS lines, FAIL lines, summary line) of one in-cell test,
    from its greeting to its WARDEN-INMATE-DONE in the console ring."""
    lines = ring(boot)
    greeting = f'{name}: cell "{name}" on CPU 3'
    starts = [i for i, l in enumerate(lines) if l.startswith(greeting)]
    assert starts, f"no {greeting!r} in the console ring\n" + "\n".join(lines)
    body = lines[starts[-1]:]
    if "WARDEN-INMATE-DONE" not in body:
        pytest.fail(f"{name} never finished\n" + "\n".join(body), pytrace=False)
    body = body[:body.index("WARDEN-INMATE-DONE")]
    passes = [l for l in body if l.startswith("PASS: ")]
    fails = [l for l in body if l.startswith("FAIL: ")]
    summary = [l for l in body if SUMMARY.match(l)]
    return body[0], passes, fails, summary


@pytest.mark.parametrize("name", EXPECTATIONS)
def test_in_cell(intests, name):
    started(intests, name)
    _, passes, fails, summary = in_cell_results(intests, name)
    assert not fails, f"{name}: in-cell failures:\n" + "\n".join(fails)
    assert len(summary) == 1, f"{name}: no single summary line"
    n, m = (int(x) for x in SUMMARY.match(summary[0]).groups())
    assert m == 0, f"{name}: {summary[0]}"
    assert n >= EXPECTATIONS[name], (
        f"{name}: {summary[0]}, expected at least {EXPECTATIONS[name]} checks")
    assert n == len(passes), f"{name}: {summary[0]} but {len(passes)} PASS lines"


@pytest.mark.parametrize("name", EXPECTATIONS)
def test_in_cell_shutdown_and_destroy(intests, name):
    step = intests.step(f"{name}-shutdown")
    ok(step)
    assert step.out == f"cell {name}: shut down (approved)", step.describe()
    ok(intests.step(f"{name}-destroy"))


TIMER_REPORT = re.compile(
    r"^timer-test: (\d+) irqs in (\d+) ms \(want (\d+)\), (\d+) missed, "
    r"latency min (\d+) avg (\d+) max (\d+) ns$")


def test_timer_report(intests):
    lines = ring(intests)
    reports = [m for m in map(TIMER_REPORT.match, lines) if m]
    assert len(reports) == 1, "\n".join(cell_lines(lines, "timer-test"))
    count, ms, want, missed, lo, avg, hi = (int(x) for x in reports[0].groups())
    assert want == 2000 and 2000 <= ms < 2100, reports[0].group(0)
    assert abs(count - want) <= want // 10, reports[0].group(0)
    assert lo <= avg <= hi < 5000000, reports[0].group(0)


# --- after all of it ---------------------------------------------------------

@pytest.mark.parametrize("which", ["demos", "intests"])
def test_guest_script_completed(request, which):
    boot = request.getfixturevalue(which)
    assert boot.status == 0, boot.context()
    ok(boot.step("disable"))


@pytest.mark.parametrize("which", ["demos", "intests"])
def test_no_kernel_or_hypervisor_errors(request, which):
    boot = request.getfixturevalue(which)
    bad = fatal_lines(boot.output)
    assert not bad, "\n".join(bad) + "\n" + boot.context()
