#!/usr/bin/env bash
# The main job: installs the C libraries, builds theorem-check in release
# mode, checks every claim in Theorems/ and writes the reports to Reports/.
# Extra arguments go to `theorem-check run`, e.g. claim ids or `--jobs 4`.
# Install and build messages go to standard error, so standard output holds
# only the result lines.
# Exits with theorem-check's status: 0 all claims met their expected
# verdicts, 1 some did not, 2 some were inconclusive, 3 invalid input.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Swift toolchain may be installed outside PATH, e.g. at /opt/swift (see README).
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

bash scripts/install-deps.sh >&2
swift build -c release --product theorem-check >&2

set +e
.build/release/theorem-check run --theorems Theorems --reports Reports "$@"
status=$?
set -e
exit "$status"
