#!/usr/bin/env bash
# Replays issue 15's fault cases end to end and prints a tally of cases tried and handled well:
# SIGKILL at several points then resume, damaged _work state, hostile paths (foreign or read-only output
# folders, planted symlinks, hard links, links out of a folder input), bad specs and broken translation
# caches. "Handled well" means what docs/runner.md promises: a resume ends byte for byte as an uninterrupted
# run; a could-not-start case is exit 2 with a message, no traceback, and nothing overwritten or left behind.
#
#   scripts/torture.sh            # everything (about 5 minutes on two shared cores)
#   scripts/torture.sh --quick    # three kill points instead of seven (about 2.5 minutes)
#   scripts/torture.sh --keep     # leave its working folder for a look
#
# Issue 20's cases follow: URLs from the network that do not parse, dead hosts, drip-fed bodies, lying
# charsets, a full disk while fetching, inputs that are empty or not their format, outputs ringkas did not
# write, runaway titles and terminal escapes, SIGTERM, the lock file, eval job names, a backtick in a flag.
#
# Works in a new folder of its own, out/torture.XXXXXX (ignored by git), and removes only that folder when
# it ends (--keep leaves it for a look); it never deletes a path it did not create. Most cases use the
# runner's stand-in stages (tests/runner/doubles.py) so kills land between units; the cache cases use a tiny
# Marian model built here; the fetch cases a news portal on 127.0.0.1 (tests/fetch/server.py) started here.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
export PYTHONPATH="$ROOT/src:$ROOT${PYTHONPATH:+:$PYTHONPATH}"
KILLS="1 2 3 5 8 11 13"
KEEP=0
for arg in "$@"; do
  case $arg in --quick) KILLS="1 5 11" ;; --keep) KEEP=1 ;; esac
done
mkdir -p "$ROOT/out"
W=$(mktemp -d "$ROOT/out/torture.XXXXXX")  # ours alone: the only path the clean-up below removes
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  if [ "$KEEP" -eq 1 ]; then echo "kept $W"; else rm -rf -- "$W"; fi
}
trap cleanup EXIT
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

echo "issue 20: the network (a portal on 127.0.0.1):"
cat >"$W/portal.py" <<'PY'
import sys, time
import brotli
from tests.fetch.conftest import PARAGRAPHS, feed_reply, page_html, rss
from tests.fetch.server import NewsServer, Reply
s = NewsServer().start()
u = s.url
for i, bad in enumerate(["http://[zz::1]/", "http://h:-1/", "http://a:b:c/", "http://[::1"]):
    s.routes[f"/bad{i}.rss"] = feed_reply(rss("P", [("Rusak", bad), ("Baik", u(f"/ok/{i}"))]))
    s.routes[f"/ok/{i}"] = Reply(body=page_html("Baik"))
    s.routes[f"/redir{i}.rss"] = feed_reply(rss("P", [("Pindah", u(f"/pindah/{i}")), ("Baik", u(f"/ok2/{i}"))]))
    s.routes[f"/pindah/{i}"] = Reply(302, headers={"Location": bad})
    s.routes[f"/ok2/{i}"] = Reply(body=page_html("Baik"))
s.routes["/live.rss"] = feed_reply(rss("P", [("Hidup", u("/live/1"))]))
s.routes["/live/1"] = Reply(body=page_html("Hidup"))
s.routes["/drip.rss"] = feed_reply(rss("P", [("Lambat", u("/drip"))]))
s.routes["/drip"] = Reply(body=page_html("Lambat"), drip=0.05)
s.routes["/utf16.rss"] = feed_reply(rss("P", [("Harga naik", u("/utf16"))]))
s.routes["/utf16"] = Reply(body=page_html("Harga naik", charset="utf-16").encode(), content_type="text/html")
s.routes["/br.rss"] = feed_reply(rss("P", [("Brotli", u("/br"))]))
s.routes["/br"] = Reply(body=brotli.compress(page_html("Brotli").encode()), headers={"Content-Encoding": "br"})
s.routes["/big.rss"] = feed_reply(rss("P", [(f"Besar {n}", u(f"/big/{n}")) for n in range(3)]))
for n in range(3):
    s.routes[f"/big/{n}"] = Reply(body=page_html(f"Besar {n}", PARAGRAPHS * 150))
