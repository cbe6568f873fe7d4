#!/usr/bin/env bash
# The Debian package: cpack -G DEB from the build folder, unpacked into a
# scratch root with dpkg -x; the binary there runs, finds the banks
# installed beside it (not the source tree's), and the package holds the
# man page and the completions.  Skipped (77) without cpack or dpkg.
#
# Usage: deb_package.sh BUILD_DIR
set -uo pipefail

BUILD=${1:?usage: deb_package.sh BUILD_DIR}
command -v cpack >/dev/null && command -v dpkg >/dev/null || exit 77
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data LC_ALL=C.UTF-8
unset ROLECALL_QUIZZES
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

(cd "$BUILD" && cpack -G DEB -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1) ||
	{ cat "$TMP/cpack.log" >&2; exit 1; }
deb=$(ls "$TMP"/pkg/rolecall_*.deb 2>/dev/null | head -n 1)
[[ -f $deb ]] || { echo "FAIL: cpack made no .deb" >&2; exit 1; }
dpkg -x "$deb" "$TMP/root" || exit 1
ROOT=$TMP/root/usr

for f in bin/rolecall share/man/man1/rolecall.1 share/rolecall/quizzes/four-roles.yaml \
	 share/bash-completion/completions/rolecall share/zsh/vendor-completions/_rolecall \
	 share/fish/vendor_completions.d/rolecall.fish; do
	[[ -f $ROOT/$f ]] || fail "the package has no /usr/$f"
done
out=$("$ROOT/bin/rolecall" --version) || fail "rolecall --version: exit $?"
[[ $out =~ ^rolecall\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "rolecall --version printed '$out'"
# run from elsewhere, so nothing relative to the build can be found
out=$(cd / && "$ROOT/bin/rolecall" check) || fail "rolecall check: exit $?"
real_root=$(cd "$ROOT" && pwd -P)
want="$real_root/share/rolecall/quizzes/four-roles.yaml: ok: bank 'four-roles', "
grep -qF -- "$want" <<<"$out" || fail "rolecall check does not use the installed banks:" "$out"
if grep -F ": ok: bank" <<<"$out" | grep -qv -- "^$real_root/share/rolecall/quizzes/"; then
	fail "rolecall check read banks from outside the package:" "$out"
fi
[[ $failed -eq 0 ]] && echo "deb_package: ok"
exit $failed
