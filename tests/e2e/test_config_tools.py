# SPDX-License-Identifier: GPL-2.0-only
"""The first-run experience on the QEMU board: `warden hardware check`,
`warden config collect` on the target, `warden config create` on the host,
and the generated configs at work.

Two boots: `collected` runs the hardware check and collects the archive,
which comes out through the console (gzip + base64 between marker lines);
the host then generates a system config and a hello cell config from it,
compiles them like configs/build.mk and checks them with the host
`warden config check`. `generated` boots again with the two .cell files
and enables the hypervisor with them, runs the hello inmate in the
generated cell, and disables.
Each guest step prints `@@step|kind|text` records (see scripts/lib.sh)."""
import base64
import gzip
import io
import os
import re
import subprocess
import tarfile

import pytest

from conftest import ROOT, boot_guest, fatal_lines

HOST_WARDEN = os.path.join(ROOT, "build", "host", "warden")
CROSS = "aarch64-linux-gnu-"
# configs/build.mk's CONFIG_CFLAGS, with the top Makefile's WARNINGS.
CONFIG_CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror",
                 "-Wmissing-prototypes", "-Wshadow", "-Wundef",
                 "-Wstrict-prototypes", "-I" + os.path.join(ROOT, "include"),
                 "-D__WARDEN_FREESTANDING__", "-ffreestanding", "-fno-common"]
BEGIN, END = "===WARDEN-COLLECT-BEGIN===", "===WARDEN-COLLECT-END==="
MEMBERS = ("manifest.txt", "sys/firmware/fdt", "proc/iomem", "proc/interrupts",
           "proc/cmdline", "proc/version", "proc/cpuinfo", "uname.txt",
           "cpus.txt")
HW_CHECKS = ("CPU architecture", "Linux boot level", "KVM", "VHE", "driver",
             "EL2 (driver's view)", "GIC", "PSCI")

COLLECT = r"""
. ./lib.sh
step hwcheck warden hardware check
step hwcheck-cfg warden hardware check /usr/share/warden/configs/qemu-virt.cell

warden config collect - 2>/tmp/collect.err | gzip -c > /tmp/collect.tar.gz
record collect rc "$?"
sed 's/^/@@collect|err|/' /tmp/collect.err
echo "%(begin)s"
base64 /tmp/collect.tar.gz
echo "%(end)s"

step collect-file warden config collect /tmp/c.tar
record collect-file list "$(tar tf /tmp/c.tar | tr '\n' ' ')"
step collect-tty sh -c 'warden config collect - > /dev/console'
step collect-extra warden config collect a b

# Without root: the device tree is unreadable and /proc/iomem shows zeros.
echo "nobody:x:65534:65534:nobody:/tmp:/bin/sh" >> /etc/passwd
step collect-user su -s /bin/sh nobody -c 'cd /tmp && warden config collect /tmp/u.tar'
exit 0
""" % {"begin": BEGIN, "end": END}

GENERATED = r"""
. ./lib.sh
I=/usr/share/warden/inmates

waitcon() {  # PATTERN: wait (up to 5 s) for a console ring line
	_n=0
	while ! warden console | grep -qE "$1"; do
		[ $_n -ge 50 ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

step check warden config check generated.cell generated-hello.cell
step enable warden enable generated.cell
sysfs enable enabled
step create warden cell create generated-hello.cell
step load warden cell load hello $I/hello.bin
step start warden cell start hello
waitcon 'hello: tick 2$'
record start waited "$?"
step list warden cell list
step console warden console
step root-alive sh -c 'echo $((6 * 7))'
step destroy warden cell destroy hello
step disable warden disable
sysfs disable enabled
exit 0
"""


@pytest.fixture(scope="module")
def collected():
    return boot_guest(COLLECT, timeout=120)


def extract_archive(boot):
    text = boot.section(BEGIN, END)
    lines = [ln.strip() for ln in text.splitlines()[1:]]
    b64 = "".join(ln for ln in lines
                  if re.fullmatch(r"[A-Za-z0-9+/=]+", ln))
    return gzip.decompress(base64.b64decode(b64))


@pytest.fixture(scope="module")
def archive(collected, tmp_path_factory):
    step = collected.step("collect")
    assert step.value("rc") == "0", step.describe()
    path = tmp_path_factory.mktemp("collect") / "warden-collect.tar"
    path.write_bytes(extract_archive(collected))
    return path