open(sys.argv[1], "w").write(str(s.port))
while True:
    time.sleep(3600)
PY
"$PY" "$W/portal.py" "$W/port" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do [ -s "$W/port" ] && break; sleep 0.1; done
PORTAL="http://127.0.0.1:$(cat "$W/port" 2>/dev/null)"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
DEAD="http://127.0.0.1:$(free_port)"
DEAD2="http://127.0.0.1:$(free_port)"
fetch() {  # NAME SOURCE... : a fetch into $W/f-NAME.jsonl with its own state; rc in $rc, stderr in $W/stderr
  local name=$1; shift
  "$PY" -m ringkas -q fetch "$@" -o "$W/f-$name.jsonl" --state "$W/f-$name.sqlite" --delay 0.02 --allow-private \
    >"$W/stdout" 2>"$W/stderr"
  rc=$?
}
no_trace() { ! grep -q Traceback "$W/stderr"; }
reasons() { "$PY" -c "import json, sys; print(' '.join(sorted(json.loads(l)['reason'] for l in open(sys.argv[1]))))" "$1"; }
i=0
for bad in '[zz::1]' 'h:-1' 'a:b:c' '[::1'; do
  fetch "bad$i" "$PORTAL/bad$i.rss"
  [ $rc -eq 0 ] && no_trace && [ "$(reasons "$W/f-bad$i.rejects.jsonl")" = bad_url ] && [ "$(wc -l <"$W/f-bad$i.jsonl")" -eq 1 ]
  result "feed entry link http://$bad is a bad_url reject, the other entry fetched" $?
  fetch "redir$i" "$PORTAL/redir$i.rss"
  [ $rc -eq 0 ] && no_trace && [ "$(reasons "$W/f-redir$i.rejects.jsonl")" = bad_url ] && [ "$(wc -l <"$W/f-redir$i.jsonl")" -eq 1 ]
  result "redirect to http://$bad is a bad_url reject at the hop" $?
  i=$((i + 1))
done
fetch dead "$DEAD/rss"
[ $rc -eq 1 ] && no_trace && grep -q "nothing could be fetched: 1 of 1 feed (connection_error 1)" "$W/stderr" \
  && ! grep -q robots_disallowed "$W/stderr" "$W/f-dead.rejects.jsonl"
result "a dead feed: connection_error, exit 1, never robots_disallowed" $?
fetch partial "$PORTAL/live.rss" "$DEAD/rss"
[ $rc -eq 0 ] && [ "$(grep -c warning "$W/stderr")" -eq 1 ] && grep -q "1 of 2 feeds (connection_error 1)" "$W/stderr"
result "some feeds down: exit 0 with one warning line naming reasons and counts" $?
fetch drip "$PORTAL/drip.rss" --timeout 0.2
detail=$("$PY" -c "import json, sys; print(json.loads(open(sys.argv[1]).readline())['detail'])" "$W/f-drip.rejects.jsonl" 2>/dev/null)
[ "$(reasons "$W/f-drip.rejects.jsonl")" = timeout ] && echo "$detail" | grep -Eq "after [0-9]{1,2}s \(limit 4s"
result "a 1-byte drip with a Content-Length is cut at the whole-body limit (detail: seconds elapsed)" $?
fetch utf16 "$PORTAL/utf16.rss"
"$PY" -m ringkas -q clean "$W/f-utf16.jsonl" -o "$W/utf16-clean.jsonl" >/dev/null 2>&1
[ $rc -eq 0 ] && grep -q '"charset":"utf-8"' "$W/f-utf16.jsonl" && [ "$(wc -l <"$W/utf16-clean.jsonl")" -eq 1 ]
result "a UTF-8 page that declares utf-16 in <meta> is read as UTF-8 (and cleaned as Indonesian)" $?
fetch br "$PORTAL/br.rss"
[ $rc -eq 0 ] && grep -q "Pemerintah Provinsi DKI" "$W/f-br.jsonl"
result "Content-Encoding: br is decoded (brotli installed by default)" $?
( ulimit -f 150; fetch full "$PORTAL/big.rss" --concurrency 1; exit $rc )
full_rc=$?
[ $full_rc -eq 1 ] && [ -s "$W/f-full.jsonl" ] && [ "$(tail -c 1 "$W/f-full.jsonl" | od -An -c | tr -d ' ')" = '\n' ] \
  && "$PY" -c "import json, sys; [json.loads(l) for l in open(sys.argv[1])]" "$W/f-full.jsonl" 2>/dev/null
