#!/bin/sh
# tools/install-deps.sh: install the Debian packages this project needs,
# if any are missing.  `make qemu`, `make test` and friends run it first,
# so it must be quick and quiet when everything is there already.
#
# Environment:
#   CI=true         no terminal: install without asking (apt-get -y,
#                   DEBIAN_FRONTEND=noninteractive).
#   QEMU=...        the QEMU to check (default qemu-system-riscv64).
#   TOOLPREFIX=...  the RISC-V toolchain prefix to check (default: any of
#                   the prefixes the Makefile accepts).
#   NO_INSTALL=1    only report what is missing; never run apt-get.
#
# Exit status: 0 when everything needed is present (now), 1 otherwise.

QEMU_MIN_MAJOR=7
QEMU_MIN_MINOR=2
QEMU=${QEMU:-qemu-system-riscv64}
OPENSBI_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin

have() {
	command -v "$1" >/dev/null 2>&1
}

have_riscv_gcc() {
	if [ -n "$TOOLPREFIX" ]; then
		have "${TOOLPREFIX}gcc"
		return
	fi
	for p in riscv64-unknown-elf- riscv64-linux-gnu- riscv64-elf- \
	    riscv64-none-elf-; do
		have "${p}gcc" && return 0
	done
	return 1
}

# missing_packages: print the Debian packages whose tools are absent.
missing_packages() {
	have_riscv_gcc || echo gcc-riscv64-unknown-elf
	have "${QEMU%% *}" || echo qemu-system-misc
	[ -f "$OPENSBI_FW" ] || echo opensbi
	have gdb-multiarch || echo gdb-multiarch
	have python3 || echo python3
	have cc || echo gcc		# the host compiler builds mkfs
	have make || echo make
	have awk || echo mawk
}

# qemu_version: print "MAJOR MINOR" of $QEMU, or nothing if unknown.
qemu_version() {
	"${QEMU%% *}" --version 2>/dev/null | sed -n \
	    's/^QEMU emulator version \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p'
}

check_qemu_version() {
	have "${QEMU%% *}" || return 0	# reported as missing instead
	v=$(qemu_version)
	if [ -z "$v" ]; then
		echo "install-deps: cannot tell the version of $QEMU;" \
		    "assuming it is new enough" >&2
		return 0
	fi
	# shellcheck disable=SC2086  # split "MAJOR MINOR" on purpose
	set -- $v
	if [ "$1" -gt $QEMU_MIN_MAJOR ] ||
	    { [ "$1" -eq $QEMU_MIN_MAJOR ] && [ "$2" -ge $QEMU_MIN_MINOR ]; }; then
		return 0
	fi
	cat >&2 <<EOF
install-deps: $QEMU is version $1.$2, older than $QEMU_MIN_MAJOR.$QEMU_MIN_MINOR.
  To fix: use Debian 12 (bookworm) or Ubuntu 23.04 or newer and run
  'apt-get install qemu-system-misc', or build QEMU $QEMU_MIN_MAJOR.$QEMU_MIN_MINOR or newer from
  source and run make with QEMU=/path/to/qemu-system-riscv64.
EOF
	return 1
}

missing=$(missing_packages | tr '\n' ' ')
missing=${missing% }

if [ -z "$missing" ]; then
	check_qemu_version
	exit
fi

echo "install-deps: missing Debian packages: $missing"
if [ -n "$NO_INSTALL" ]; then
	echo "install-deps: NO_INSTALL is set; install them with:" \
	    "apt-get install $missing" >&2
	exit 1
fi
if ! have apt-get; then
	echo "install-deps: no apt-get here: install the equivalents of" \
	    "'$missing' with your system's package manager" >&2
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif have sudo; then
	SUDO=sudo
	echo "install-deps: not root: using sudo (it may ask for your password)"
else
	echo "install-deps: not root and no sudo: as root, run:" \
	    "apt-get update && apt-get install $missing" >&2
	exit 1
fi

# Without a terminal (CI), apt must never ask anything.
YES=
if [ "$CI" = true ] || [ ! -t 0 ]; then
	YES=-y
fi
APT_ENV="DEBIAN_FRONTEND=noninteractive"
[ -z "$YES" ] && APT_ENV=

echo "install-deps: running: ${SUDO:+$SUDO }apt-get update"
if ! $SUDO env $APT_ENV apt-get update -q; then
	echo "install-deps: apt-get update failed; trying the install anyway" >&2
fi
echo "install-deps: running: ${SUDO:+$SUDO }apt-get install${YES:+ $YES} $missing"
# shellcheck disable=SC2086  # word splitting of $missing is intended
if ! $SUDO env $APT_ENV apt-get install $YES --no-install-recommends \
    $missing; then
	echo "install-deps: apt-get install failed" >&2
	exit 1
fi

still=$(missing_packages | tr '\n' ' ')
still=${still% }
if [ -n "$still" ]; then
	echo "install-deps: still missing after the install: $still" >&2
	exit 1
fi
echo "install-deps: done"
check_qemu_version
