#!/usr/bin/env bash
# The drift workflow's logic (.github/workflows/jobform-drift.yml), kept out of the YAML so the tests can run
# it. For each target it runs `jobform drift`, then acts by JOBFORM_DRIFT_MODE:
#   report  one open issue labelled jobform-drift holds the report of every drifted target; it is closed when
#           every target is in sync again
#   revert  `jobform apply --auto-approve` for each drifted target, then the issue reports what is still drifted
#           (extra jobs stay: revert does not prune)
#   adopt   `jobform pull --delete-missing` on branch jobform/drift-<target>, one commit, pushed; one pull
#           request per target is opened or updated with the drift report and the edits as its body; closed
#           once the target is in sync
# Environment:
#   JOBFORM_DRIFT_MODE     report (default) | revert | adopt
#   JOBFORM_DRIFT_TARGETS  targets, comma or space separated; empty: the project's default target
#   JOBFORM_DRIFT_TOKEN    the token gh uses (else GH_TOKEN); adopt needs contents:write and pull-requests:write
#   JOBFORM_DRIFT_BASE     the branch pull requests go into (adopt; default: the branch checked out)
#   JOBFORM_CLI            the built CLI (the composite action sets it); else `jobform` on PATH
# Exit 0 when every target was handled (drift is not a failure: it is in the issue or a pull request); 1 when
# an input is wrong or a jobform, git or gh command failed (the other targets are still handled).
set -uo pipefail

mode="${JOBFORM_DRIFT_MODE:-report}"
label="jobform-drift"
export GH_TOKEN="${JOBFORM_DRIFT_TOKEN:-${GH_TOKEN:-}}"
failed=0

fail() {
  echo "::error::$*" >&2
  failed=1
}

jf() {
  if [ -n "${JOBFORM_CLI:-}" ]; then node "$JOBFORM_CLI" "$@"; else jobform "$@"; fi
}

case "$mode" in
  report | revert | adopt) ;;
  *) echo "::error::JOBFORM_DRIFT_MODE must be report, revert or adopt, not \"$mode\"" >&2; exit 1 ;;
esac

read -r -a targets <<<"$(printf '%s' "${JOBFORM_DRIFT_TARGETS:-}" | tr ',' ' ')"
for t in "${targets[@]}"; do
  # A target names a git branch below: nothing a ref or a shell would read differently.
  if ! [[ "$t" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]]; then echo "::error::JOBFORM_DRIFT_TARGETS: \"$t\" is not a target name" >&2; exit 1; fi
done
[ "${#targets[@]}" -gt 0 ] || targets=("")

# Reports, bodies and logs live outside the checkout: pull edits it and git commits it.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# `--target T`, or nothing for the default target.
target_args() { if [ -n "$1" ]; then printf '%s\n' --target "$1"; fi; }
# The name of a target in branch names and titles.
target_name() { printf '%s' "${1:-default}"; }

# Runs drift for one target into $out/drift-<name>.md; its exit code is the result (0 sync, 2 drift, 1 error).
drift_of() {
  local name args
  name="$(target_name "$1")"
  mapfile -t args < <(target_args "$1")
  jf drift "${args[@]}" --format markdown >"$out/drift-$name.md" 2>"$out/drift-$name.err"
  local code=$?
  cat "$out/drift-$name.err" >&2
  return $code
}

# ------------------------------------------------------------------------------------------------------
# report / revert: one issue for the whole repository