result "a full disk part-way through fetch: exit 1, the pages file ends on a whole record" $?
{ printf '[input]\nfeeds = ["%s/rss", "%s/rss"]\n[input.fetch]\nstate = "%s"\ndelay = 0.02\nallow_private = true\n' \
    "$DEAD" "$DEAD2" "$W/daily.sqlite"
  printf '[translate]\nmodel = "fake-mt"\n[summarise]\nmethod = "lead"\n[output]\ndir = "%s"\n' "$W/daily"
  printf '[run]\nstages = "tests.runner.doubles:FakeStages"\n'; } >"$W/daily.toml"
"$PY" -m ringkas -q run "$W/daily.toml" >"$W/stdout" 2>"$W/stderr"
rc=$?
[ $rc -ne 0 ] && no_trace && grep -q "connection_error 2" "$W/stderr" \
  && sed -n 5p "$W/daily/digest.md" | grep -q "Sources failed, nothing could be fetched"
result "the daily job against unreachable feeds: non-zero exit, the reason on the console and atop the digest" $?

echo "issue 20: input checks before work:"
printf '# Notes\n\nNot records.\n' >"$W/README.md"
for n in $(seq 1 20); do echo "- line $n of prose" >>"$W/README.md"; done
"$PY" -c "
import pyarrow as pa, pyarrow.parquet as pq
pq.write_table(pa.table({'id': ['p'] * 40, 'text': ['Harga beras naik.'] * 40}), '$W/berita.parquet')"
cp "$W/berita.parquet" "$W/berita-parquet.jsonl"
refused "clean \"\" -o x: an empty input path" "input path is empty" ringkas clean "" -o "$W/empty.jsonl"
spec "$W/emptypath.toml" "$W/emptypath"
sed -i 's#^path = .*#path = ""#' "$W/emptypath.toml"
refused "input.path = \"\"" "input.path is empty" ringkas run "$W/emptypath.toml"
[ ! -e "$W/emptypath" ]
result "  ... and no output folder is made" $?
refused "translate README.md -o x.jsonl: not its format" "none of its first" ringkas translate "$W/README.md" -o "$W/x.jsonl"
refused "summarise a Parquet file as JSONL" "none of its first" ringkas summarise "$W/berita-parquet.jsonl" -o "$W/x.jsonl" --method lead
refused "check README.md" "none of its first" ringkas check "$W/README.md" -o "$W/x.jsonl"
refused "clean README.md --format jsonl" "none of its first" ringkas clean "$W/README.md" -o "$W/x.jsonl" --format jsonl
[ ! -e "$W/x.jsonl" ]
result "  ... and none of them wrote an output" $?
"$PY" -m ringkas -q clean "$W/feed.jsonl" -o "$W/clean-in.jsonl" >/dev/null 2>&1
for cmd in clean translate summarise check; do
  echo "my notes" >"$W/notes-$cmd.txt"
  extra=(); [ $cmd = summarise ] && extra=(--method lead)
  src=$W/clean-in.jsonl; [ $cmd = clean ] && src=$W/feed.jsonl
  refused "$cmd -o notes.txt (a file ringkas did not write)" "not written by ringkas" \
    ringkas $cmd "$src" -o "$W/notes-$cmd.txt" "${extra[@]}"
  [ "$(cat "$W/notes-$cmd.txt")" = "my notes" ]
  result "  ... and notes.txt is intact ($cmd)" $?
done
cp "$W/feed.jsonl" "$W/articles.json"
spec "$W/json.toml" "$W/json-out"
sed -i 's#^stages = .*#stages = "ringkas.runner.stages:RingkasStages"#' "$W/json.toml"
refused "run --set input.path=articles.json names input.format" "set input.format" \
  ringkas run "$W/json.toml" --set "input.path=\"$W/articles.json\""
! grep -q -- "--format" "$W/stderr"
result "  ... and no --format flag that run does not have" $?

echo "issue 20: bounds and sanitising in the cleaner:"
"$PY" -c "
import json
text = ('Harga beras di pasar induk Jakarta naik tajam pekan ini karena pasokan dari daerah berkurang. '
        'Pedagang mengatakan kenaikan itu terjadi sejak awal bulan dan diperkirakan berlanjut.')
