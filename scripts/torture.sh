#!/usr/bin/env bash
# Replays issue 15's fault cases end to end and prints a tally of cases tried and handled well:
# SIGKILL at several points then resume, damaged _work state, hostile paths (foreign or read-only output
# folders, planted symlinks, hard links, links out of a folder input), bad specs and broken translation
# caches. "Handled well" means what docs/runner.md promises: a resume ends byte for byte as an uninterrupted
# run; a could-not-start case is exit 2 with a message, no traceback, and nothing overwritten or left behind.
#
#   scripts/torture.sh            # everything (about 3.5 minutes on two shared cores)
#   scripts/torture.sh --quick    # three kill points instead of seven (about 2.5 minutes)
#
# Works in out/torture/ (ignored by git). Most cases use the runner's stand-in stages (tests/runner/doubles.py)
# so kills land between units; the cache cases use a tiny Marian model built here.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
export PYTHONPATH="$ROOT/src:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
W=$ROOT/out/torture
rm -rf "$W" && mkdir -p "$W"
KILLS="1 2 3 5 8 11 13"
[ "${1:-}" = "--quick" ] && KILLS="1 5 11"
tried=0
good=0
bad_cases=()

ringkas() { "$PY" -m ringkas -q "$@"; }

result() {  # NAME STATUS(0 = handled well)
  tried=$((tried + 1))
  if [ "$2" -eq 0 ]; then good=$((good + 1)); printf '  ok   %s\n' "$1"
  else bad_cases+=("$1"); printf '  BAD  %s\n' "$1"; fi
}

refused() {  # NAME MESSAGE CMD...: exit 2, MESSAGE in stderr, no traceback
  local name=$1 message=$2; shift 2
  "$@" >"$W/stdout" 2>"$W/stderr"
  local rc=$?
  [ $rc -eq 2 ] && grep -qF -- "$message" "$W/stderr" && ! grep -q Traceback "$W/stderr"
  local ok=$?
  [ $ok -ne 0 ] && echo "       rc=$rc: $(tail -c 300 "$W/stderr")"
  result "$name" $ok
}

same_outputs() {  # FOLDER: briefs and rejects byte for byte as the reference run
  cmp -s "$1/briefs.jsonl" "$W/reference/briefs.jsonl" && cmp -s "$1/rejects.jsonl" "$W/reference/rejects.jsonl"
}

