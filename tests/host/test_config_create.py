# SPDX-License-Identifier: GPL-2.0-only
"""Host tests of `warden config create` (tools/warden-config-create).

Each test builds an archive like `warden config collect` writes: a device
tree (QEMU's own `virt` DTB from -machine dumpdtb, or a small board written
in DTS and compiled with dtc) plus fake /proc files. The generated C is
compiled exactly like configs/build.mk compiles configs and must pass the
host `warden config check`.

Needs `make all` first (build/host/warden), dtc, qemu-system-aarch64 and the
aarch64 cross compiler. Run: /usr/bin/python3 -m pytest -q tests/host
"""
import io
import os
import re
import shutil
import subprocess
import tarfile

import pytest

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "tools", "warden-config-create")
HOST_WARDEN = os.path.join(ROOT, "build", "host", "warden")
CROSS = "aarch64-linux-gnu-"
CONFIG_CFLAGS = ["-std=gnu11", "-O1", "-Wall", "-Wextra", "-Werror",
                 "-Wmissing-prototypes", "-Wshadow", "-Wundef",
                 "-Wstrict-prototypes", "-I" + os.path.join(ROOT, "include"),
                 "-D__WARDEN_FREESTANDING__", "-ffreestanding", "-fno-common"]
ALL_RAM_MSG = ("Linux uses all RAM: boot with mem=<size> on the kernel command "
               "line")
NO_MAP_MSG = "or add a reserved-memory node with no-map"

# /proc/iomem of the rig's guest (QEMU virt, 1 GiB, mem=768M), shortened.
VIRT_IOMEM = """\
08000000-0800ffff : GICD
080a0000-08ffffff : GICR
09000000-09000fff : pl011@9000000
  09000000-09000fff : 9000000.pl011 pl011@9000000
10000000-3efeffff : pcie@10000000
40000000-6fffffff : System RAM
  40210000-4185ffff : Kernel code
  41eb0000-4220ffff : Kernel data
  6fe7d000-6fffffff : reserved
4010000000-401fffffff : PCI ECAM
"""
VIRT_CMDLINE = "console=ttyAMA0 kvm-arm.mode=none mem=768M nokaslr\n"


def cpus_txt(n):
    rows = "".join(f"{i} 1 cpu@{i} 0x{i:x}\n" for i in range(n))
    return ("# Linux CPUs (/sys/devices/system/cpu/cpuN)\n"
            "# cpu  online  dt-node  mpidr\n" + rows)


def make_archive(path, dtb, iomem, cmdline="console=ttyAMA0\n", ncpus=4,
                 interrupts=""):
    files = {
        "sys/firmware/fdt": dtb,
        "proc/iomem": iomem.encode(),
        "proc/cmdline": cmdline.encode(),
        "proc/version": b"Linux version 6.1.0-56-arm64 (test)\n",
        "proc/interrupts": interrupts.encode(),
        "cpus.txt": cpus_txt(ncpus).encode(),
        "manifest.txt": b"test archive\n",
    }
    with tarfile.open(path, "w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo("warden-collect/" + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def dtc(tmp_path, source, name="board"):
    dts = tmp_path / f"{name}.dts"
    dts.write_text(source)
    dtb = tmp_path / f"{name}.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(dtb),
                    str(dts)], check=True)
    return dtb.read_bytes()


@pytest.fixture(scope="session")
def qemu_dtb(tmp_path_factory):
    """QEMU virt's own device tree, as the rig boots it."""
    cache = {}

    def get(gic):
        if gic not in cache:
            out = tmp_path_factory.mktemp("dtb") / f"virt-gic{gic}.dtb"
            subprocess.run(
                ["qemu-system-aarch64", "-M",
                 f"virt,virtualization=on,gic-version={gic},dumpdtb={out}",
                 "-cpu", "cortex-a57", "-smp", "4", "-m", "1G", "-nographic",
                 "-nic", "none"], check=True, capture_output=True)
            cache[gic] = out.read_bytes()
        return cache[gic]
    return get


@pytest.fixture(scope="session", autouse=True)
def _host_warden():
    if not os.access(HOST_WARDEN, os.X_OK):
        pytest.fail(f"{HOST_WARDEN} missing: run make first "
                    f"(cd {ROOT} && make -j2 all)", pytrace=False)


def create(archive, out, *args):
    return subprocess.run([TOOL, str(archive), "-o", str(out), *args],
                          capture_output=True, text=True)


