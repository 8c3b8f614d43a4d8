#!/bin/sh
# Installs berth from this clone in one command: ./install.sh
#
# Builds the jar with the Maven wrapper (needs only a JDK 17+; the wrapper fetches Maven), copies
# the launcher and the jar to $BERTH_HOME (default ~/.local/share/berth), so the clone can go
# afterwards, and links $PREFIX/bin/berth (default ~/.local/bin/berth), creating the directories
# that are missing. Set BERTH_SKIP_BUILD=1 to install a jar already built in target/.
set -eu
cd "$(dirname "$0")"
PREFIX=${PREFIX:-$HOME/.local}
BERTH_HOME=${BERTH_HOME:-$PREFIX/share/berth}

# (a release tarball holds the jar and no wrapper: nothing to build then)
if [ "${BERTH_SKIP_BUILD:-}" != 1 ] && [ -x ./mvnw ]; then
  ./mvnw -q -B package -DskipTests
fi
if [ ! -f target/berth.jar ]; then
  echo "install.sh: target/berth.jar was not built" >&2
  exit 1
fi

# The launcher finds its jar at ../target/berth.jar, so the installed tree keeps that shape.
mkdir -p "$BERTH_HOME/bin" "$BERTH_HOME/target" "$PREFIX/bin"
cp bin/berth "$BERTH_HOME/bin/berth.tmp" && mv "$BERTH_HOME/bin/berth.tmp" "$BERTH_HOME/bin/berth"
chmod 755 "$BERTH_HOME/bin/berth"
cp target/berth.jar "$BERTH_HOME/target/berth.jar.tmp"
mv "$BERTH_HOME/target/berth.jar.tmp" "$BERTH_HOME/target/berth.jar"
# a start-up cache made for another jar would only be ignored: drop the old ones
rm -f "$BERTH_HOME"/target/berth-jdk*.jsa "$BERTH_HOME"/target/berth-jdk*.aot
ln -sf "$BERTH_HOME/bin/berth" "$PREFIX/bin/berth"

"$PREFIX/bin/berth" --version
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "install.sh: $PREFIX/bin is not on your PATH; add it, e.g. in ~/.profile:" \
       "export PATH=\"$PREFIX/bin:\$PATH\"" >&2 ;;
esac