def compile_config(src, cell):
    obj = str(cell) + ".o"
    subprocess.run([CROSS + "gcc", *CONFIG_CFLAGS, "-c", str(src), "-o", obj],
                   check=True, capture_output=True, text=True)
    subprocess.run([CROSS + "objcopy", "-O", "binary",
                    "--only-section=.rodata.config", obj, str(cell)],
                   check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def generated(archive):
    """Run `warden config create` (the host CLI, which runs
    warden-config-create) and compile its output."""
    out = archive.parent
    proc = subprocess.run(
        [HOST_WARDEN, "config", "create", str(archive),
         "-o", str(out / "generated.c"), "--cell", "hello", "--cpus", "1",
         "--mem", "1M", "-O", str(out / "generated-hello.c")],
        capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    compile_config(out / "generated.c", out / "generated.cell")
    compile_config(out / "generated-hello.c", out / "generated-hello.cell")
    return out


@pytest.fixture(scope="module")
def generated_boot(generated):
    return boot_guest(GENERATED, timeout=120,
                      extra_files=(str(generated / "generated.cell"),
                                   str(generated / "generated-hello.cell")))


def ok(step):
    assert step.rc == 0, step.describe()


# --- warden hardware check ----------------------------------------------------

def test_hardware_check_passes(collected):
    step = collected.step("hwcheck")
    ok(step)
    for check in HW_CHECKS:
        assert re.search(rf"^OK\s+{re.escape(check)}\s", step.out, re.M), step.describe()
    assert not re.search(r"^(WARN|FAIL)\s", step.out, re.M), step.describe()


def test_hardware_check_with_config_passes(collected):
    step = collected.step("hwcheck-cfg")
    ok(step)
    assert "FAIL" not in step.out, step.describe()


# --- warden config collect ----------------------------------------------------

def test_collect_archive_holds_everything(archive):
    with tarfile.open(archive) as tar:
        names = {m.name for m in tar.getmembers() if m.isfile()}
        manifest = tar.extractfile("warden-collect/manifest.txt").read().decode()
        fdt = tar.extractfile("warden-collect/sys/firmware/fdt").read()
        iomem = tar.extractfile("warden-collect/proc/iomem").read().decode()
        cpus = tar.extractfile("warden-collect/cpus.txt").read().decode()
        uname = tar.extractfile("warden-collect/uname.txt").read().decode()
    assert names == {"warden-collect/" + m for m in MEMBERS}, names
    assert fdt[:4] == b"\xd0\x0d\xfe\xed"
    assert "40000000-6fffffff : System RAM" in iomem, iomem
    assert "Everything was collected." in manifest, manifest
    for m in MEMBERS[1:]:
        assert m in manifest, manifest
    for n in range(4):
        assert f"\n{n} 1 cpu@{n} 0x{n:x}\n" in cpus, cpus
    assert re.search(r"^release: \d+\.\d+\.\d+-\S+-arm64$", uname, re.M), uname


def test_collect_archive_is_plain_ustar(archive):
    data = archive.read_bytes()
    assert len(data) % 10240 == 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for member in tar.getmembers():
            assert member.name.startswith("warden-collect")
    assert data[257:263] == b"ustar\0"


def test_collect_to_file(collected):
    step = collected.step("collect-file")
    ok(step)
    assert "wrote /tmp/c.tar" in step.err, step.describe()
    listing = step.value("list").split()
    assert "warden-collect/sys/firmware/fdt" in listing, step.describe()


def test_collect_refuses_a_terminal_and_extra_operands(collected):
    step = collected.step("collect-tty")
    assert step.rc == 2 and "terminal" in step.err, step.describe()
    step = collected.step("collect-extra")
    assert step.rc == 2 and "too many arguments" in step.err, step.describe()


def test_collect_without_root_explains(collected):
    step = collected.step("collect-user")
    assert step.rc == 1, step.describe()
    assert "cannot read /sys/firmware/fdt: Permission denied (run as root)" in step.err, \
        step.describe()
    assert "/proc/iomem shows no System RAM addresses" in step.err, step.describe()
    assert "as root" in step.err, step.describe()


# --- warden config create on the host -----------------------------------------

def test_create_writes_configs_like_the_handwritten_ones(generated):
    text = (generated / "generated.c").read_text()
    assert ".phys_start = 0x70000000,\n\t\t\t.size = 0x00800000," in text
    assert "mem=768M" in text
    for want in (".gicd_base = 0x08000000", ".gicr_base = 0x080a0000",
                 ".maintenance_irq = 25", ".num_cpus = 4",
                 "[3] = 0x80000003", "/* SPIs 32..159 */"):
        assert want in text, want
    hello = (generated / "generated-hello.c").read_text()
    assert ".cpu_set = 0x2," in hello and ".phys_start = 0x70800000," in hello


def test_create_output_passes_config_check(generated):
    proc = subprocess.run([HOST_WARDEN, "config", "check",
                           str(generated / "generated.cell"),
                           str(generated / "generated-hello.cell")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_created_hello_cell_matches_the_handwritten_one(generated):
    built = os.path.join(ROOT, "build", "configs", "qemu-virt-hello.cell")
    with open(built, "rb") as f:
        assert (generated / "generated-hello.cell").read_bytes() == f.read()


# --- the generated configs at work --------------------------------------------

def test_generated_enable_and_disable(generated_boot):
    for name in ("check", "enable", "disable"):
        ok(generated_boot.step(name))
    assert generated_boot.step("enable").value("enabled") == "1"
    assert generated_boot.step("disable").value("enabled") == "0"
    assert 'Root cell "generated"' in generated_boot.output, generated_boot.context()


def test_generated_hello_cell_runs(generated_boot):
    for name in ("create", "load", "start", "destroy"):
        ok(generated_boot.step(name))
    start = generated_boot.step("start")
    assert start.value("waited") == "0", start.describe()
    console = generated_boot.step("console")
    assert 'Hello from Warden cell "hello"' in console.out, console.describe()
    assert re.search(r"^hello: tick \d+$", console.out, re.M), console.describe()
    assert re.search(r"^\s*\d+\s+hello\s+running", generated_boot.step("list").out,
                     re.M), generated_boot.step("list").describe()
    assert generated_boot.step("root-alive").out == "42"


def test_no_kernel_or_hypervisor_errors(collected, generated_boot):
    for boot in (collected, generated_boot):
        assert boot.status == 0, boot.context()
        assert not fatal_lines(boot.output), boot.context()
