# Makefile: builds the kernel, the user programs and the file system image,
# and runs QEMU, gdb, the tests and the benchmarks.  `make help` lists targets.

# ---- configuration (override on the command line) -----------------------
CPUS	?= 3		# harts, 1..8
MEM	?= 128M		# QEMU -m
BUILD	?= build
# Toolchain: the first prefix that has a gcc, unless TOOLPREFIX= is given.
TOOLPREFIX ?= $(shell for p in riscv64-unknown-elf- riscv64-linux-gnu- \
	riscv64-elf- riscv64-none-elf-; do \
	if command -v $${p}gcc >/dev/null 2>&1; then echo $$p; exit 0; fi; done)
QEMU	?= qemu-system-riscv64
GDB	?= $(shell command -v gdb-multiarch || command -v riscv64-unknown-elf-gdb || echo gdb-multiarch)
GDBPORT	?= $(shell expr `id -u` % 5000 + 25000)
PYTHON	?= python3

CC	= $(TOOLPREFIX)gcc
AS	= $(TOOLPREFIX)gcc
LD	= $(TOOLPREFIX)ld
AR	= $(TOOLPREFIX)ar
OBJCOPY	= $(TOOLPREFIX)objcopy
OBJDUMP	= $(TOOLPREFIX)objdump
NM	= $(TOOLPREFIX)nm

# Warnings are errors in CI (CI=true), not for students.
WERROR	= $(if $(filter true,$(CI)),-Werror,)
ARCH	= -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
COMMON	= $(ARCH) -O -ggdb -fno-omit-frame-pointer -ffreestanding \
	  -fno-common -nostdlib -fno-stack-protector -fno-pie -no-pie \
	  -mno-relax -Wall -Wextra -Wno-unused-parameter \
	  -Wno-sign-compare $(WERROR)
# COW=0 builds a kernel whose fork copies every page (for make bench).
KCOW	= $(if $(filter 0,$(COW)),-DCOW_EAGER,)
KCFLAGS	= $(COMMON) -D_KERNEL $(KCOW) -nostdinc -Ikernel -I$(BUILD)/gen \
	  -I$(BUILD)/gen/sys $(KEXTRA)
UCFLAGS	= $(COMMON) -nostdinc -Iuser/include -I$(BUILD)/gen \
	  -isystem kernel $(UEXTRA)

