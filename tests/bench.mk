# SPDX-License-Identifier: GPL-2.0-only
# make bench: the benchmarks of docs/performance.md. ci/bench boots the QEMU
# board under -icount shift=0,sleep=off (two boots, each with a qemu-run
# timeout), then writes build/bench/results.json and results.md and prints
# the table. BENCH_ARGS passes options (e.g. --cycles 20).
BENCH_ARGS	?=

bench: all
	$(PYTHON) ci/bench $(BENCH_ARGS)
