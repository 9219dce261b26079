# SPDX-License-Identifier: GPL-2.0-only
"""The benchmark inmate (inmates/tests/bench.c) works: one short run
(`quick`) in the bench cell, under icount as in make bench, prints a line
per benchmark with sane values (min <= median <= max, all above zero) and
ends with `bench: done`. Benchmarks are not tests: no time is asserted."""
import re

import pytest

from conftest import boot_guest, fatal_lines

SCRIPT = r"""
. ./lib.sh
CFG=/usr/share/warden/configs
step enable warden enable $CFG/qemu-virt.cell
step create warden cell create $CFG/qemu-virt-bench.cell
step load warden cell load bench /usr/share/warden/inmates/bench.bin -s quick@0xff000
step start warden cell start bench
n=0
while [ $n -lt 300 ] && ! grep -q "bench: done" /sys/devices/warden/console; do
	sleep 0.1
	n=$((n + 1))
done
step console cat /sys/devices/warden/console
step destroy warden cell destroy bench
step disable warden disable
exit 0
"""

LINE = re.compile(r"bench: (\S+) min ([\d.]+) median ([\d.]+) max ([\d.]+) "
                  r"ticks \(([\d.]+) instructions\)")
EXPECTED = ("loop-empty", "isb", "mrs-cntvct", "hvc-null", "mmio-gicd-typer",
            "smc-psci-version", "timer-virt-latency", "timer-virt-latency-mean")


@pytest.fixture(scope="module")
def boot():
    return boot_guest(SCRIPT, timeout=180, qemu_args=("--icount",))


def test_bench_cell_runs(boot):
    assert boot.status == 0, boot.context()
    for name in ("enable", "create", "load", "start", "destroy", "disable"):
        step = boot.step(name)
        assert step.rc == 0, step.describe()
    assert not fatal_lines(boot.output), boot.context()


def test_bench_lines(boot):
    text = boot.step("console").out
    assert "bench: done" in text, boot.context()
    found = {}
    for m in LINE.finditer(text):
        found[m.group(1)] = tuple(float(g) for g in m.groups()[1:])
    missing = [n for n in EXPECTED if n not in found]
    assert not missing, f"no line for {missing}\n{text}"
    for name, (lo, med, hi, instr) in found.items():
        assert 0 < lo <= med <= hi, f"{name}: min {lo} median {med} max {hi}"
        assert instr > 0, name
    # The one-CPU bench cell says why the SGI benchmark is left out.
    assert "sgi-roundtrip skipped" in text
