# SPDX-License-Identifier: GPL-2.0-only
"""Each board is what it claims to be, so that neither can silently stand
in for the other: the firmware board (WARDEN_BOARD=firmware, ci/fetch-tfa)
runs Linux under TF-A, with PSCI from firmware over SMC and a GIC with two
security states (GICD_CTLR.DS, bit 6, clear: the non-secure world has no
group 0); the plain board has QEMU's own PSCI and DS set."""
from conftest import FIRMWARE, boot_guest, fatal_lines

SCRIPT = r"""
. ./lib.sh
record board ctlr "$(devmem 0x08000000 32)"
record board psci "$(dmesg | grep -o 'psci: PSCIv[0-9.]* detected in firmware')"
record board smccc "$(dmesg | grep -o 'SMC Calling Convention v[0-9.]*')"
record board el2 "$(dmesg | grep -o 'CPU: All CPU(s) started at EL2')"
step hwcheck warden hardware check
"""


def test_board_is_what_it_claims():
    boot = boot_guest(SCRIPT, timeout=120, qemu_args=("--append", "iomem=relaxed"))
    assert not fatal_lines(boot.output), boot.context()
    rec = boot.step("board")
    ds = int(rec.value("ctlr"), 16) & (1 << 6)
    assert rec.value("el2") == "CPU: All CPU(s) started at EL2", rec.describe()
    assert rec.value("psci") == "psci: PSCIv1.1 detected in firmware", rec.describe()
    if FIRMWARE:
        assert ds == 0, rec.describe()
        assert rec.value("smccc") == "SMC Calling Convention v1.2", rec.describe()
        assert "NOTICE:  BL31:" in boot.output, boot.context()
    else:
        assert ds != 0, rec.describe()
        assert rec.value("smccc") == "SMC Calling Convention v1.0", rec.describe()
        assert "NOTICE:  BL31:" not in boot.output, boot.context()
    assert boot.step("hwcheck").rc == 0, boot.step("hwcheck").describe()
