#!/bin/sh
# Installs everything the test suite needs on a Debian 12 machine: the Java 17 JDK and Maven that build
# Vireo, libvirt's own clients (virsh, python3-libvirt) that the conformance tests compare against, and
# what the VMM tests need (tools/guest/setup-deps.sh; iasl from acpica-tools disassembles the VMM's ACPI
# tables). Idempotent; quiet when all is present.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PKGS="openjdk-17-jdk-headless maven libvirt-clients python3-libvirt libvirt-daemon virtinst openssh-client acpica-tools"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	echo "setup-test-deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
"$here/guest/setup-deps.sh"
