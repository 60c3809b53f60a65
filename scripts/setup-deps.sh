#!/usr/bin/env bash
# Installs, from Debian's packages only, what caseload needs and this machine lacks.
#   setup-deps.sh build   compiler, CMake, pkg-config, GSL, libplot, inih, libxlsxwriter,
#                         libmicrohttpd
#   setup-deps.sh test    the above, plus what the test suite uses (headless Chromium for the report)
#   setup-deps.sh ci      the above, plus what CI adds: valgrind, clang and its fuzzer runtime
#   setup-deps.sh deb     the build set, plus what `make deb` needs (dpkg-shlibdeps)
#   setup-deps.sh cluster the build set, plus a one-node Slurm cluster for `make check-cluster`
#                         (slurm-wlm: slurmctld, slurmd and the client commands; munge)
#   setup-deps.sh fresh   debootstrap, for `make check-fresh`
# It runs apt-get only when something is missing, and says what it installs (sudo when not root).
set -euo pipefail
what=${1:-build}

build_pkgs=(gcc libc6-dev cmake pkg-config libgsl-dev libplot-dev libinih-dev libxlsxwriter-dev zlib1g-dev
            libmicrohttpd-dev)
test_pkgs=(chromium python3 python3-openpyxl)
ci_pkgs=(valgrind clang libclang-rt-14-dev)
deb_pkgs=(dpkg-dev file)
cluster_pkgs=(slurm-wlm munge)

want=("${build_pkgs[@]}")
[ "$what" = fresh ] && want=(debootstrap)
case "$what" in
  fresh) ;;
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  ci) want+=("${test_pkgs[@]}" "${ci_pkgs[@]}") ;;
  deb) want+=("${deb_pkgs[@]}") ;;
  cluster) want+=("${cluster_pkgs[@]}") ;;
  *) echo "setup-deps: unknown set '$what' (build, test, ci, deb, cluster or fresh)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup-deps: installing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are absent or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mtime -1 2>/dev/null | head -n1)" ]; then
  $sudo apt-get update -qq
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