spec() {  # FILE OUTPUT_DIR [EXTRA TOML LINES]: a job over the synthetic feed with the stand-in stages
  local file=$1 out=$2; shift 2
  {
    printf '[input]\npath = "%s"\n' "${FEED:-$W/feed.jsonl}"
    printf '[translate]\nmodel = "fake-mt"\n[summarise]\nmethod = "lead"\n'
    printf '[output]\ndir = "%s"\n' "$out"
    printf '[run]\nstages = "tests.runner.doubles:FakeStages"\nunit_size = 8\n'
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$file"
}

kill_after() {  # SPEC UNITS: SIGKILL a run once UNITS units are committed
  local out done_dir
  out=$(sed -n 's/^dir = "\(.*\)"/\1/p' "$1")
  done_dir=$out/_work/done
  RINGKAS_FAKE_DELAY=0.05 "$PY" -m ringkas -q run "$1" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    local n
    n=$(ls "$done_dir"/u*.jsonl 2>/dev/null | wc -l)
    [ "$n" -ge "$2" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.01
  done
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
}

"$PY" -c "
from pathlib import Path
from tests.runner.feeds import make_feed
make_feed(Path('$W/feed.jsonl'), 120, duplicates={n: n - 37 for n in range(50, 120, 23)}, broken_at=(7, 64))
"
spec "$W/reference.toml" "$W/reference"
ringkas run "$W/reference.toml" >/dev/null 2>&1 || { echo "the reference run failed"; exit 1; }

echo "kill points (SIGKILL, then run again):"
for k in $KILLS; do
  spec "$W/kill$k.toml" "$W/kill$k"
  kill_after "$W/kill$k.toml" "$k"
  ringkas run "$W/kill$k.toml" >/dev/null 2>&1 && same_outputs "$W/kill$k"
  result "SIGKILL after $k units committed, resumed" $?
done
spec "$W/killstart.toml" "$W/killstart"
kill_after "$W/killstart.toml" 0
ringkas run "$W/killstart.toml" >/dev/null 2>&1 && same_outputs "$W/killstart"
result "SIGKILL as soon as the run starts, resumed" $?
spec "$W/killplan.toml" "$W/killplan"
kill_after "$W/killplan.toml" 0
mkdir -p "$W/killplan/_work/plan.tmp/units" && printf '{"id": "half' >"$W/killplan/_work/plan.tmp/units/u000000.jsonl"
rm -rf "$W/killplan/_work/plan" "$W/killplan/_work/done"
ringkas run "$W/killplan.toml" >/dev/null 2>&1 && same_outputs "$W/killplan"
result "SIGKILL while planning (a half-written plan), resumed" $?

echo "damaged _work state (run again):"
damage() {  # NAME TARGET(relative to _work) SHELL-ACTION-ON-$F
  local name=$1 target=$2 action=$3 out=$W/damage-$1
  spec "$W/$name.toml" "$out"
  kill_after "$W/$name.toml" 10   # units 0-9 committed, the rest to do
  F=$out/_work/$target
  [ -e "$F" ] || { result "$name (no $target to damage)" 1; return; }
  eval "$action"
  ringkas run "$W/$name.toml" >/dev/null 2>&1 && same_outputs "$out"
  result "$name: recomputed" $?
}
damage unit-empty done/u000001.jsonl ': >"$F"'
damage unit-truncated done/u000001.jsonl 'truncate -s -40 "$F"'
damage unit-garbage done/u000001.jsonl 'head -c 300 /dev/urandom >"$F"'
damage unit-other-ids done/u000002.jsonl 'cp "$(dirname "$F")/u000000.jsonl" "$F"'
damage stats-garbage done/u000003.json 'head -c 300 /dev/urandom >"$F"'
damage plan-garbage plan/plan.json 'echo "{not json" >"$F"'
damage plan-unit-truncated plan/units/u000002.jsonl 'truncate -s -40 "$F"'
damage runs-half-line runs.jsonl 'printf "{\"started\": \"2026-" >>"$F"'
spec "$W/jobjson.toml" "$W/jobjson"
kill_after "$W/jobjson.toml" 3
echo "{garbage" >"$W/jobjson/_work/job.json"
refused "damaged _work/job.json: names the file and --force" "_work/job.json is damaged" ringkas run "$W/jobjson.toml"
cp "$W/reference.toml" "$W/manifest.toml" && sed -i "s#$W/reference#$W/manifest#" "$W/manifest.toml"
ringkas run "$W/manifest.toml" >/dev/null 2>&1; echo "{garbage" >"$W/manifest/manifest.json"
refused "damaged manifest.json: names the file and --force" "manifest.json is damaged" ringkas run "$W/manifest.toml"

echo "moved and changed jobs:"
spec "$W/move.toml" "$W/move-a"
kill_after "$W/move.toml" 5
mv "$W/move-a" "$W/move-b"
ringkas run "$W/move.toml" --set "output.dir=\"$W/move-b\"" >/dev/null 2>&1 && same_outputs "$W/move-b"
result "half-done folder moved, resumed there" $?
spec "$W/changed.toml" "$W/changed"
kill_after "$W/changed.toml" 5
refused "changed spec under a half-done run says what changed" "dedupe.threshold (0.7 -> 0.9)" \
  ringkas run "$W/changed.toml" --set dedupe.threshold=0.9

echo "hostile paths:"
mkdir -p "$W/mine/_work" && echo '{"mine": 1}' >"$W/mine/briefs.jsonl" && echo keep >"$W/mine/_work/notes.txt"
spec "$W/mine.toml" "$W/mine"
refused "run into a folder ringkas did not write" "holds files that ringkas did not write" ringkas run "$W/mine.toml"
[ "$(cat "$W/mine/briefs.jsonl")" = '{"mine": 1}' ] && [ -f "$W/mine/_work/notes.txt" ] && [ ! -e "$W/mine/.ringkas.lock" ]
result "  ... and the folder is untouched" $?
spec "$W/isinput.toml" "$W/feed.jsonl"
refused "output.dir is the input file" "is a file, not a folder" ringkas run "$W/isinput.toml"
spec "$W/shards.toml" "$W/shards"
for k in 1 2 3; do ringkas run "$W/shards.toml" --shard $k/3 >/dev/null 2>&1; done
before=$(ls -lR "$W/shards" | md5sum)
refused "merge -o one of its input shards" "is one of the shards being merged" \
  ringkas merge "$W"/shards/shard-*-of-3 -o "$W/shards/shard-1-of-3"
refused "merge -o a folder ringkas did not write" "holds files that ringkas did not write" \
  ringkas merge "$W"/shards/shard-*-of-3 -o "$W/mine"
[ "$(ls -lR "$W/shards" | md5sum)" = "$before" ]
result "  ... and the shards are untouched" $?
head -n -2 "$W/shards/shard-2-of-3/briefs.jsonl" >"$W/b" && mv "$W/b" "$W/shards/shard-2-of-3/briefs.jsonl"
ringkas merge "$W"/shards/shard-*-of-3 -o "$W/merged" >/dev/null 2>&1
[ "$("$PY" -c "import json; print(json.load(open('$W/merged/manifest.json'))['counts']['accepted'])")" = \
  "$(wc -l <"$W/merged/briefs.jsonl")" ]
result "merge counts what a truncated shard's files hold" $?
spec "$W/links.toml" "$W/links"
kill_after "$W/links.toml" 3
echo precious >"$W/victim.txt"
ln -s "$W/victim.txt" "$W/links/briefs.jsonl.tmp"; ln -s "$W/victim.txt" "$W/links/digest.html.tmp"
ln -s "$W/victim.txt" "$W/links/.digest.md.x.tmp"
ringkas run "$W/links.toml" >/dev/null 2>&1 && [ "$(cat "$W/victim.txt")" = precious ] && [ ! -L "$W/links/briefs.jsonl" ] \
  && same_outputs "$W/links"
result "temporary names planted as symlinks are never followed" $?
spec "$W/lock.toml" "$W/lock"
kill_after "$W/lock.toml" 2
rm -f "$W/lock/.ringkas.lock" && ln -s "$W/victim.txt" "$W/lock/.ringkas.lock"
refused "lock file planted as a symlink" "a link is in the way of its lock file" ringkas run "$W/lock.toml"
[ "$(cat "$W/victim.txt")" = precious ]
result "  ... and its target is untouched" $?
feed_sum=$(md5sum <"$W/feed.jsonl")
ln "$W/feed.jsonl" "$W/hard.jsonl"
refused "clean -o a hard link to the input" "is also the input" ringkas clean "$W/feed.jsonl" -o "$W/hard.jsonl"
[ "$(md5sum <"$W/feed.jsonl")" = "$feed_sum" ]
result "  ... and the input is intact" $?
mkdir -p "$W/pages" && printf 'Harga beras di pasar induk Jakarta naik tajam pekan ini karena pasokan berkurang.\n' >"$W/pages/a.txt"
ln -s /etc/passwd "$W/pages/passwd.txt"
ringkas clean "$W/pages" -o "$W/pages.jsonl" >/dev/null 2>&1
! grep -q "root:" "$W/pages.jsonl" "$W/pages.rejects.jsonl" 2>/dev/null
result "folder input with a symlink out of the folder: not read" $?
for cmd in clean run merge; do
  case $cmd in
    clean) refused "read-only output location: clean" "cannot write" ringkas clean "$W/feed.jsonl" -o /sys/ringkas-torture/o.jsonl ;;
    run) spec "$W/ro.toml" /sys/ringkas-torture/out
         refused "read-only output location: run" "cannot write" ringkas run "$W/ro.toml" ;;
    merge) refused "read-only output location: merge" "cannot write" \
             ringkas merge "$W"/shards/shard-*-of-3 -o /sys/ringkas-torture/m ;;
  esac
