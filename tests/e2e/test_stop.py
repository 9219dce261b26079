# SPDX-License-Identifier: GPL-2.0-only
"""A cell cannot make itself unstoppable (issue 11 item 1, issue 20).

inmates/tests/cpuif-hostile.c plays one game per run with its CPU
interface: all active-priority bits set (group 1, group 0), priority mask
0, both groups disabled, binary points at the extremes, an interrupt of its
own at priority 0 (or 0xa0) acknowledged and never ended, its timer held
the same way, and everything at once with PSTATE masked. It never answers
a shutdown request. For every game, `warden cell destroy` must succeed and
CPU 2 be back in Linux within 1 s of the request (guest time, from
/proc/uptime), and `warden disable` must work at the end.

Before the virtual CPU interface (cells on the physical one, a group-0
stop SGI), the ap1r, pmr0, igrpen and noeoi games made destroy fail with
"CPU 2 does not stop" (-EBUSY) after 2 s."""
import pytest

from conftest import FIRMWARE, boot_guest, fatal_lines

GAMES = ("ap1r", "ap0r", "pmr0", "igrpen", "bpr", "noeoi", "noeoi-a0",
         "timer", "masked")

SCRIPT = r"""
. ./lib.sh
exec 3>&1 >>/tmp/records 2>&1
trap 'cat /tmp/records >&3' EXIT
C=/usr/share/warden/configs
I=/usr/share/warden/inmates
up() { cut -d' ' -f1 /proc/uptime; }

# waitcon PATTERN: wait (up to 5 s) for PATTERN in the hypervisor console.
waitcon() {
	_n=0
	while ! warden console | grep -qE "$1"; do
		[ $_n -ge 50 ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

step enable warden enable $C/qemu-virt.cell
for g in "$@"; do
	step $g-create warden cell create $C/qemu-virt-cpuif-hostile.cell
	step $g-load warden cell load cpuif-hostile $I/cpuif-hostile.bin -s "$g"@0xff000
	step $g-start warden cell start cpuif-hostile
	waitcon "cpuif-hostile: $g armed"
	record $g armed $?
	record $g online-before "$(cat /sys/devices/system/cpu/online)"
	t0=$(up)
	if [ $g = noeoi ]; then
		step $g-shutdown warden cell shutdown cpuif-hostile
	fi
	step $g-destroy warden cell destroy cpuif-hostile
	t1=$(up)
	record $g seconds "$t0 $t1"
	record $g online "$(cat /sys/devices/system/cpu/online)"
	record $g list "$(warden cell list 2>&1 | tr '\n' ';')"
done
# Direct delivery: a config flag that config check warns about; it runs.
step direct-check warden config check $C/qemu-virt.cell $C/qemu-virt-hello-direct.cell
step direct-create warden cell create $C/qemu-virt-hello-direct.cell
step direct-load warden cell load hello-direct $I/hello.bin
step direct-start warden cell start hello-direct
waitcon 'hello: tick 2$'
record direct ticked $?
step direct-destroy warden cell destroy hello-direct
record direct online "$(cat /sys/devices/system/cpu/online)"
step disable warden disable
record end enabled "$(cat /sys/devices/warden/enabled)"
"""


@pytest.fixture(scope="module")
def stops():
    return boot_guest(SCRIPT, *GAMES, timeout=240)


def ok(step):
    assert step.rc == 0, step.describe()


def test_boot_clean(stops):
    assert not fatal_lines(stops.output), stops.context()


@pytest.mark.parametrize("game", GAMES)
def test_game_armed(stops, game):
    for what in ("create", "load", "start"):
        ok(stops.step(f"{game}-{what}"))
    rec = stops.step(game)
    assert rec.value("armed") == "0", rec.describe()
    assert rec.value("online-before") == "0-1,3", rec.describe()


@pytest.mark.parametrize("game", GAMES)
def test_destroy_stops_the_cpu(stops, game):
    destroy = stops.step(f"{game}-destroy")
    ok(destroy)
    assert "does not stop" not in stops.output, stops.context()
    rec = stops.step(game)
    t0, t1 = (float(t) for t in rec.value("seconds").split())
    assert t1 - t0 <= 1.0, f"{game}: destroy took {t1 - t0:.2f} s\n" + rec.describe()
    assert rec.value("online") == "0-3", rec.describe()
    assert "cpuif-hostile" not in rec.value("list"), rec.describe()


def test_shutdown_of_a_held_cpu(stops):
    """noeoi: the shutdown request times out (200 ms) and the CPU stops."""
    ok(stops.step("noeoi-shutdown"))


def test_disable_after_the_games(stops):
    ok(stops.step("disable"))
    assert stops.step("end").value("enabled") == "0"


def test_direct_delivery_is_warned_about(stops):
    check = stops.step("direct-check")
    ok(check)
    assert ("qemu-virt-hello-direct.cell: warning: flags: "
            "WARDEN_CELL_DIRECT_IRQ: cell \"hello-direct\" owns its physical "
            "CPU interface and can block the hypervisor's stop signal"
            ) in check.err, check.describe()
    assert "qemu-virt-hello-direct.cell: OK" in check.out, check.describe()


@pytest.mark.skipif(not FIRMWARE, reason="the plain board has one security state")
def test_direct_delivery_refused_with_two_security_states(stops):
    """TF-A's GIC (DS = 0) gives the non-secure world no group 0: a direct
    cell could never be stopped there, so create refuses it."""
    create = stops.step("direct-create")
    assert create.rc != 0, create.describe()
    assert ('direct interrupt delivery needs group 0 for the hypervisor, '
            'which this GIC with two security states (GICD_CTLR.DS = 0) '
            'does not give the non-secure world') in stops.output, stops.context()
    assert stops.step("direct").value("online") == "0-3"


@pytest.mark.skipif(FIRMWARE, reason="refused on a GIC with two security states")
def test_direct_delivery_runs(stops):
    for what in ("create", "load", "start", "destroy"):
        ok(stops.step(f"direct-{what}"))
    rec = stops.step("direct")
    assert rec.value("ticked") == "0", rec.describe()
    assert rec.value("online") == "0-3", rec.describe()
