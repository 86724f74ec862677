#!/bin/sh
# Builds Vireo (if needed) and starts its Karaf distribution in the foreground with a console:
# at the karaf@root()> prompt, try `virt:list --all`. Type `shutdown -f` (or Ctrl-D) to stop.
# The unpacked distribution lives in build/vireo; definitions you make stay there between runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
"$here/setup-test-deps.sh"
. "$here/java17.sh"
dist=karaf-assembly/target/vireo-karaf-assembly-0.1.0-SNAPSHOT.tar.gz
if [ ! -f "$dist" ] || [ -n "$(find bundles drivers features karaf-assembly etc pom.xml -newer "$dist" -type f 2>/dev/null | grep -v /target/ | head -1)" ]; then
	mvn -B -q -Dstyle.color=never install -DskipTests -pl karaf-assembly -am
fi
mkdir -p build
if [ ! -d build/vireo ] || [ "$dist" -nt build/vireo/.unpacked ]; then
	# Keep definitions (vireo/) across rebuilds; replace everything else.
	saved=""
	if [ -d build/vireo/vireo ]; then
		saved=$(mktemp -d)
		mv build/vireo/vireo "$saved/"
	fi
	rm -rf build/vireo build/vireo-karaf-assembly-0.1.0-SNAPSHOT
	tar xzf "$dist" -C build
	mv build/vireo-karaf-assembly-0.1.0-SNAPSHOT build/vireo
	if [ -n "$saved" ]; then
		mv "$saved/vireo" build/vireo/
		rmdir "$saved"
	fi
	touch build/vireo/.unpacked
fi
exec build/vireo/bin/karaf "$@"