# ---- the kernel -----------------------------------------------------------
KSRCS	= $(sort $(wildcard kernel/*.c))
KASMS	= $(sort $(wildcard kernel/*.S))
KOBJS	= $(patsubst kernel/%.S,$(BUILD)/kernel/%.o,$(KASMS)) \
	  $(patsubst kernel/%.c,$(BUILD)/kernel/%.o,$(KSRCS)) \
	  $(BUILD)/kernel/sysent.o
KERNEL	= $(BUILD)/kernel/kernel
GEN	= $(BUILD)/gen/sys/syscall.h $(BUILD)/gen/sysproto.h \
	  $(BUILD)/gen/sysent.c $(BUILD)/gen/syscalls.S

all: $(KERNEL) $(BUILD)/fs.img

$(GEN): kernel/syscalls.master tools/syscalls.awk | check-toolchain
	@mkdir -p $(BUILD)/gen/sys
	awk -v out=$(BUILD)/gen -f tools/syscalls.awk kernel/syscalls.master

$(BUILD)/kernel/%.o: kernel/%.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/kernel/%.o: kernel/%.S $(GEN)
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

$(BUILD)/kernel/sysent.o: $(BUILD)/gen/sysent.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c -o $@ $<

# Two passes: the second adds the text symbols (tools/ksyms.sh) for panic
# backtraces.  The table is read-only data, so text addresses stay put.
$(BUILD)/kernel/ksyms0.c: tools/ksyms.sh
	@mkdir -p $(@D)
	sh tools/ksyms.sh $(NM) > $@
$(BUILD)/kernel/kernel.pass1: $(KOBJS) $(BUILD)/kernel/ksyms0.o kernel.ld
	$(LD) -z max-page-size=4096 -T kernel.ld -o $@ $(KOBJS) \
	  $(BUILD)/kernel/ksyms0.o
$(BUILD)/kernel/ksyms.c: $(BUILD)/kernel/kernel.pass1
	sh tools/ksyms.sh $(NM) $< > $@
$(BUILD)/kernel/ksyms%.o: $(BUILD)/kernel/ksyms%.c
	$(CC) $(KCFLAGS) -c -o $@ $<
$(BUILD)/kernel/ksyms.o: $(BUILD)/kernel/ksyms.c
	$(CC) $(KCFLAGS) -c -o $@ $<

$(KERNEL): $(KOBJS) $(BUILD)/kernel/ksyms.o kernel.ld
	$(LD) -z max-page-size=4096 -T kernel.ld -o $@ $(KOBJS) \
	  $(BUILD)/kernel/ksyms.o
	$(OBJDUMP) -S $@ > $(BUILD)/kernel/kernel.asm
	$(NM) -n $@ > $(BUILD)/kernel/kernel.sym
	$(OBJCOPY) -O binary $@ $@.bin

# ---- user programs --------------------------------------------------------
# Every user/NAME.c that defines main() becomes the program NAME.
ULIBSRCS = $(sort $(wildcard user/lib/*.c))
ULIBASMS = $(sort $(wildcard user/lib/*.S))
ULIBOBJS = $(patsubst user/lib/%.c,$(BUILD)/user/lib/%.o,$(ULIBSRCS)) \
	   $(patsubst user/lib/%.S,$(BUILD)/user/lib/%.o,$(ULIBASMS)) \
	   $(BUILD)/user/lib/syscalls.o
ULIB	= $(BUILD)/user/libc.a
MAINRE	= ^(int[[:space:]]+)?main[[:space:]]*[(]
UPROGS	= $(sort $(basename $(notdir $(shell grep -l -E '$(MAINRE)' \
	  user/*.c 2>/dev/null))))
UBINS	= $(addprefix $(BUILD)/user/bin/,$(UPROGS))

$(BUILD)/user/lib/%.o: user/lib/%.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/user/lib/%.o: user/lib/%.S $(GEN)
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -D__ASSEMBLER__ -c -o $@ $<

$(BUILD)/user/lib/syscalls.o: $(BUILD)/gen/syscalls.S
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -D__ASSEMBLER__ -c -o $@ $<

$(ULIB): $(ULIBOBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/user/%.o: user/%.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -MMD -MP -c -o $@ $<

# Linked with symbols into user/dbg/ (for gdb), stripped into user/bin/.
$(BUILD)/user/dbg/%: $(BUILD)/user/%.o $(ULIB) user/user.ld
	@mkdir -p $(@D)
	$(LD) -z max-page-size=4096 -T user/user.ld -o $@ \
	  $(BUILD)/user/lib/crt0.o $< $(ULIB)

$(BUILD)/user/bin/%: $(BUILD)/user/dbg/%
	@mkdir -p $(@D)
	$(OBJCOPY) --strip-all $< $@

# ---- the file system image --------------------------------------------------
MKFS	= $(BUILD)/mkfs/mkfs
$(MKFS): mkfs/mkfs.c kernel/dinode.h
	@mkdir -p $(@D)
	cc -Wall -O2 -o $@ mkfs/mkfs.c

$(BUILD)/fs.img: $(MKFS) $(UBINS) README.md
	$(MKFS) $@ README.md $(UBINS)

# ---- running ---------------------------------------------------------------
OPENSBI_FW = $(firstword $(wildcard \
	/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin) default)
QEMUOPTS = -machine virt -bios $(OPENSBI_FW) -kernel $(KERNEL).bin \
	-m $(strip $(MEM)) -smp $(strip $(CPUS)) -nographic -no-reboot \
	-global virtio-mmio.force-legacy=false \
	-drive file=$(BUILD)/fs.img,if=none,format=raw,id=x0 \
	-device virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0

# The targets that install packages build through a second make, so that
# a toolchain installed by deps is found (TOOLPREFIX is probed at start).
qemu: deps
	@$(MAKE) --no-print-directory all
	@echo "*** QEMU: quit with Ctrl-A then X; ^P lists processes."
	$(QEMU) $(QEMUOPTS)

qemu-gdb: deps
	@$(MAKE) --no-print-directory all
	@echo "*** QEMU is halted, waiting for gdb on port $(GDBPORT)."
	@echo "*** In another terminal, in this directory, run: make gdb"
	@echo "***   (or: $(GDB) -nx -x .gdbinit -ex 'target remote :$(GDBPORT)' $(KERNEL))"
	$(QEMU) $(QEMUOPTS) -S -gdb tcp::$(GDBPORT)

gdb: deps
	$(GDB) -nx -x .gdbinit -ex 'target remote :$(GDBPORT)' $(KERNEL)

print-gdbport:
	@echo $(GDBPORT)

# ---- checks ----------------------------------------------------------------
deps:
	@CI=$(CI) sh tools/install-deps.sh

check-toolchain:
	@if [ -z "$(TOOLPREFIX)" ]; then \
	  echo "no RISC-V gcc found: run 'sh tools/install-deps.sh' or set TOOLPREFIX=" >&2; \
	  exit 1; fi

doctor:
	@sh tools/doctor.sh "$(TOOLPREFIX)" "$(QEMU)" "$(GDB)"

grade: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) tools/grade.py --cpus $(strip $(CPUS)) --mem $(strip $(MEM))

test: deps
	$(MAKE) all
	$(PYTHON) tools/test.py

bench: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) tools/bench.py

# Labs: make lab LAB=cow OUT=dir writes a student tree (docs/labs.md).
LAB ?= cow
OUT ?= $(BUILD)/lab-$(LAB)
lab:
	$(PYTHON) tools/mklab.py $(LAB) $(OUT)

# Longer robustness runs than make test: millions of fuzzed calls and the
# fork-family storm, at CPUS=4 (STRESS_CALLS, STRESS_SEED to change).
STRESS_CALLS ?= 2000000
STRESS_SEED ?= 1
stress: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) tools/grade.py --cpus 4 --timeout 10800 \
	  --only 'test_fuzz:$(STRESS_SEED) $(STRESS_CALLS) 4 10000' \
	  --only test_stress

clean:
	rm -rf $(BUILD) results.json

help:
	@echo "make qemu | qemu-gdb | gdb | test | grade | bench | stress | lab LAB=name OUT=dir | doctor | clean"
	@echo "options: CPUS=$(strip $(CPUS)) MEM=$(strip $(MEM)) TOOLPREFIX=$(TOOLPREFIX)"

.PHONY: all qemu qemu-gdb gdb print-gdbport deps check-toolchain doctor \
	grade test bench stress lab clean help
.PRECIOUS: $(BUILD)/user/%.o $(BUILD)/user/dbg/%

-include $(wildcard $(BUILD)/kernel/*.d $(BUILD)/user/*.d $(BUILD)/user/lib/*.d)
