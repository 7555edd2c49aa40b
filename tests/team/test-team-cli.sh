#!/bin/sh
# A three-annotator cycle through the binary (issue 14): assign, package, work in the
# packages, merge (twice), review the conflicts, history and restore. TAP on stdout.
# Usage: test-team-cli.sh CAIRN SAMPLE.cairn
CAIRN=$(realpath "$1")
SAMPLE=$(realpath "$2")
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR" || exit 1
N=0
FAILED=0

check () {
  N=$((N + 1))
  if [ "$1" = 0 ]; then echo "ok $N - $2"; else echo "not ok $N - $2"; FAILED=1; fi
}

run () {
  echo "# \$ cairn $*"
  "$CAIRN" "$@" >out.txt 2>err.txt
  status=$?
  sed 's/^/# /' out.txt err.txt
  return $status
}

cp "$SAMPLE" p.cairn

run assign p.cairn --annotators kim,lee,park --overlap 0.2 --seed 3
check $? "assign"
[ "$(grep -c 'items (' out.txt)" = 3 ]
check $? "three queues"
run assign p.cairn --annotators kim,lee,park --overlap 0.2 --seed 3
cp out.txt first.txt
run assign p.cairn --annotators kim,lee,park --overlap 0.2 --seed 3
cmp -s out.txt first.txt && [ -s first.txt ]
check $? "the same seed, the same plan"
run assign p.cairn --annotators kim --overlap 2
[ $? = 2 ]
check $? "an overlap over 1 is a usage error"

run package p.cairn --out pk --annotators kim,lee,park --overlap 0.5 --seed 3 --embed-media
check $? "package"
KIM=$(ls pk/*-kim.cairn) && LEE=$(ls pk/*-lee.cairn) && PARK=$(ls pk/*-park.cairn)
check $? "one package per annotator"
run info "$KIM"
check $? "a package opens like any project"
run package p.cairn --out pk
[ $? = 1 ] && grep -q 'already exists' err.txt
check $? "packages are not overwritten"

# Meanwhile the project relabels its boxes as vehicle: kim's changes to them are conflicts.
run fix p.cairn relabel --to vehicle --kind box --from person
check $? "the project changes too"

# Work in the field: kim relabels boxes as car, lee as bus; park changes nothing.
run fix "$KIM" relabel --to car --kind box
check $? "kim works in the package"
run fix "$LEE" relabel --to bus --kind box
check $? "lee works in the package"
run fix "$PARK" delete-tiny --min 40
check $? "park deletes in the package"

run merge p.cairn "$KIM" "$LEE" "$PARK" --annotator lead
check $? "merge three packages"
grep -q '^kim: 0 added, [1-9][0-9]* changed' out.txt
check $? "kim's changes came back"
grep -q '^lee: .* [1-9][0-9]* conflicts\{0,1\} ' out.txt
check $? "lee's changes to what kim also changed are conflicts"
grep -q '^kim: .* 1 conflict ' out.txt && grep -q 'changed here and in the package' out.txt
check $? "what the project changed too is a conflict"
grep -q '^park: 0 added, 0 changed, [1-9][0-9]* deleted' out.txt
check $? "park's deletions came back"
grep -q 'deleted in the package, changed here: kept' out.txt
check $? "a deletion of what was changed here is a conflict, kept"
run merge p.cairn "$KIM" "$LEE" "$PARK"
[ "$(grep -c ': 0 added, 0 changed, 0 deleted, 0 states, [0-9]* unchanged, 0 conflicts' out.txt)" = 3 ]
check $? "merging again adds nothing"

run review p.cairn list --reason conflict
check $? "review list"
ITEM=$(head -1 out.txt | cut -f1)
[ -n "$ITEM" ] && grep -q 'conflict' out.txt
check $? "conflicts are in the review queue"
run review p.cairn set "$ITEM" --state accepted --comment "lee's boxes are right" --annotator kim
[ $? = 1 ]
check $? "an annotator cannot accept"
run review p.cairn set "$ITEM" --state accepted --comment "lee's boxes are right" --annotator rev
check $? "a reviewer accepts"
run review p.cairn list --state accepted --json
grep -q "\"item\" : $ITEM" out.txt && grep -q "lee's boxes are right" out.txt
check $? "accepted, with the comment"
run fix p.cairn relabel --to person --kind box --annotator kim
[ $? = 1 ] && grep -q 'locked' err.txt
check $? "the accepted item is locked for annotators"

run history p.cairn --item "$ITEM" --limit 40
check $? "history of the item"
ENTRY=$(grep -m1 '	update annotation' out.txt | sed 's/^# //' | cut -f1)
[ -n "$ENTRY" ]
check $? "an annotation's change is in it"
run history p.cairn --item "$ITEM" --json
grep -q '"action" : "update"' out.txt
check $? "history as JSON"
run fix p.cairn relabel --to person --kind box --annotator rev
check $? "the reviewer changes it again"
run history p.cairn --restore "$ENTRY" --annotator rev
check $? "restore an earlier version"
run fix p.cairn undo --annotator rev
grep -q 'Undid' out.txt
check $? "the restore is undone like any edit"

echo "1..$N"
exit $FAILED
