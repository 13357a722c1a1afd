#!/usr/bin/env bash
# A single-node Slurm cluster on the loopback interface, for the Slurm executor's integration test (and for trying
# `scaling sweep --executor slurm` by hand). Needs root and Debian's slurm-wlm and munge (`make deps` installs them).
#
#   .ci/slurm-cluster.sh start DIR   writes DIR/slurm.conf, starts munged (unless running), slurmctld and slurmd,
#                                    waits until the node is idle, prints `export SLURM_CONF=DIR/slurm.conf`
#   .ci/slurm-cluster.sh stop DIR    stops the daemons this script started in DIR (by their pid files)
#
# Everything (state, spool, logs, pid files) lives in DIR; ports are free ones picked at start, so several clusters
# (or a system Slurm) can coexist. No accounting: sacct does not work, as on many clusters. MAX_ARRAY_SIZE sets
# the cluster's MaxArraySize (default 1001, Slurm's default). Exit status: 0 started / stopped, 1 failure (the
# reason on stderr, the daemons' logs in DIR), 3 cannot run here (not root, packages missing; the reason on stderr).
set -euo pipefail

command=${1:-}
dir=${2:-}
if [[ -z "$command" || -z "$dir" ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

stop_pid_file() {
  local file=$1
  [[ -f "$file" ]] || return 0
  local pid
  pid=$(cat "$file")
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

if [[ "$command" == stop ]]; then
  # slurmd first (it kills its job steps), then the controller, then munged if we started it.
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  stop_pid_file "$dir/munged.pid"
  exit 0
fi
if [[ "$command" != start ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

# The daemons live in /usr/sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"
fail() { echo "slurm-cluster: $*" >&2; exit 1; }
# Starts a daemon with nothing of ours open but /dev/null and DIR/daemons.out: a descriptor inherited from the
# caller (such as the socket through which Foundation's Process notices that this script ended) would otherwise
# live on in the daemon (munged keeps them) and make the caller wait for the daemon's end.
start_daemon() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  ) </dev/null >>"$dir/daemons.out" 2>&1
}
unavailable() { echo "slurm-cluster: $*" >&2; exit 3; }
[[ "$(id -u)" == 0 ]] || unavailable "needs root (slurmd runs jobs as their user)"
for tool in munge munged slurmctld slurmd sinfo sbatch; do
  command -v "$tool" >/dev/null || unavailable "$tool not found: apt-get install slurm-wlm munge"
done

mkdir -p "$dir/state" "$dir/spool"
dir=$(cd "$dir" && pwd)

# munge: one daemon per machine, shared; start it only when none answers, and remember that we did.
if ! munge -n </dev/null >/dev/null 2>&1; then
  mkdir -p /run/munge
  start_daemon munged --force --pid-file="$dir/munged.pid" || true
  # munged forks into the background and writes its pid file when ready.
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null >/dev/null 2>&1 || fail "munged did not start"
fi

# Two free TCP ports on 127.0.0.1 (a connection attempt fails on a free port).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=()
candidate=$((20000 + ($$ % 20000)))
while (( ${#ports[@]} < 2 )); do
  port_free "$candidate" && ports+=("$candidate")
  candidate=$((candidate + 1))
done

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo) - 1024 ))
cat >"$dir/slurm.conf" <<EOF
ClusterName=scaling-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=512
ReturnToService=2
MaxArraySize=${MAX_ARRAY_SIZE:-1001}
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
KillWait=5
MinJobAge=300
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"

start_daemon slurmctld -i || fail "slurmctld did not start (see $dir/slurmctld.log, $dir/daemons.out)"
start_daemon slurmd || { "$0" stop "$dir"; fail "slurmd did not start (see $dir/slurmd.log, $dir/daemons.out)"; }
for _ in $(seq 100); do
  state=$(sinfo --noheader --format=%t 2>/dev/null || true)
  [[ "$state" == idle ]] && break
  sleep 0.2
done
if [[ "$state" != idle ]]; then
  "$0" stop "$dir"
  fail "the node is not idle after 20 s (state '$state'; see $dir/slurmctld.log and $dir/slurmd.log)"
fi
echo "export SLURM_CONF=$dir/slurm.conf"