report() {
  local report="$out/report.md" t name code
  : >"$report"
  for t in "${targets[@]}"; do
    name="$(target_name "$t")"
    drift_of "$t"
    code=$?
    if [ "$code" -eq 2 ] && [ "$mode" = revert ]; then
      local args
      mapfile -t args < <(target_args "$t")
      echo "jobform drift: $name drifted; reverting it with jobform apply${args[*]:+ ${args[*]}}"
      if ! jf apply "${args[@]}" --auto-approve; then fail "jobform apply${args[*]:+ ${args[*]}} failed"; fi
      drift_of "$t"
      code=$?
    fi
    case "$code" in
      0) echo "jobform drift: $name is in sync" ;;
      2) cat "$out/drift-$name.md" >>"$report"; echo >>"$report" ;;
      *) fail "jobform drift ($name) failed with exit code $code"; cat "$out/drift-$name.md" >&2 ;;
    esac
  done
  local number
  number="$(gh issue list --label "$label" --state open --json number --jq '.[0].number // empty')" || { fail "gh issue list failed"; return; }
  if [ -s "$report" ]; then
    head -c 60000 "$report" >"$out/body.md"
    if [ -n "$number" ]; then
      gh issue edit "$number" --body-file "$out/body.md" || fail "gh issue edit $number failed"
    else
      gh label create "$label" --color D93F0B --description "Databricks jobs drifted from git" --force >/dev/null 2>&1 || true
      gh issue create --title "Databricks jobs drifted from git" --body-file "$out/body.md" --label "$label" || fail "gh issue create failed"
    fi
  elif [ -n "$number" ] && [ "$failed" -eq 0 ]; then
    # Closed only when every target was read: a failed one says nothing about its drift.
    gh issue close "$number" --comment "The workspace matches git again." || fail "gh issue close $number failed"
  fi
}

# ------------------------------------------------------------------------------------------------------
# adopt: one branch and one pull request per target

# Whether a commit is the one this script makes on a target's branch (its message ends with the trailer).
ours() { git log -1 --format=%B "$1" | grep -qx "Jobform-Drift: $2"; }

