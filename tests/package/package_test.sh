#!/usr/bin/env bash
# The Debian package as a user gets it: the desktop file and the AppStream metadata validate, `cpack -G
# DEB` builds seedscape_VERSION_ARCH.deb (into a temporary folder, the build folder untouched),
# lintian finds no error in it, and the programs extracted from it with `dpkg -x` run.
# Usage: package_test.sh SOURCE_DIR BUILD_DIR VERSION. Exit 77 (skipped) when a tool is missing.
set -euo pipefail

source_dir=$1
build_dir=$2
version=$3
app_id=io.seedscape.Seedscape

for tool in desktop-file-validate appstreamcli lintian dpkg-deb dpkg-shlibdeps help2man cpack; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is not installed (bash packaging/install-deps.sh installs it)"
        exit 77
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/seedscape-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== desktop-file-validate"
desktop-file-validate "$source_dir/packaging/$app_id.desktop" || fail "desktop-file-validate"

# The ID io.seedscape.Seedscape is fixed (the desktop file and the icon are named after it), so the
# pedantic hint about its capital letter is expected; anything else fails.
check_appstream() {
    local output
    output=$("$@" 2>&1) || { echo "$output"; fail "$*"; }
    echo "$output"
    if echo "$output" | grep -E '^[EWIP]: ' | grep -v 'cid-contains-uppercase-letter'; then
        fail "$*: issues above"
    fi
}
echo "== appstreamcli validate --pedantic"
check_appstream appstreamcli validate --pedantic --no-net "$source_dir/packaging/$app_id.metainfo.xml"

echo "== packaging/changelog and the metainfo name version $version"
head -n 1 "$source_dir/packaging/changelog" | grep -q "^seedscape ($version) " \
    || fail "packaging/changelog's newest entry is not $version"
grep -q "<release version=\"$version\"" "$source_dir/packaging/$app_id.metainfo.xml" \
    || fail "the metainfo has no <release> for $version"

echo "== cpack -G DEB"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack"; }
arch=$(dpkg --print-architecture)
deb="$work/out/seedscape_${version}_${arch}.deb"
[ -f "$deb" ] || { ls "$work/out"; fail "cpack wrote no $(basename "$deb")"; }
dpkg-deb --info "$deb" | sed -n '/^ [A-Z][A-Za-z-]*:/,$p'

echo "== the control fields"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Section)" = science ] || fail "Section is '$(field Section)'"
[ "$(field Priority)" = optional ] || fail "Priority is '$(field Priority)'"
field Maintainer | grep -Eq '^[^<]+ <[^@>]+@[^>]+>$' || fail "Maintainer '$(field Maintainer)' has no address"
for library in libqt6widgets6 libqt6svg6 libtorch; do
    field Depends | grep -q "$library" || fail "Depends lacks $library: $(field Depends)"
done

echo "== the files"
dpkg-deb --contents "$deb" | awk '{ print $1, $6 }'
root="$work/root"
dpkg -x "$deb" "$root"
for file in usr/bin/seedscape usr/bin/seedscape-cli \
    usr/share/applications/$app_id.desktop usr/share/metainfo/$app_id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/$app_id.svg \
    usr/share/man/man1/seedscape.1.gz usr/share/man/man1/seedscape-cli.1.gz \
    usr/share/doc/seedscape/copyright usr/share/doc/seedscape/changelog.gz; do
    [ -s "$root/$file" ] || fail "the package lacks /$file"
done
echo "== appstreamcli validate-tree --pedantic (the installed tree)"
check_appstream appstreamcli validate-tree --pedantic --no-net "$root"

echo "== lintian"
# Errors fail the test; warnings and the rest are listed.
lintian --fail-on error --display-info --tag-display-limit 0 "$deb" | tee "$work/lintian.log" \
    || fail "lintian reports errors"

echo "== the extracted seedscape-cli"
cli="$root/usr/bin/seedscape-cli"
[ "$("$cli" --version)" = "seedscape-cli $version" ] || fail "--version says '$("$cli" --version)'"
"$cli" sample --workspace "$work/ws" || fail "seedscape-cli sample"
ls "$work/ws"
[ -f "$work/ws/diabetes-mlp.experiment.json" ] || fail "sample wrote no diabetes-mlp.experiment.json"
"$cli" check "$work/ws/diabetes-mlp.experiment.json" >/dev/null || fail "seedscape-cli check on the sample"
echo "== the extracted seedscape --version"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/seedscape" --version | grep -qx "Seedscape $version" \
    || fail "seedscape --version"
echo "PASS"
