#!/usr/bin/env bash
# Runs every test project with the real components the tests need: a throwaway PostgreSQL
# (PG_TEST_CONNECTION) and Chromium (KEFU_BROWSER). Installs them with apt when missing (needs root,
# as on CI). Ends with one line "N passed, M failed" and exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "$0")/.."
started_at=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { echo "test.sh: $*"; }
die() { echo "test.sh: ERROR: $*" >&2; exit 1; }

# --- 1. Packages -----------------------------------------------------------------------------
have_packages() {
    [[ -x /usr/bin/chromium ]] || return 1
    ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || return 1
    [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || return 1
    # No grep -q: it would close the pipe early and, under pipefail, fail the check.
    command -v fc-list >/dev/null && fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || return 1
    # The statement PDF (AR-06) needs a CJK font with TrueType outlines; its test reads the PDF back with pdftotext.
    [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc && -x /usr/bin/pdftotext ]] || return 1
    # Email intake reads mailboxes over IMAP: a throwaway dovecot (scripts/imap-server.sh).
    [[ -x /usr/sbin/dovecot && -f /usr/lib/dovecot/imap ]] || return 1
}

if ! have_packages; then
    [[ $(id -u) -eq 0 ]] || die "postgresql, chromium, fonts-noto-cjk, fonts-wqy-microhei, poppler-utils, python3-aiosmtpd or dovecot-imapd is missing and installing them needs root"
    log "installing postgresql chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils python3-aiosmtpd dovecot-imapd"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils python3-aiosmtpd dovecot-imapd >/dev/null
    have_packages || die "packages are still missing after apt-get install"
fi

[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing"
/usr/bin/chromium --version >/dev/null 2>&1 || die "/usr/bin/chromium does not run"
export KEFU_BROWSER=/usr/bin/chromium

# --- 2. Throwaway PostgreSQL -----------------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGROOT=$(mktemp -d /tmp/kefu-pg.XXXXXX)
pg_started=0

as_pg() {
    # The server refuses to run as root; elsewhere (a developer's machine) run as the current user.
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

IMAPROOT=$(mktemp -d /tmp/kefu-imap.XXXXXX)

cleanup() {
    scripts/imap-server.sh stop "$IMAPROOT" >/dev/null 2>&1 || true
    rm -rf "$IMAPROOT"
    if [[ $pg_started -eq 1 ]]; then
        as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $(id -u) -ne 0 ]] || chown postgres:postgres "$PGROOT"
as_pg mkdir -p "$PGROOT/data" "$PGROOT/sock"
PGPORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_pg "$PGBIN/initdb" -D "$PGROOT/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$PGROOT/initdb.log" 2>&1 \
    || { cat "$PGROOT/initdb.log" >&2; die "initdb failed"; }
# Durability is pointless for a throwaway server; turning it off makes the tests faster.
if ! as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
    cat "$PGROOT/server.log" >&2 || true
    die "PostgreSQL did not start"
fi
pg_started=1
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres || die "PostgreSQL does not answer on 127.0.0.1:$PGPORT"
export PG_TEST_CONNECTION="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=postgres;Database=postgres"
log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

# --- 2b. Throwaway IMAP server (dovecot, not root, users intake01..intake40) --------------------
IMAP_TEST_PORT=$(scripts/imap-server.sh start "$IMAPROOT") || die "dovecot did not start"
export IMAP_TEST_HOST=127.0.0.1 IMAP_TEST_PORT IMAP_TEST_PASSWORD=kefu-imap-test
log "dovecot on 127.0.0.1:$IMAP_TEST_PORT"

# --- 3. Build once, then each test project -----------------------------------------------------
# dotnet-ef (.config/dotnet-tools.json): the tool that writes migrations (ADR 0011).
log "restoring local tools"
dotnet tool restore >/dev/null || die "dotnet tool restore failed"
log "building Kefu.slnx (Release)"
dotnet build Kefu.slnx -c Release -nologo -v quiet -clp:NoSummary || die "build failed"

shopt -s nullglob
total_passed=0
total_failed=0
total_skipped=0
total_matrix=0
broken_projects=()
for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    output="$PGROOT/$name.log"
    log "testing $name"
    set +e
    # A hung test host is killed after 10 minutes and the project counts as failed.
    dotnet test "$project" --no-build -c Release -nologo --results-directory "$PGROOT/results/$name" \
        --logger "trx;LogFileName=$name.trx" --blame-hang-timeout 10m --blame-hang-dump-type none >"$output" 2>&1
    rc=$?
    set -e
    # Failures in full (message and stack), then the project's summary line.
    grep -E -A 25 '^\s+Failed [^!]' "$output" | head -400 || true
    # Summary line: "Passed!  - Failed:     0, Passed:    87, Skipped:     0, Total:    87, ..."
    summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+' "$output" | tail -1 || true)
    if [[ -n $summary ]]; then
        echo "$summary"
        failed=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
        passed=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
        skipped=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
        # Authorization-matrix and bad-input cases are status checks, counted apart from rule tests.
        trx="$PGROOT/results/$name/$name.trx"
        if [[ -f $trx ]]; then
            matrix=$(grep -oE '<UnitTestResult [^>]*testName="[^"]*(AuthorizationMatrixTests|BadInputTests)[^"]*"[^>]*outcome="Passed"' "$trx" | wc -l || true)
            total_matrix=$((total_matrix + matrix))
        fi
        # Where the time goes: the five slowest test classes (sum of their tests' durations), to keep CI fast.
        if [[ -f $trx ]]; then
            /usr/bin/python3 - "$trx" <<'PY' || true
import re, sys, collections
totals = collections.Counter()
for m in re.finditer(r'<UnitTestResult [^>]*testName="([^"]*)"[^>]*duration="(\d+):(\d+):([\d.]+)"', open(sys.argv[1], encoding="utf-8").read()):
    name = m.group(1).split("(")[0].rsplit(".", 1)[0]
    totals[name] += int(m.group(2)) * 3600 + int(m.group(3)) * 60 + float(m.group(4))
print("slowest classes: " + ", ".join(f"{n.rsplit('.', 1)[-1]} {t:.0f}s" for n, t in totals.most_common(5)))
PY
        fi
        if [[ $skipped -gt 0 ]]; then
            grep -E '^\s+Skipped ' "$output" | head -50 || true
        fi
        if [[ $passed -eq 0 && $failed -eq 0 ]]; then
            echo "test.sh: $name ran no test"
            [[ $rc -ne 0 ]] || rc=1
        fi
    elif grep -q "No test is available" "$output"; then
        echo "No test is available in $name"
        failed=0 passed=0 skipped=0
        rc=1
    else
        # Did not run (crash, missing assembly…): show why and count the project as failed.
        tail -40 "$output"
        failed=0 passed=0 skipped=0
        [[ $rc -ne 0 ]] || rc=1
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    if [[ $rc -ne 0 ]]; then
        broken_projects+=("$name (exit $rc)")
    fi
done

log "took $(( $(date +%s) - started_at )) s"
if [[ ${#broken_projects[@]} -gt 0 ]]; then
    log "projects that failed or did not run: ${broken_projects[*]}"
fi
echo "$total_passed passed ($total_matrix of them authorization-matrix and bad-input status checks), $total_failed failed, $total_skipped skipped"
# On CI nothing may be skipped: every component the tests need is installed above.
if [[ -n ${CI:-} && $total_skipped -gt 0 ]]; then
    log "CI is set and $total_skipped test(s) were skipped"
    exit 1
fi
[[ $total_failed -eq 0 && ${#broken_projects[@]} -eq 0 ]]