adopt_target() {
  local t="$1" name branch args pr code
  name="$(target_name "$t")"
  branch="jobform/drift-$name"
  mapfile -t args < <(target_args "$t")
  git checkout -q "$base_ref" || { fail "git checkout $base_ref failed"; return; }
  drift_of "$t"
  code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then fail "jobform drift ($name) failed with exit code $code"; cat "$out/drift-$name.md" >&2; return; fi
  if [ -z "$t" ]; then
    # The default target by its name (the report's heading says it), so the branch and pull are named after it.
    t="$(sed -n '1s/^### jobform drift: .* → `\([A-Za-z0-9][A-Za-z0-9_.-]*\)`$/\1/p' "$out/drift-default.md")"
    if [ -n "$t" ]; then
      mv "$out/drift-default.md" "$out/drift-$t.md"
      name="$t"
      branch="jobform/drift-$name"
      mapfile -t args < <(target_args "$t")
    fi
  fi
  pr="$(gh pr list --head "$branch" --base "$base_ref" --state open --json number --jq '.[0].number // empty')" || { fail "gh pr list failed"; return; }
  if [ "$code" -eq 0 ]; then
    echo "jobform drift: $name is in sync"
    if [ -n "$pr" ]; then
      # The branch goes with it, unless someone else committed on it.
      local keep=()
      git fetch -q origin "refs/heads/$branch" 2>/dev/null && ! ours FETCH_HEAD "$name" && keep=(x)
      if [ "${#keep[@]}" -eq 0 ]; then
        gh pr close "$pr" --comment "The workspace matches git again: nothing left to adopt." --delete-branch || fail "gh pr close $pr failed"
      else
        gh pr close "$pr" --comment "The workspace matches git again: nothing left to adopt. The branch has commits the drift workflow did not make, so it is kept." || fail "gh pr close $pr failed"
      fi
    fi
    return
  fi

  echo "jobform drift: $name drifted; adopting it with jobform pull${args[*]:+ ${args[*]}} on $branch"
  git checkout -q -B "$branch" "$base_sha" || { fail "git checkout -B $branch failed"; return; }
  # Untracked files that were there before (the installed CLI's node_modules, say) are not pull's.
  git ls-files --others --exclude-standard | sort >"$out/untracked-before"
  # A job deleted in the workspace is adopted by deleting its file: a proposal, like every edit, for review.
  jf pull "${args[@]}" --delete-missing >"$out/pull-$name.txt" 2>"$out/pull-$name.err"
  code=$?
  cat "$out/pull-$name.err" >&2
  if [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then fail "jobform pull${args[*]:+ ${args[*]}} failed with exit code $code"; cat "$out/pull-$name.txt" >&2; return; fi
  git ls-files --others --exclude-standard | sort | comm -13 "$out/untracked-before" - >"$out/untracked-new"
  if [ -z "$(git status --porcelain --untracked-files=no)" ] && [ ! -s "$out/untracked-new" ]; then
    echo "::warning::jobform pull${args[*]:+ ${args[*]}} wrote nothing: what drifted in $name cannot be adopted (see its report); revert it, or add ignore: rules"
    cat "$out/drift-$name.md"
    return
  fi
  git add -u && { [ ! -s "$out/untracked-new" ] || xargs -d '\n' git add -- <"$out/untracked-new"; } || { fail "git add on $branch failed"; return; }
  git commit -q -m "jobform: adopt the workspace's edits of target $name" -m "jobform pull${args[*]:+ ${args[*]}} wrote what the Jobs UI changed back into the YAML." -m "Jobform-Drift: $name" || { fail "git commit on $branch failed"; return; }

  # The branch is rebuilt from the base on every run: one commit, with the Jobform-Drift trailer. A tip without
  # it is someone else's commit (or a merge), never pushed over: the pull request is left as it is and says why.
  # Only the tip is read, so a shallow checkout (actions/checkout's default) judges the same.
  local push=yes remote
  if git fetch -q origin "refs/heads/$branch" 2>/dev/null; then
    remote="$(git rev-parse FETCH_HEAD)"
    if ! ours "$remote" "$name"; then
      echo "::warning::$branch has commits this workflow did not make: not overwritten"
      if [ -n "$pr" ]; then gh pr comment "$pr" --body "The workspace drifted again, but this branch has commits the drift workflow did not make, so it was not updated. Merge or close this pull request; the next run starts a fresh one." || fail "gh pr comment $pr failed"; fi
      return
    fi
    [ "$(git rev-parse "$remote^{tree}")" != "$(git rev-parse "HEAD^{tree}")" ] || push=no
  fi
  if [ "$push" = yes ]; then git push -q --force origin "HEAD:refs/heads/$branch" || { fail "git push $branch failed"; return; }; fi

  local body="$out/pr-$name.md"
  {
    cat "$out/drift-$name.md"
    echo
    echo "### Edits made by \`jobform pull${args[*]:+ ${args[*]}} --delete-missing\`"
    echo
    echo '```text'
    cat "$out/pull-$name.txt"
    git diff --stat "$base_sha" HEAD
    echo '```'
    echo
    echo "Merging this pull request keeps the workspace's values (adopt). To put git's values back instead (revert), close it and run \`jobform apply${args[*]:+ ${args[*]}}\`. Fields operators own belong under \`ignore:\` in jobform.yaml. Every drift run rewrites this pull request, and closes it once the workspace matches git."
  } | head -c 60000 >"$body"
  local title="jobform: adopt the workspace's edits of target $name"
  if [ -n "$pr" ]; then
    gh pr edit "$pr" --title "$title" --body-file "$body" || fail "gh pr edit $pr failed"
  else
    gh pr create --base "$base_ref" --head "$branch" --title "$title" --body-file "$body" || fail "gh pr create for $branch failed"
  fi
}

adopt() {
  base_ref="${JOBFORM_DRIFT_BASE:-$(git symbolic-ref --short -q HEAD)}"
  [ -n "$base_ref" ] || { echo "::error::adopt needs a branch checked out (or JOBFORM_DRIFT_BASE)" >&2; exit 1; }
  base_sha="$(git rev-parse HEAD)" || exit 1
  [ -z "$(git status --porcelain --untracked-files=no)" ] || { echo "::error::adopt needs a checkout without uncommitted changes: pull commits every file it edits" >&2; exit 1; }
  if ! git config user.email >/dev/null; then
    export GIT_AUTHOR_NAME="github-actions[bot]" GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
    export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
  fi
  local t
  for t in "${targets[@]}"; do adopt_target "$t"; done
  git checkout -q "$base_ref" || fail "git checkout $base_ref failed"
}

if [ "$mode" = adopt ]; then adopt; else report; fi
exit "$failed"