def compile_config(src):
    obj, cell = str(src)[:-2] + ".o", str(src)[:-2] + ".cell"
    subprocess.run([CROSS + "gcc", *CONFIG_CFLAGS, "-c", str(src), "-o", obj],
                   check=True)
    subprocess.run([CROSS + "objcopy", "-O", "binary",
                    "--only-section=.rodata.config", obj, cell], check=True)
    return cell


def config_check(*cells):
    proc = subprocess.run([HOST_WARDEN, "config", "check", *cells],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def generate_ok(tmp_path, archive, *args, cell=None):
    """Run the tool, compile its output(s), config check them; the C text."""
    out = tmp_path / "sys.c"
    extra = list(args)
    if cell:
        extra += ["--cell", cell[0], "--cpus", cell[1], "--mem", cell[2],
                  "-O", str(tmp_path / "cell.c")]
    proc = create(archive, out, *extra)
    assert proc.returncode == 0, proc.stderr
    cells = [compile_config(out)]
    if cell:
        cells.append(compile_config(tmp_path / "cell.c"))
    config_check(*cells)
    texts = [out.read_text()]
    if cell:
        texts.append((tmp_path / "cell.c").read_text())
    return texts if cell else texts[0]


def regions(text):
    """(comment, phys, size, flags) of every mem[] entry."""
    pat = re.compile(r"/\* (.*?) \*/ \{\n\s*\.phys_start = (0x[0-9a-f]+), "
                     r"\.virt_start = 0x[0-9a-f]+,\n\s*\.size = (0x[0-9a-f]+), "
                     r"\.flags = ([^,]+),")
    return [(c, int(p, 16), int(s, 16), f) for c, p, s, f in pat.findall(text)]


def field(text, name):
    m = re.search(rf"\.{name} = (0x[0-9a-f]+|\d+)", text)
    assert m, name
    return int(m.group(1), 0)


# --- the QEMU virt board ---------------------------------------------------------

def test_qemu_virt_gicv3(tmp_path, qemu_dtb):
    archive = make_archive(tmp_path / "a.tar", qemu_dtb(3), VIRT_IOMEM,
                           VIRT_CMDLINE)
    sys_c, cell_c = generate_ok(tmp_path, archive, "--name", "qemu-virt",
                                cell=("hello", "1", "1M"))
    # The same choices as the hand-written configs/arm64/qemu-virt.c.
    assert re.search(r"\.hypervisor_memory = \{\n\s*\.phys_start = 0x70000000,"
                     r"\n\s*\.size = 0x00800000,", sys_c)
    assert field(sys_c, "gic_version") == 3
    assert field(sys_c, "gicd_base") == 0x08000000
    assert field(sys_c, "gicr_base") == 0x080a0000
    assert field(sys_c, "gicr_stride") == 0x20000
    assert field(sys_c, "maintenance_irq") == 25
    assert field(sys_c, "num_cpus") == 4
    assert field(sys_c, "cpu_set") == 0xf
    assert "[3] = 0x80000003," in sys_c
    assert re.search(r"\.debug_console = \{.*\n\s*\.address = 0x09000000",
                     sys_c)
    mem = regions(sys_c)
    assert mem[0][1:3] == (0x40000000, 0x30000000) and "Linux RAM" in mem[0][0]
    assert mem[1][1:3] == (0x70800000, 0x0f800000) and "cells" in mem[1][0]
    io = {phys: size for _, phys, size, flags in mem if flags.startswith("IO_")}
    # Bus masters (virtio-mmio, PCIe, fw-cfg's DMA interface: dma-coherent
    # in the DTB) are marked: no cell may take them.
    dma = {phys for _, phys, _, flags in mem if flags == "IO_DMA"}
    assert dma == {0x09020000, 0x0a000000, 0x10000000, 0x4010000000}, \
        sorted(map(hex, dma))
    for phys, size in ((0x09000000, 0x1000), (0x09010000, 0x1000),
                       (0x09020000, 0x1000), (0x09030000, 0x1000),
                       (0x0a000000, 0x4000), (0x4010000000, 0x10000000)):
        assert io.get(phys) == size, hex(phys)
    # The ITS (a bus master, 0x08080000 in QEMU's DTB) is left out, as is
    # everything else between the distributor and the redistributors.
    assert all(p + s <= 0x08000000 or p >= 0x080a0000 for p, s in io.items())
    # The PCIe 32-bit windows (MMIO + PIO, adjacent) are one region; the
    # 512 GiB 64-bit window is left out; nothing maps the GIC.
    assert io[0x10000000] == 0x2f000000
    assert "0x8000000000" not in "".join(hex(p) for p in io)
    for phys, size in io.items():
        assert phys + size <= 0x08000000 or phys >= 0x08000000 + 0x10000
        assert phys + size <= 0x080a0000 or phys >= 0x080a0000 + 4 * 0x20000
    assert "/* SPIs 32..159 */" in sys_c and sys_c.count("ALL_PINS,") == 1
    assert "mem=768M" in sys_c  # the carve-out is explained
    # The cell skeleton is the hand-written qemu-virt-hello.c, byte for byte.
    built = os.path.join(ROOT, "build", "configs", "qemu-virt-hello.cell")
    if os.path.exists(built):
        with open(built, "rb") as f:
            assert (tmp_path / "cell.cell").read_bytes() == f.read()
    assert field(cell_c, "cpu_set") == 0x2


def test_qemu_virt_gicv2(tmp_path, qemu_dtb):
    archive = make_archive(tmp_path / "a.tar", qemu_dtb(2), VIRT_IOMEM,
                           VIRT_CMDLINE)
    sys_c = generate_ok(tmp_path, archive, cell=("c", "2-3", "2M"))[0]
    assert field(sys_c, "gic_version") == 2
    assert field(sys_c, "gicd_base") == 0x08000000
    assert field(sys_c, "gicc_base") == 0x08010000
    assert field(sys_c, "gich_base") == 0x08030000
    assert field(sys_c, "gicv_base") == 0x08040000
    assert field(sys_c, "maintenance_irq") == 25
    assert ".gicr_base" not in sys_c
    io = {phys: size for _, phys, size, flags in regions(sys_c) if flags == "IO_RW"}
    assert io.get(0x08020000) == 0x1000  # the GICv2m MSI frame is a device
    for frame in (0x08000000, 0x08010000, 0x08030000, 0x08040000):
        assert not any(p <= frame < p + s for p, s in io.items()), hex(frame)
    cell_c = (tmp_path / "cell.c").read_text()
    assert field(cell_c, "cpu_set") == 0xc


def test_default_name_and_hv_size(tmp_path, qemu_dtb):
    archive = make_archive(tmp_path / "a.tar", qemu_dtb(3), VIRT_IOMEM,
                           VIRT_CMDLINE)
    sys_c = generate_ok(tmp_path, archive, "--hv-size", "16M")
    assert '.name = "sys",' in sys_c  # from the output file name
    mem = regions(sys_c)
    assert re.search(r"\.phys_start = 0x70000000,\n\s*\.size = 0x01000000,",
                     sys_c)
    assert mem[1][1:3] == (0x71000000, 0x0f000000)


# --- small boards written in DTS ---------------------------------------------------

BOARD = """/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	compatible = "test,board";
	model = "Test Board";
	interrupt-parent = <&gic>;

	psci { compatible = "arm,psci-1.0"; method = "smc"; };

	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a53"; reg = <0x0>; enable-method = "psci"; };
		cpu@1 { device_type = "cpu"; compatible = "arm,cortex-a53"; reg = <0x1>; enable-method = "psci"; };
		cpu@100 { device_type = "cpu"; compatible = "arm,cortex-a53"; reg = <0x100>; enable-method = "psci"; };
		cpu@101 { device_type = "cpu"; compatible = "arm,cortex-a53"; reg = <0x101>; enable-method = "psci"; };
	};

	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x80000000>;
	};
%(reserved)s
	gic: interrupt-controller@2f000000 {
		compatible = "arm,gic-v3";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0x0 0x2f000000 0x0 0x10000>, <0x0 0x2f100000 0x0 0x100000>;
		interrupts = <1 9 4>;
	};

	timer {
		compatible = "arm,armv8-timer";
		interrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>;
		clock-frequency = <100000000>;
	};

	soc {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		ranges = <0x0 0x0 0x1c000000 0x4000000>;

		serial@90000 {
			compatible = "arm,pl011", "arm,primecell";
			reg = <0x90000 0x1000>;
			interrupts = <0 5 4>;
		};
		serial@a0000 {
			compatible = "arm,pl011", "arm,primecell";
			reg = <0xa0000 0x1000>;
			interrupts = <0 6 4>;
			status = "disabled";
		};
		ethernet@100000 {
			compatible = "test,eth";
			reg = <0x100000 0x10000>;
			interrupts = <0 %(eth_spi)d 4>;
		};
		i2c@200000 {
			compatible = "test,i2c";
			reg = <0x200000 0x100>;
			#address-cells = <1>;
			#size-cells = <0>;
			sensor@48 { compatible = "test,sensor"; reg = <0x48>; };
		};
	};
};
"""

ALL_RAM_IOMEM = """\
1c090000-1c090fff : serial
80000000-ffffffff : System RAM
  80210000-8185ffff : Kernel code
"""


def board(tmp_path, reserved="", eth_spi=20):
    return dtc(tmp_path, BOARD % {"reserved": reserved, "eth_spi": eth_spi})


def test_board_devices_behind_a_bus(tmp_path):
    dtb = board(tmp_path)
    iomem = "80000000-dfffffff : System RAM\n"
    archive = make_archive(tmp_path / "a.tar", dtb, iomem,
                           "console=ttyAMA0 mem=1536M\n")
    sys_c = generate_ok(tmp_path, archive)
    assert re.search(r"\.phys_start = 0xe0000000,\n\s*\.size = 0x00800000,", sys_c)
    assert field(sys_c, "timer_frequency") == 100000000
    assert "[2] = 0x80000100," in sys_c and "[3] = 0x80000101," in sys_c
    io = {phys: (size, c) for c, phys, size, flags in regions(sys_c)
          if flags == "IO_RW"}
    # soc's ranges translate 0x90000 to 0x1c090000; disabled nodes and
    # i2c devices (not memory mapped) are left out.
    assert io[0x1c090000][0] == 0x1000
    assert io[0x1c100000][0] == 0x10000
    assert io[0x1c200000][0] == 0x1000
    assert 0x1c0a0000 not in io
    assert len(io) == 3
    assert re.search(r"\.address = 0x1c090000", sys_c)  # debug console


def test_board_reserved_memory_no_map(tmp_path):
    reserved = """
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		optee@f0000000 { reg = <0x0 0xf0000000 0x0 0x2000000>; no-map; };
		warden@f4000000 { reg = <0x0 0xf4000000 0x0 0x4000000>; no-map; };
		cma@c0000000 { compatible = "shared-dma-pool"; reusable; reg = <0x0 0xc0000000 0x0 0x1000000>; };
	};
"""
    dtb = board(tmp_path, reserved)
    # Linux uses all RAM but the two no-map nodes.
    iomem = ("80000000-efffffff : System RAM\n"
             "f2000000-f3ffffff : System RAM\n"
             "f8000000-ffffffff : System RAM\n")
    archive = make_archive(tmp_path / "a.tar", dtb, iomem)
    sys_c = generate_ok(tmp_path, archive, cell=("c", "1", "16M"))[0]
    assert re.search(r"\.phys_start = 0xf4000000,\n\s*\.size = 0x00800000,", sys_c)
    assert "/warden@f4000000" in sys_c and "no-map" in sys_c
    mem = regions(sys_c)
    linux = [(p, s) for c, p, s, _ in mem if "Linux RAM" in c]
    cells = [(p, s) for c, p, s, _ in mem if "cells" in c]
    assert linux == [(0x80000000, 0x70000000), (0xf2000000, 0x2000000),
                     (0xf8000000, 0x8000000)]
    assert cells == [(0xf4800000, 0x3800000)]
    # The other no-map node (firmware's, perhaps) is in no cell.
    assert not any(p <= 0xf0000000 < p + s for _, p, s, _ in mem)
    assert "optee@f0000000: no-map, left out" in sys_c
    cell_c = (tmp_path / "cell.c").read_text()
    assert ".phys_start = 0xf4800000," in cell_c


def test_board_linux_uses_all_ram_is_refused(tmp_path):
    archive = make_archive(tmp_path / "a.tar", board(tmp_path), ALL_RAM_IOMEM)
    out = tmp_path / "sys.c"
    proc = create(archive, out)
    assert proc.returncode == 1
    assert ALL_RAM_MSG in proc.stderr and NO_MAP_MSG in proc.stderr, proc.stderr
    assert "mem=1792M" in proc.stderr  # a concrete suggestion
    assert not out.exists()


def test_board_unused_ram_too_small_is_refused(tmp_path):
    iomem = "80000000-ffbfffff : System RAM\n"  # 4 MiB left
    archive = make_archive(tmp_path / "a.tar", board(tmp_path), iomem)
    proc = create(archive, tmp_path / "sys.c")
    assert proc.returncode == 1
    assert "cannot" in proc.stderr or "no RAM outside Linux" in proc.stderr
    assert "0xffc00000-0xffffffff" in proc.stderr, proc.stderr


def test_hv_not_crossing_a_gib_boundary(tmp_path):
    # Unused: 0xbfe00000-0xdfffffff; 8 MiB at 0xbfe00000 would cross 3 GiB.
    iomem = ("80000000-bfdfffff : System RAM\n"
             "e0000000-ffffffff : System RAM\n")
    archive = make_archive(tmp_path / "a.tar", board(tmp_path), iomem)
    sys_c = generate_ok(tmp_path, archive)
    assert re.search(r"\.phys_start = 0xc0000000,\n\s*\.size = 0x00800000,", sys_c)
    cells = [(p, s) for c, p, s, _ in regions(sys_c) if "cells" in c]
    assert cells == [(0xbfe00000, 0x200000), (0xc0800000, 0x1f800000)]


def test_iomem_without_root_is_refused(tmp_path):
    iomem = "00000000-00000000 : System RAM\n00000000-00000000 : serial\n"
    archive = make_archive(tmp_path / "a.tar", board(tmp_path), iomem)
    proc = create(archive, tmp_path / "sys.c")
    assert proc.returncode == 1
    assert "collected without root" in proc.stderr, proc.stderr


def test_spis_beyond_159_get_more_irqchips(tmp_path):
    dtb = board(tmp_path, eth_spi=200)  # INTID 232
    archive = make_archive(tmp_path / "a.tar", dtb,
                           "80000000-dfffffff : System RAM\n")
    sys_c = generate_ok(tmp_path, archive)
    assert "/* SPIs 32..159 */" in sys_c and "/* SPIs 160..287 */" in sys_c
    assert "INTID 232" in sys_c


def test_cell_option_errors(tmp_path, qemu_dtb):
    archive = make_archive(tmp_path / "a.tar", qemu_dtb(3), VIRT_IOMEM,
                           VIRT_CMDLINE)
    out, cell = tmp_path / "sys.c", str(tmp_path / "cell.c")
    for cpus, mem, words in (("0", "1M", "CPU 0 stays with the root cell"),
                             ("4", "1M", "CPU 4 does not exist"),
                             ("1", "512M", "no RAM for cells region is that large"),
                             ("1", "4097", "multiple of 4 KiB")):
        proc = create(archive, out, "--cell", "c", "--cpus", cpus, "--mem", mem,
                      "-O", cell)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr
    proc = create(archive, out, "--cell", "c")
    assert proc.returncode == 2 and "go together" in proc.stderr
    proc = create(archive, out, "--hv-size", "3M")
    assert proc.returncode == 2 and "multiple of 2 MiB" in proc.stderr


def test_bad_archives(tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar")
    proc = create(junk, tmp_path / "sys.c")
    assert proc.returncode == 1 and "cannot read the archive" in proc.stderr
    empty = tmp_path / "empty.tar"
    with tarfile.open(empty, "w"):
        pass
    proc = create(empty, tmp_path / "sys.c")
    assert proc.returncode == 1 and "no device tree" in proc.stderr
    archive = make_archive(tmp_path / "a.tar", b"\0" * 64, ALL_RAM_IOMEM)
    proc = create(archive, tmp_path / "sys.c")
    assert proc.returncode == 1 and "not a device tree" in proc.stderr


# --- the CLI: `warden config create` and `warden config collect` ----------------

def test_cli_runs_the_tool(tmp_path, qemu_dtb):
    archive = make_archive(tmp_path / "a.tar", qemu_dtb(3), VIRT_IOMEM,
                           VIRT_CMDLINE)
    proc = subprocess.run([HOST_WARDEN, "config", "create", str(archive),
                           "-o", str(tmp_path / "x.c")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.c").exists()


def test_cli_explains_a_missing_tool(tmp_path):
    lonely = tmp_path / "warden"
    shutil.copy(HOST_WARDEN, lonely)
    proc = subprocess.run([str(lonely), "config", "create", "a.tar", "-o", "x.c"],
                          capture_output=True, text=True, env={"PATH": "/nonexistent"})
    assert proc.returncode == 1
    assert "warden-config-create not found" in proc.stderr
    assert "python3-libfdt" in proc.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root and setpriv to drop privileges")
def test_collect_without_root_explains():
    # The archive goes to stdout: pytest's directories are root's only.
    proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534",
                           "--clear-groups", HOST_WARDEN, "config", "collect",
                           "-"], capture_output=True, cwd="/")
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "/proc/iomem shows no System RAM addresses" in err, err
    assert "as root" in err, err
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        manifest = tar.extractfile("warden-collect/manifest.txt").read().decode()
    assert "ERROR:" in manifest and "/proc/iomem shows no System RAM" in manifest
