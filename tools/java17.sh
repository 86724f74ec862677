# Sourced by the tools: Karaf 4.4 needs Java 17 (it does not start on 25), so pin JAVA_HOME to it.
for candidate in "${VIREO_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/java-17-openjdk; do
	if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
		JAVA_HOME=$candidate
		export JAVA_HOME
		PATH="$JAVA_HOME/bin:$PATH"
		export PATH
		break
	fi
done
