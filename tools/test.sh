#!/bin/sh
# The whole test suite: installs what the tests need, then builds every module and runs its unit tests,
# the Pax Exam integration tests in the real distribution, and the end-to-end tests with real clients.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
"$here/setup-test-deps.sh"
. "$here/java17.sh"
# Conformance tests must not silently skip when virsh is missing.
export VIREO_REQUIRE_VIRSH=1
exec mvn -B -Dstyle.color=never verify "$@"
