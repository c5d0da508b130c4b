#!/usr/bin/env bash
# Installs the Debian packages that TheoremCheck links against (GMP, MPFR,
# Arb and FLINT headers and libraries), but only those not yet installed.
# Runs apt-get as root directly, or through sudo when not root.
set -euo pipefail

packages=(libgmp-dev libmpfr-dev libflint-arb-dev libflint-dev)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: dpkg-query not found; this script supports Debian-based systems only." >&2
    echo "install-deps: install GMP, MPFR, Arb 2.x and FLINT 2.x development files by hand." >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: ${packages[*]} already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
else
    echo "install-deps: missing ${missing[*]}, and installing them needs root or sudo." >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update
"${run_as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
