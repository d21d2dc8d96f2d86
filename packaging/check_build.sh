#!/usr/bin/env bash
# Start the built folder as a person without Python would: a clean environment, no
# venv on PATH, a fresh home. Checks the search, the first paint (offscreen and on
# an X display) and the menu entry it installs.
set -euo pipefail
folder=$(cd "${1:-dist/nutrient-tracker}" && pwd)
app="$folder/nutrient-tracker"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
clean=(env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8)

out=$("${clean[@]}" "$app" --db "$home/diary.sqlite3" search spinach --json)
first=$(printf '%s' "$out" | grep -o '"name": "[^"]*"' | head -1)
case "$first" in
  *Spinach*) echo "standalone search spinach: $first" ;;
  *) echo "standalone search gave no spinach: ${out:0:300}" >&2; exit 1 ;;
esac

"${clean[@]}" QT_QPA_PLATFORM=offscreen "$app" --db "$home/diary.sqlite3" --startup-check
xvfb-run -a sh -c 'exec env -i HOME="$0" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY" \
  XAUTHORITY="$XAUTHORITY" "$1" --db "$0/diary.sqlite3" --startup-check' "$home" "$app"

"${clean[@]}" "$app" --install-desktop-entry
entry="$home/.local/share/applications/nutrient-tracker.desktop"
grep -qx "Exec=$app" "$entry" || { echo "menu entry does not run $app:" >&2; cat "$entry" >&2; exit 1; }
test -s "$home/.local/share/icons/hicolor/256x256/apps/nutrient-tracker.png"
echo "standalone folder OK: $folder"
