#!/usr/bin/env bash
# check-fresh: `make check` the way a new user meets it. Builds a minimal Debian 12 in a folder
# (debootstrap --variant=minbase bookworm), adds only make and git, clones this repository inside
# (its committed HEAD) and runs `make check` there as root in a chroot: the set-up script must then
# install the compiler, CMake and the libraries by itself. Then `make deb`, the package installed
# with apt, `man caseload`, and a comparison of the installed scenarios.
#
# Cached under .cache/check-fresh/: the debootstrapped system as a tarball (made once) and the .deb
# files apt downloads (so a second run downloads nothing). Each run unpacks a fresh copy of the
# tarball, so nothing installed by one run leaks into the next.
# Needs root and debootstrap. Apt inside the chroot uses this machine's sources and apt proxy
# settings (copied in), since only the Debian archive as configured here may be reachable.
# Exit status: that of `make check` in the chroot (0: it passed), or 1 for a set-up failure.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=$repo/.cache/check-fresh
tarball=$cache/bookworm-minbase.tar.gz
debs=$cache/apt-archives
root=$cache/root.$$

say() { echo "check-fresh: $*" >&2; }
[ "$(id -u)" -eq 0 ] || { say "needs root (chroot and mounts)"; exit 1; }
command -v debootstrap >/dev/null || { say "needs debootstrap: apt-get install debootstrap"; exit 1; }

# The first Debian mirror in this machine's apt sources (deb822 or one-line format).
mirror() {
  local m
  m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list \
                     /etc/apt/sources.list.d/*.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

mounts_under() { awk -v p="$1" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r; }

cleanup() {
  local rc=$? m
  for m in $(mounts_under "$root"); do umount "$m" 2>/dev/null || umount -l "$m" || true; done
  if [ -d "$root" ]; then
    if [ -z "$(mounts_under "$root")" ]; then
      rm -rf --one-file-system "$root"
    else
      say "mounts remain under $root; not removing it"
    fi
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$cache" "$debs"
if [ ! -s "$tarball" ]; then
  say "debootstrap --variant=minbase bookworm from $(mirror) (once; cached as $tarball)"
  base=$cache/base.$$
  debootstrap --variant=minbase bookworm "$base" "$(mirror)" >&2
  tar -C "$base" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf --one-file-system "$base"
fi

say "unpacking a fresh system into $root"
mkdir -p "$root"
tar -C "$root" -xzf "$tarball"

# Apt sources and proxy settings of this machine (not the disabled ones), and name resolution.
rm -f "$root"/etc/apt/sources.list "$root"/etc/apt/sources.list.d/*
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && cp "$f" "$root/etc/apt/sources.list.d/"
done
for f in /etc/apt/apt.conf.d/*; do
  [ -f "$f" ] && grep -qiE 'proxy|Check-Valid-Until|Check-Date' "$f" && cp "$f" "$root/etc/apt/apt.conf.d/"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mkdir -p "$root/src" "$root/var/cache/apt/archives"
mount --bind "$repo" "$root/src"
mount -o remount,bind,ro "$root/src"
mount --bind "$debs" "$root/var/cache/apt/archives"

say "adding make and git, cloning the repository, running make check (as root, in the chroot)"
set +e
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash -euo pipefail -c '
    rm -f /etc/apt/apt.conf.d/docker-clean   # keep downloaded .debs in the shared cache
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends make git >/dev/null
    git config --global --add safe.directory "*"
    git clone -q /src /root/caseload
    cd /root/caseload
    echo "check-fresh: commit $(git rev-parse --short HEAD): $(git log -1 --format=%s)" >&2
    make check
    # The Debian package as a user meets it: built, installed with apt, the man page, and a
    # comparison of the installed scenarios from another folder.
    make deb
    apt-get install -y -qq ./build/caseload_*.deb >/dev/null
    apt-get install -y -qq --no-install-recommends man-db >/dev/null
    # to a file first: grep -q closing the pipe early would fail the pipeline under pipefail; the
    # page is justified, so the spaces around the dash vary
    MANWIDTH=80 man caseload >/tmp/man.txt 2>&1 || true
    grep -Eq "caseload +- +simulate the capacity" /tmp/man.txt || { echo "check-fresh: man caseload shows: $(head -c 300 /tmp/man.txt)" >&2; exit 1; }
    cd /tmp
    caseload compare /usr/share/caseload/scenarios/isle-of-wight-2011.ini \
      /usr/share/caseload/scenarios/centre-cut-27.ini --reps 4 --quiet --out /tmp/installed-run
    test -s /tmp/installed-run/report.html && test -s /tmp/installed-run/results.xlsx
    echo "check-fresh: the installed package ran a comparison: /tmp/installed-run/report.html" >&2
  '
rc=$?
set -e
if [ $rc -eq 0 ]; then say "PASSED: make check, make deb and the installed package in a fresh Debian 12 with only make and git added"; else
  say "FAILED: make check exited $rc"; fi
exit $rc