done

echo "specs and settings that cannot work:"
printf '\x89PNG\r\n\x1a\n\x00\xff' >"$W/binary.toml"
refused "binary job spec" "is not a text file" ringkas run "$W/binary.toml"
spec "$W/os.toml" "$W/os"
sed -i 's#^stages = .*#stages = "os:system"#' "$W/os.toml"
refused "run.stages = os:system" "is not a stage factory" ringkas run "$W/os.toml"
[ ! -e "$W/os" ]
result "  ... and nothing is left behind (#16 item 4: no lock, no folder)" $?
spec "$W/nan.toml" "$W/nan" '[dedupe]' 'threshold = nan'
refused "dedupe.threshold = nan" "must be a finite number" ringkas run "$W/nan.toml"
spec "$W/beams.toml" "$W/beams"
refused "translate.num_beams = 100000" "above the maximum" ringkas run "$W/beams.toml" --set translate.num_beams=100000
spec "$W/off.toml" "$W/off"
refused "translate.enabled = false with translate-then-summarise" "empty_source" \
  ringkas run "$W/off.toml" --set translate.enabled=false
refused "--accept-lang xx" "are not among" ringkas clean "$W/feed.jsonl" -o "$W/xx.jsonl" --accept-lang xx
{ printf '[input]\npath = "%s"\noptions = { colums = {} }\n' "$W/feed.jsonl"
  printf '[translate]\nenabled = false\n[summarise]\nmethod = "lead"\npipeline = "direct"\n[output]\ndir = "%s"\n' "$W/opts"; } >"$W/opts.toml"
refused "unknown input.options key" "takes no colums" ringkas run "$W/opts.toml"

echo "broken translation caches:"
"$PY" -m ringkas -q models tiny "$W/tiny" marian >/dev/null 2>&1
for kind in garbage truncated folder; do
  cache=$W/cache-$kind.sqlite
  case $kind in
    garbage) head -c 5000 /dev/urandom >"$cache" ;;
    truncated) "$PY" -c "
from ringkas.translate.cache import TranslationCache
c = TranslationCache('$cache'); c.put_many('s', {f'kalimat {i} ' * 20: f'sentence {i}' for i in range(2000)}); c.close()
import sqlite3; sqlite3.connect('$cache').execute('PRAGMA wal_checkpoint(TRUNCATE)')"
      truncate -s $(( $(stat -c %s "$cache") / 2 )) "$cache" ;;
    folder) mkdir -p "$cache" ;;
  esac
  refused "translation cache: $kind" "cannot be used" ringkas run jobs/tiny.toml --set "translate.model=\"$W/tiny/marian\"" \
    --set "output.dir=\"$W/cache-$kind\"" --set "translate.options.cache=\"$cache\""
done

echo
echo "torture: $good of $tried cases handled well"
for name in "${bad_cases[@]}"; do echo "  not handled well: $name"; done
[ "$good" -eq "$tried" ]
