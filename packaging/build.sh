#!/usr/bin/env bash
# Build InterventionDesk's Linux artefacts from a clean checkout:
#   dist/InterventionDesk/                                   the PyInstaller onedir app
#   dist/InterventionDesk-<version>-linux-x86_64.tar.gz      the same, as one archive
#   dist/interventiondesk_<version>_amd64.deb                the Debian package (dpkg-deb)
#   build/icons/                                             PNGs in the hicolor sizes, the SVG
#                                                            and interventiondesk.ico (Windows)
# Run from anywhere: bash packaging/build.sh. Build tools go into a build venv (build/venv);
# the few Debian packages it needs are installed when missing (as root: CI and containers).
# packaging/README.md explains each step; packaging/test_build.sh proves what this builds.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' src/interventiondesk/__init__.py)
if [ -z "$version" ]; then
  echo "build.sh: no __version__ in src/interventiondesk/__init__.py" >&2
  exit 1
fi
echo "Building InterventionDesk $version"

# Debian packages the build itself needs: python3-venv (the build venv), binutils (PyInstaller
# reads ELF dependencies with objdump; strip), patchelf, and the libraries Qt loads to render
# the icons.
BUILD_PACKAGES="python3-venv binutils patchelf libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 libx11-6 libxcb1"
missing=""
for package in $BUILD_PACKAGES; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "Installing build packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# The build venv: the project's own dependencies (as pyproject.toml pins them) and PyInstaller.
if [ ! -x build/venv/bin/python ]; then
  python3 -m venv build/venv
fi
build/venv/bin/pip install -q . "pyinstaller>=6.10,<7"

# Icons: PNGs for the hicolor theme and the .ico, drawn by Qt from resources/icons/app.svg.
rm -rf build/icons
QT_QPA_PLATFORM=offscreen build/venv/bin/python packaging/render_icons.py build/icons

# The onedir app.
rm -rf dist/InterventionDesk
build/venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/interventiondesk.spec
# Tidy the binaries as a distribution would: strip the libraries' debugging symbols (the
# executable itself carries the app's archive and is left as PyInstaller made it), drop run
# paths that point into the build machine (a Python built by pyenv records its own folder),
# and libraries need no execute bit.
# numpy's bundled OpenBLAS (numpy.libs, already trimmed by auditwheel) is left as it comes:
# strip makes it unloadable ("ELF load command address/offset not page-aligned").
find dist/InterventionDesk/_internal -type f -name '*.so*' -not -path '*/numpy.libs/*' -print0 |
  while IFS= read -r -d '' library; do
    strip --strip-unneeded "$library"
    runpath=$(patchelf --print-rpath "$library")
    if [ -n "$runpath" ] && [[ "$runpath" != *'$ORIGIN'* ]]; then
      patchelf --remove-rpath "$library"
    fi
    chmod 0644 "$library"
  done
find dist/InterventionDesk/_internal -type f -path '*/numpy.libs/*' -name '*.so*' -exec chmod 0644 {} +
frozen_done=$(date +%s)

# Reproducible archives: files sorted, owned by root, dated by the last commit.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
tarball="dist/InterventionDesk-$version-linux-x86_64.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C dist -cf - InterventionDesk | gzip -n -6 >"$tarball"
tarred=$(date +%s)

# The Debian package, laid out in build/deb/root.
app_id=org.interventiondesk.InterventionDesk
root=build/deb/root
rm -rf build/deb
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/icons" "$root/usr/share/doc/interventiondesk" \
  "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
cp -a dist/InterventionDesk "$root/opt/interventiondesk"
# One program: the window without a command, the command line with one. The desktop entry runs
# interventiondesk-gui, as the Python package's entry point of that name does.
ln -s /opt/interventiondesk/interventiondesk "$root/usr/bin/interventiondesk"
ln -s /opt/interventiondesk/interventiondesk "$root/usr/bin/interventiondesk-gui"
# The DejaVu fonts come from Debian's fonts-dejavu-core, the CJK fallback from
# fonts-droid-fallback (dependencies, the same files), not a second copy.
fonts="$root/opt/interventiondesk/_internal/interventiondesk/resources/fonts"
for font in DejaVuSans.ttf DejaVuSans-Bold.ttf; do
  ln -sf "/usr/share/fonts/truetype/dejavu/$font" "$fonts/$font"
done
ln -sf /usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf "$fonts/DroidSansFallback.ttf"
install -m 0644 "packaging/$app_id.desktop" "$root/usr/share/applications/"
install -m 0644 "packaging/$app_id.metainfo.xml" "$root/usr/share/metainfo/"
cp -r build/icons/hicolor "$root/usr/share/icons/"
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/interventiondesk/copyright"
gzip -9n <packaging/debian/changelog >"$root/usr/share/doc/interventiondesk/changelog.gz"
gzip -9n <packaging/debian/interventiondesk.1 >"$root/usr/share/man/man1/interventiondesk.1.gz"
ln -s interventiondesk.1.gz "$root/usr/share/man/man1/interventiondesk-gui.1.gz"
install -m 0644 packaging/debian/lintian-overrides "$root/usr/share/lintian/overrides/interventiondesk"
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr/share" -type f -exec chmod 0644 {} +
# The libraries the bundled binaries load from the system (PyInstaller leaves out libc, libGL,
# fontconfig and the X and Wayland client libraries on purpose, so that the machine's own
# graphics drivers are used); they are listed in packaging/debian/depends.
depends=$(grep -v '^#' packaging/debian/depends | grep -v '^$' | paste -sd, - | sed 's/,/, /g')
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/$depends/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  packaging/debian/control >"$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb="dist/interventiondesk_${version}_amd64.deb"
# xz at level 1 packs in well under a minute on two cores; DEB_COMPRESSION="xz -z6" (dpkg's
# default) makes a smaller package in several minutes. (lintian refuses zstd packages.)
read -r deb_type deb_level <<<"${DEB_COMPRESSION:-xz -z1}"
dpkg-deb --root-owner-group "-Z$deb_type" ${deb_level:+"$deb_level"} --build "$root" "$deb" >/dev/null

finished=$(date +%s)
echo
echo "Built in $((finished - started)) s (up to the onedir app $((frozen_done - started)) s, the .tar.gz $((tarred - frozen_done)) s, the .deb $((finished - tarred)) s):"
echo "  dist/InterventionDesk/  $(du -sh dist/InterventionDesk | cut -f1)  ($(find dist/InterventionDesk -type f | wc -l) files)"
echo "  $tarball  $(du -h "$tarball" | cut -f1)"
echo "  $deb  $(du -h "$deb" | cut -f1)"
echo "  build/icons/interventiondesk.ico (for packaging/interventiondesk.iss)"
