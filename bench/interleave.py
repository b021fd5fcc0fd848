#!/usr/bin/env python3
"""Times commands run in turn, A B A B ..., so that a machine whose speed
drifts (a shared VM: the same command can take twice as long a minute later)
slows each of them alike. For each command: the median wall time and the
median CPU time (user + system, from wait4), and both as a ratio to the first
command's.

    interleave.py RUNS NAME=COMMAND [NAME=COMMAND ...]

COMMAND is split as a shell would split words (no shell runs it); its
standard output and error go to /dev/null. Three warm-up rounds are not
counted. A command that exits non-zero stops the run.
"""
import os
import shlex
import statistics
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    walls = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    devnull = os.open(os.devnull, os.O_WRONLY)
    for round_ in range(runs + 3):
        for name, command in commands:
            args = shlex.split(command)
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                try:
                    os.dup2(devnull, 1)
                    os.dup2(devnull, 2)
                    os.execvp(args[0], args)
                finally:
                    os._exit(127)
            _, status, usage = os.wait4(pid, 0)
            wall = time.perf_counter() - start
            if status != 0:
                sys.exit(f"interleave.py: {name} failed (wait status {status}): {command}")
            if round_ >= 3:
                walls[name].append(wall * 1000)
                cpus[name].append((usage.ru_utime + usage.ru_stime) * 1000)
    base_wall = statistics.median(walls[commands[0][0]])
    base_cpu = statistics.median(cpus[commands[0][0]])
    for name, _ in commands:
        wall = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        print(f"{name}: wall {wall:.2f} ms ({wall / base_wall:.3f}), "
              f"cpu {cpu:.2f} ms ({cpu / base_cpu:.3f})")


if __name__ == "__main__":
    main()
