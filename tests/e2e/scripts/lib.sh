# SPDX-License-Identifier: GPL-2.0-only
# Helpers sourced by the e2e guest scripts (copied next to the script by
# ci/qemu-run --file). Every result is printed as a record line
#   @@<step>|<kind>|<text>
# which conftest.py parses; kinds: out, err (one line each of the command's
# stdout/stderr), rc (its exit status), and anything passed to `record`.

# step NAME CMD [ARGS...]: run CMD with its stdout and stderr captured and
# print them, then its exit status, as records of NAME.
step() {
	_name=$1
	shift
	"$@" >/tmp/.step.out 2>/tmp/.step.err
	_rc=$?
	sed "s|^|@@$_name\|out\||" /tmp/.step.out
	sed "s|^|@@$_name\|err\||" /tmp/.step.err
	echo "@@$_name|rc|$_rc"
	return $_rc
}

# record NAME KIND TEXT...: print one record.
record() {
	_name=$1
	_kind=$2
	shift 2
	echo "@@$_name|$_kind|$*"
}

# sysfs NAME ATTR: record /sys/devices/warden/ATTR as kind ATTR of NAME.
sysfs() {
	record "$1" "$2" "$(cat "/sys/devices/warden/$2" 2>&1)"
}
