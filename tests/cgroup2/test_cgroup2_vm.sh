#!/usr/bin/env bash
# The sandbox on a pure cgroup v2 host, for real: boots Debian's own kernel
# under qemu with cgroup_no_v1=all (no v1 controller can be mounted), the
# host's root file system shared read-only over 9p as the guest's root, and
# runs tests/cgroup2/guest.sh there as pid 1 (see it for what each step
# checks). This machine and CI have only v1 controllers, so this is the only
# place the v2 backend of shared/sandbox/cgroup.c runs.
#
# Default steps (the ctest, ~1 min): the guest is pure v2; test_sandbox with
# the worker in the root cgroup; its cgroup tests again from a child cgroup
# holding processes (the tito-worker leaf move); 4 workers starting at once
# there; a worker whose cgroup has no controllers delegated is refused with
# the reason. By hand: CG2_ONLY="hostile" / "batch" (tests/hostile and
# tests/hostile_batch in the guest, minutes under emulation; the memory hogs
# need CG2_VM_MEM=5120, their limit being 2 GiB per job, two at a time).
#
# KVM is used when the host has hardware KVM (kvm_intel/kvm_amd). Elsewhere,
# e.g. this project's machines, whose /dev/kvm is PVM (kvm_pvm: it boots only
# PVM guest kernels, and Debian's hangs right after the real-mode setup), the
# guest is emulated (TCG), which is why the default steps are few.
# Needs root and the packages of `scripts/deps.sh --test` (qemu-system-x86,
# linux-image-amd64, busybox-static): a missing one is a failure. Exits 77
# (ctest: skipped), saying why, only when not root or when CG2_VM_ACCEL=kvm is
# asked for and there is no hardware KVM.
#
#   tests/cgroup2/test_cgroup2_vm.sh            # uses $TITO_BUILD_DIR, else build/
#   CG2_ONLY="v2 sandbox"                       # only these guest steps (see guest.sh)
#   CG2_VM_ACCEL=kvm|tcg CG2_VM_SMP=2 CG2_VM_MEM=2048   # guest (defaults: auto, 2 vCPUs, 2 GiB)
#   CG2_SANDBOX_FILTER=GLOB CG2_CHILD_FILTER=GLOB HOSTILE_ONLY="07 08"   # subsets
set -euo pipefail
SKIP=77
SRC=${TITO_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${TITO_BUILD_DIR:-$SRC/build}
BUILD=$(cd "$BUILD" && pwd)
HERE=$SRC/tests/cgroup2
say() { echo "cgroup2-vm: $*"; }
fail() { say "FAIL: $*"; exit 1; }

# -- can it run here ----------------------------------------------------------
if [ "$(id -u)" != 0 ]; then
    say "SKIP: needs root (the guest's tests run the sandbox as root, and the VM shares / as root)"
    say "      the cgroup v2 backend of the sandbox is NOT tested by this run"
    exit $SKIP
fi
hw_kvm=0
if [ -e /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] && { [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
    hw_kvm=1
fi
ACCEL=${CG2_VM_ACCEL:-auto}
case $ACCEL in
auto) [ $hw_kvm = 1 ] && ACCEL=kvm || ACCEL=tcg ;;
kvm)
    if [ $hw_kvm = 0 ]; then
        say "SKIP: CG2_VM_ACCEL=kvm but no hardware KVM here ($([ -e /dev/kvm ] && echo "/dev/kvm is there, but no kvm_intel/kvm_amd module$([ -d /sys/module/kvm_pvm ] && echo ': it is PVM (kvm_pvm)')" || echo "no /dev/kvm"))"
        say "      the cgroup v2 backend of the sandbox is NOT tested by this run"
        exit $SKIP
    fi ;;
tcg) ;;
*) fail "CG2_VM_ACCEL must be auto, kvm or tcg, not '$ACCEL'" ;;
esac
if [ "$ACCEL" = tcg ] && [ -z "${CG2_VM_ACCEL:-}" ]; then
    why="no /dev/kvm"
    [ -e /dev/kvm ] && why="/dev/kvm has no kvm_intel/kvm_amd behind it"
    [ -d /sys/module/kvm_pvm ] && why="/dev/kvm is PVM (kvm_pvm), which boots only PVM guest kernels"
    say "no hardware KVM ($why): emulating the guest (TCG), slower"
fi
QEMU=$(command -v qemu-system-x86_64 || true)
[ -n "$QEMU" ] || fail "qemu-system-x86_64 missing: run scripts/deps.sh --test (package qemu-system-x86)"
BUSYBOX=/bin/busybox
[ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null || true)" = "install ok installed" ] ||
    fail "a static busybox is missing: run scripts/deps.sh --test (package busybox-static)"
