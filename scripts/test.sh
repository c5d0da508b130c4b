#!/usr/bin/env bash
# Installs the C libraries and runs the whole test suite. The build step
# also builds the theorem-check executable that the end-to-end tests start.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Swift toolchain may be installed outside PATH, e.g. at /opt/swift (see README).
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
