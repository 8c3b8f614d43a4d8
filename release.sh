#!/bin/sh
# Release build: ./release.sh
#
# Builds and tests (./mvnw verify), then makes target/release/berth-VERSION.tar.gz holding
# berth-VERSION/{bin/berth, target/berth.jar, install.sh, README.md, docs/, rules/} and
# target/release/SHA256SUMS (for the tarball and the bare jar, berth-VERSION.jar).
# BERTH_SKIP_BUILD=1 packages a jar already built.
set -eu
cd "$(dirname "$0")"
if [ "${BERTH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B verify
fi
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
name=berth-$version
out=target/release
rm -rf "$out"
mkdir -p "$out/$name/bin" "$out/$name/target"
cp bin/berth "$out/$name/bin/"
cp target/berth.jar "$out/$name/target/"
cp install.sh README.md "$out/$name/"
cp -R docs rules "$out/$name/"
cp target/berth.jar "$out/$name.jar"
# reproducible archive: fixed order, owner and times
(cd "$out" && find "$name" -print | LC_ALL=C sort > files.txt \
  && tar --no-recursion --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - -T files.txt \
  | gzip -n -9 > "$name.tar.gz" && rm files.txt)
rm -rf "${out:?}/$name"
(cd "$out" && sha256sum "$name.tar.gz" "$name.jar" > SHA256SUMS)
echo "$out/$name.tar.gz"