# Debian's own generic kernel, the newest (the host's may be one that qemu
# cannot boot; the cloud flavour has no 9p).
KERNEL=$(ls -1 /boot/vmlinuz-*-amd64 2>/dev/null | grep -Ev -- '-(cloud|rt)-amd64$' | sort -V | tail -n 1 || true)
[ -n "$KERNEL" ] || fail "no Debian kernel in /boot: run scripts/deps.sh --test (package linux-image-amd64)"
KVER=${KERNEL#/boot/vmlinuz-}
[ -d "/lib/modules/$KVER" ] || fail "/lib/modules/$KVER missing for $KERNEL: reinstall linux-image-$KVER"
for b in "$BUILD/test_sandbox" "$BUILD/tito"; do
    [ -x "$b" ] || fail "$b missing: build first (cmake --build $BUILD)"
done

# -- the initramfs: busybox, the virtio + 9p modules, an init that mounts the
# host's root read-only and hands over to guest.sh --------------------------
VM=$BUILD/cgroup2-vm
OUT=$VM/out
rm -rf "$VM"
mkdir -p "$VM/initrd/bin" "$VM/initrd/lib/modules" "$VM/initrd/newroot" "$VM/initrd/proc" "$VM/initrd/sys" \
    "$VM/initrd/dev" "$OUT"
cp "$BUSYBOX" "$VM/initrd/bin/busybox"
mods=()
for m in virtio_pci 9pnet_virtio 9p; do
    deps=$(modprobe -S "$KVER" --show-depends "$m" 2>&1) ||
        fail "modprobe cannot resolve module $m for $KVER (is linux-image-$KVER complete?): $deps"
    while read -r verb path _; do
        [ "$verb" = insmod ] || continue
        case " ${mods[*]:-} " in *" $(basename "$path") "*) continue ;; esac
        cp "$path" "$VM/initrd/lib/modules/"
        mods+=("$(basename "$path")")
    done <<<"$deps"
done
cat >"$VM/initrd/init" <<EOF
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev
for m in ${mods[*]}; do
    /bin/busybox insmod /lib/modules/\$m || echo "cgroup2-vm: initramfs: insmod \$m failed"
done
if ! /bin/busybox mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /newroot; then
    echo "cgroup2-vm: initramfs: cannot mount the host's root over 9p"
    echo o >/proc/sysrq-trigger
fi
/bin/busybox umount /proc /sys /dev
exec /bin/busybox switch_root /newroot /bin/bash $VM/guest.sh
EOF
chmod 755 "$VM/initrd/init"
(cd "$VM/initrd" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null | gzip -1) >"$VM/initrd.cpio.gz"

# A copy: bash reads a script as it runs it, so editing the original meanwhile
# would derail the guest.
cp "$HERE/guest.sh" "$VM/guest.sh"
# What guest.sh needs to know, on the share it writes its results to.
cat >"$OUT/env" <<EOF
SRC=$SRC
BUILD=$BUILD
OUT=$OUT
CG2_ONLY="${CG2_ONLY:-}"
CG2_SANDBOX_FILTER="${CG2_SANDBOX_FILTER:-}"
CG2_CHILD_FILTER="${CG2_CHILD_FILTER:-}"
HOSTILE_ONLY="${HOSTILE_ONLY:-}"
EOF

# -- boot -----------------------------------------------------------------------
if [ "$ACCEL" = kvm ]; then
    # arch-capabilities: some nested KVMs refuse to set that MSR (qemu aborts).
    CPU=host,-arch-capabilities
else
    ACCEL=tcg,thread=multi CPU=max
fi
SMP=${CG2_VM_SMP:-2}
MEM=${CG2_VM_MEM:-2048}
# Below ctest's 900 s, so that a hung guest is reported here with its console.
VM_TIMEOUT=${CG2_VM_TIMEOUT:-840}
say "booting $KERNEL (pure cgroup v2, $ACCEL) with $SMP vCPUs, $MEM MiB; console: $VM/console.log"
t0=$(date +%s)
set +e
# cgroup_no_v1=all: no v1 controller can be mounted, whatever anything tries.
# The guest sees the host's / read-only; its writable places are tmpfs, plus
# $OUT (rw) for the results. multidevs=remap: / spans several host file
# systems, whose inode numbers would otherwise collide in the guest.
timeout -k 10 "$VM_TIMEOUT" "$QEMU" -machine pc -accel "$ACCEL" -cpu "$CPU" -smp "$SMP" -m "$MEM" \
    -nodefaults -no-user-config -display none -no-reboot \
    -serial "file:$VM/console.log" \
    -kernel "$KERNEL" -initrd "$VM/initrd.cpio.gz" \
    -append "console=ttyS0 panic=-1 quiet loglevel=4 cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1 rdinit=/init" \
    -virtfs "local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap" \
    -virtfs "local,path=$OUT,mount_tag=out,security_model=passthrough" \
    >"$VM/qemu.log" 2>&1
qrc=$?
set -e
t1=$(date +%s)
say "VM ran $((t1 - t0)) s (qemu exit $qrc)"
if [ "$qrc" -ne 0 ]; then
    cat "$VM/qemu.log"
    tail -n 50 "$VM/console.log" 2>/dev/null
    fail "qemu exited $qrc$([ "$qrc" = 124 ] && echo ' (timed out after $VM_TIMEOUT s)')"
fi
[ -f "$OUT/guest.log" ] || { tail -n 80 "$VM/console.log"; fail "the guest wrote no log (see the console above)"; }
cat "$OUT/guest.log"
[ -f "$OUT/result" ] || { tail -n 40 "$VM/console.log"; fail "the guest stopped before its end (no result file)"; }
read -r npass nfail <"$OUT/result"
say "$npass passed, $nfail failed"
[ "$nfail" = 0 ] && [ "$npass" -gt 0 ]