lines = [{'id': 'big', 'title': 'Harga beras naik ' * 60000, 'text': text},
         {'id': 'esc', 'title': 'Judul\x1b[2J\x1b]0;x\x07 asli', 'text': '\n\n'.join([text] * 4) + '\x1b[2J\x1b[31m merah'}]
open('$W/hostile.jsonl', 'w').write(''.join(json.dumps(l) + '\n' for l in lines))"
"$PY" -m ringkas -q clean "$W/hostile.jsonl" -o "$W/hostile-clean.jsonl" >/dev/null 2>&1
"$PY" -c "
import json, sys
big, esc = [json.loads(l) for l in open('$W/hostile-clean.jsonl')]
assert len(big['title']) <= 300 and 'title_cut' in big['flags'], len(big['title'])" 2>/dev/null
result "a 1 MB title is cut at a word boundary and flagged title_cut" $?
"$PY" -c "
import json
rows = [json.loads(l) for l in open('$W/hostile-clean.jsonl')]
assert not any(ord(c) < 32 and c != '\n' or 127 <= ord(c) < 160 for r in rows for c in r['title'] + r['text'])
assert '[2J' not in rows[1]['text'] + (rows[1].get('title') or '') and rows[1]['text'].endswith(' merah')" 2>/dev/null
result "terminal escapes (\\x1b[2J) and C0/C1 controls do not survive cleaning" $?

echo "issue 20: signals, lock, names, digest:"
spec "$W/term.toml" "$W/term"
RINGKAS_FAKE_DELAY=0.05 "$PY" -m ringkas -q run "$W/term.toml" >/dev/null 2>"$W/stderr" &
pid=$!
for _ in $(seq 1 600); do
  [ "$(ls "$W/term/_work/done"/u*.jsonl 2>/dev/null | wc -l)" -ge 3 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.01
done
kill -TERM $pid 2>/dev/null
wait $pid
term_rc=$?
[ $term_rc -eq 143 ] && grep -q "terminated (SIGTERM)" "$W/stderr" && no_trace
result "SIGTERM: exit 143 with one line, no traceback" $?
ringkas run "$W/term.toml" >/dev/null 2>&1 && same_outputs "$W/term"
result "  ... and a rerun ends as an uninterrupted run" $?
[ ! -e "$W/reference/.ringkas.lock" ] && [ ! -e "$W/term/.ringkas.lock" ]
result "a finished run leaves no .ringkas.lock" $?
printf '[summarise]\nmethod = "lead"\n[translate]\nenabled = false\n[summarise.options]\n' >"$W/evaljob.toml"
for name in "$W/outside" "../escaped"; do
  refused "eval run --job '$name=JOB.toml'" "is not a plain name" \
    ringkas eval run ringkas-id-news --job "$name=$W/evaljob.toml" --out "$W/evalruns"
done
[ ! -e "$W/outside" ] && [ ! -e "$W/escaped" ] && [ ! -e "$ROOT/out/escaped" ]
result "  ... and nothing was written outside --out" $?
mkdir -p "$W/btshards" && cp -r "$W/shards/shard-1-of-3" "$W/shards/shard-2-of-3" "$W/shards/shard-3-of-3" "$W/btshards/"
"$PY" -c "
import json
path = '$W/btshards/shard-1-of-3/briefs.jsonl'
rows = [json.loads(l) for l in open(path)]
rows[0]['flags'] = ['a\`b <img src=x onerror=alert(1)>']
open(path, 'w').write(''.join(json.dumps(r) + '\n' for r in rows))"
ringkas merge "$W"/btshards/shard-*-of-3 -o "$W/btmerged" >/dev/null 2>&1
"$PY" -c "
import re
from markdown_it import MarkdownIt
html = MarkdownIt('commonmark').render(open('$W/btmerged/digest.md').read())
assert '<code>a\`b &lt;img src=x onerror=alert(1)&gt;</code>' in html and '<img' not in html" 2>/dev/null
result "a flag with a backtick stays inside its code span in digest.md" $?

echo
echo "torture: $good of $tried cases handled well"
for name in "${bad_cases[@]}"; do echo "  not handled well: $name"; done
[ "$good" -eq "$tried" ]
