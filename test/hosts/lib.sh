# Shared shell helpers for the host suites (test/suites/5x-*).  Sourced, not
# run.  A suite records every process it starts with start_bg and stops
# exactly those, by PID, on exit.

started_pids=""

ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
note()   { echo "# $*"; }

# check "what" command...: one TAP line for the command's exit status.
check() {
    what=$1; shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# start_bg LOG command...: runs a command in the background, output to LOG;
# its PID is in $last_pid and is stopped by stop_all.
start_bg() {
    log=$1; shift
    "$@" >"$log" 2>&1 &
    last_pid=$!
    started_pids="$started_pids $last_pid"
}

# stop PID: TERM, then KILL if it has not gone within 5 s.
stop_pid() {
    pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

stop_all() {
    for pid in $started_pids; do stop_pid "$pid"; done
    started_pids=""
}

# wait_listening udp|tcp PORT PID: until something listens on 127.0.0.1:PORT
# (at most 10 s) while PID is alive.
wait_listening() {
    proto=$1 port=$2 pid=$3
    flag=-lnt; [ "$proto" = udp ] && flag=-lnu
    i=0
    while [ $i -lt 100 ]; do
        kill -0 "$pid" 2>/dev/null || return 1
        ss -H $flag "sport = :$port" 2>/dev/null | grep -q "127.0.0.1:$port" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# port_free udp|tcp PORT: nothing listens there yet.
port_free() {
    flag=-lnt; [ "$1" = udp ] && flag=-lnu
    ! ss -H $flag "sport = :$2" 2>/dev/null | grep -q ":$2"
}

# fixture_reason CODE: the registered reason phrase, from the reference
# table copied into spec/fixtures (not from the module under test).
fixture_reason() {
    awk -F'\t' -v c="$1" 'NR > 1 && $1 == c { print $2 }' spec/fixtures/sip-response-codes.tsv
}

# fixture_codes: every code of the reference table.
fixture_codes() {
    awk -F'\t' 'NR > 1 { print $1 }' spec/fixtures/sip-response-codes.tsv
}

# wait_exit PID SECONDS: waits for a process of ours to end by itself; its
# exit status, or 124 (after stopping it) when it outlives SECONDS.
wait_exit() {
    pid=$1 limit=$(($2 * 10)) i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt "$limit" ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 "$pid" 2>/dev/null; then stop_pid "$pid"; return 124; fi
    wait "$pid"
}

# status_lines FILE: the status lines sipp logged (-trace_msg), CR removed.
status_lines() {
    grep -a '^SIP/2\.0 ' "$1" | tr -d '\r'
}

# Which sipcodes module a host loads.  By default the build's
# (build/<vm>/sipcodes.so, through LUA_CPATH).  With SIPCODES_SYSTEM_MODULE=1
# the one installed on the system's Lua paths, as a Debian package installs
# it: LUA_CPATH and LUA_PATH are then not set at all.
# module_cpath VM: the LUA_CPATH a host gets, empty for the system's module.
module_cpath() {
    [ "${SIPCODES_SYSTEM_MODULE:-}" = 1 ] || echo "$root/build/$1/?.so;;"
}

# check_module_loaded PID VM: one TAP line: the sipcodes library mapped by
# process PID or its children is build/VM/sipcodes.so, or with
# SIPCODES_SYSTEM_MODULE=1 a file outside the checkout.
check_module_loaded() {
    got=""
    for p in $1 $(ps -o pid= --ppid "$1" 2>/dev/null); do
        got=$(awk '$6 ~ /sipcodes[^\/]*\.so/ { print $6; exit }' "/proc/$p/maps" 2>/dev/null)
        [ -n "$got" ] && break
    done
    if [ "${SIPCODES_SYSTEM_MODULE:-}" = 1 ]; then
        case "$got" in
            "" | "$root"/*) not_ok "the host loaded the system's module (it mapped '$got')" ;;
            *) ok "the host loaded the system's module: $got" ;;
        esac
    else
        want=$(readlink -f "$root/build/$2/sipcodes.so")
        if [ "$got" = "$want" ]; then ok "the host loaded $want"
        else not_ok "the host loaded $want (it mapped '$got')"; fi
    fi
}
