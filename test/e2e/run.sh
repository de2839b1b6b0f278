#!/usr/bin/env bash
# Run only the real-build e2e suite: make the offline base images if needed, then the jest suite.
# A missing container engine is a failure here (HARDEN_E2E=1). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/e2e/make-base-image.sh
HARDEN_E2E=1 exec node --experimental-vm-modules node_modules/jest/bin/jest.js test/e2e "$@"
