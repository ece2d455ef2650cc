#!/usr/bin/env bash
# Rebuild the hostile input corpus listed in sources.tsv (never commit the files themselves).
# Fetch each repository in column 1 first with the search tool's fetch verb; it answers with the path of
# a git directory such as <MIRROR_DIR>/<owner>+<name>/repo (or .../repo/.git).
# Usage: collect.sh MIRROR_DIR OUT_DIR
# Every listed file is written from the fetched snapshot's HEAD to OUT_DIR/<name>. Prints how many files
# were written and which were missing; exits non-zero if none were written.
set -u
mir=${1:?usage: collect.sh MIRROR_DIR OUT_DIR}; out=${2:?usage: collect.sh MIRROR_DIR OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out" || exit 2
written=0; missing=()
while IFS=$'\t' read -r repo path name _class _note; do
  [ -n "$repo" ] || continue
  d=""
  for c in "$mir/${repo/\//+}/repo" "$mir/${repo/\//+}/repo/.git" "$mir/${repo/\//+}"/*; do
    git --git-dir="$c" rev-parse -q --verify "HEAD^{commit}" >/dev/null 2>&1 && { d=$c; break; }
  done
  dest="$out/$name"
  if [ -n "$d" ] && git --git-dir="$d" show "HEAD:$path" > "$dest.part" 2>/dev/null; then
    mv -f "$dest.part" "$dest"; written=$((written + 1))
  else
    rm -f "$dest.part"
    if [ -z "$d" ]; then missing+=("$name (no snapshot: fetch github:$repo)"); else missing+=("$name (not in $repo HEAD: $path)"); fi
  fi
done < <(tail -n +2 "$here/sources.tsv")
echo "wrote $written file(s) to $out"
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing ${#missing[@]}:" >&2
  printf '  %s\n' "${missing[@]}" >&2
fi
[ "$written" -gt 0 ]
