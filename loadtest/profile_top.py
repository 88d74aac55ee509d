"""Where a gunicorn worker spent its time, from py-spy's collapsed stacks (`--format raw`):
the functions with the most samples, self (innermost frame) and inclusive (anywhere in the stack),
(idle time included: a worker waiting in accept() shows as such).

    python loadtest/profile_top.py loadtest/results/<time>/sqlite-school/profile-worker.txt [N]
"""
from __future__ import annotations

import collections
import sys


def main(path: str, top: int = 25) -> None:
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    total = 0
    with open(path, encoding="utf-8", errors="replace") as lines:
        stacks = [line.rstrip("\n").rpartition(" ") for line in lines]
    for stack, _, count in stacks:
        if not count.isdecimal():
            continue
        samples = int(count)
        total += samples
        frames = [frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  for frame in stack.split(";") if frame]
        if frames:
            own[frames[-1]] += samples
        for frame in set(frames):
            inclusive[frame] += samples
    print(f"{total} samples")
    print("\nself:")
    for frame, samples in own.most_common(top):
        print(f"  {100 * samples / total:5.1f}%  {frame}")
    print("\ninclusive:")
    for frame, samples in inclusive.most_common(top * 2):
        print(f"  {100 * samples / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
