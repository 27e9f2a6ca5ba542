#!/bin/sh
# tools/doctor.sh: print the tools this project uses, where they were
# found and their versions.  `make doctor` runs it as
#	sh tools/doctor.sh TOOLPREFIX QEMU GDB
# Exit status 1 when something required is missing or too old.

TOOLPREFIX=$1
QEMU=${2:-qemu-system-riscv64}
GDB=${3:-gdb-multiarch}
OPENSBI_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
status=0

# show LABEL REQUIRED COMMAND [VERSION-ARGS]: one line per tool.
show() {
	label=$1 required=$2 cmd=$3
	shift 3
	path=$(command -v "$cmd" 2>/dev/null)
	if [ -z "$path" ]; then
		if [ "$required" = yes ]; then
			printf '%-16s MISSING  (%s)\n' "$label" "$cmd"
			status=1
		else
			printf '%-16s absent   (%s; optional)\n' "$label" "$cmd"
		fi
		return
	fi
	version=$("$path" "$@" 2>&1 | sed -n '/[0-9]\.[0-9]/{p;q;}')
	printf '%-16s %-40s %s\n' "$label" "$path" "$version"
}

echo "teachos doctor: tools found"
if [ -z "$TOOLPREFIX" ]; then
	printf '%-16s MISSING  (no riscv64-*-gcc; run: make deps)\n' "RISC-V gcc"
	status=1
else
	show "RISC-V gcc" yes "${TOOLPREFIX}gcc" --version
	show "RISC-V ld" yes "${TOOLPREFIX}ld" --version
	show "RISC-V objdump" yes "${TOOLPREFIX}objdump" --version
fi
show "QEMU" yes "${QEMU%% *}" --version
if [ -f "$OPENSBI_FW" ]; then
	fwver=$(dpkg-query -W -f='Debian opensbi ${Version}' opensbi 2>/dev/null)
	printf '%-16s %-40s %s\n' "OpenSBI" "$OPENSBI_FW" "${fwver:-version unknown}"
else
	printf '%-16s absent   (%s; QEMU'"'"'s own -bios default is used)\n' \
	    "OpenSBI" "$OPENSBI_FW"
fi
show "gdb" yes "$GDB" --version
show "python3" yes python3 --version
show "host cc" yes cc --version
show "make" yes make --version
show "awk" yes awk -W version
show "git" no git --version
show "clang-format" no clang-format --version
show "shellcheck" no shellcheck --version

# QEMU must be 7.2 or newer; install-deps.sh says how to get one.
if command -v "${QEMU%% *}" >/dev/null 2>&1; then
	if ! NO_INSTALL=1 QEMU="$QEMU" sh "$(dirname "$0")/install-deps.sh" \
	    >/dev/null 2>&1; then
		NO_INSTALL=1 QEMU="$QEMU" TOOLPREFIX="$TOOLPREFIX" \
		    sh "$(dirname "$0")/install-deps.sh" 2>&1 | sed 's/^/  /'
		status=1
	fi
fi

printf 'host: %s, %s cores\n' "$(uname -srm)" \
    "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
if [ $status -eq 0 ]; then
	echo "all required tools present"
else
	echo "something is missing: run 'make deps' (or sh tools/install-deps.sh)"
fi
exit $status
