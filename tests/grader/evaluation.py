"""How well the grader reads phases and channels, measured on labelled sets of our own.

    .venv/bin/python -m tests.grader.evaluation          # both splits, as a table (docs/grader.md)
    .venv/bin/python -m tests.grader.evaluation --since e01ef39   # only the data added after a commit
    .venv/bin/python -m tests.grader.evaluation --agreement       # also: a second teacher's labels
    .venv/bin/python -m tests.grader.evaluation --numbers 1-36,83-106   # held-out by journey numbers
    .venv/bin/python -m tests.grader.evaluation --levels        # what misread stages do to the levels

The sets are in tests/grader/data/: `stage_set/<split>/*.journey.json` (klantreis/1 journeys
whose phases carry `x_label`: the stage a teacher gives, or a list of two fair stages, and
`x_name_kind`: explicit, strong or other) and `channel_set/<split>.toml` (phrases per kind).
They were written by people who had not seen the grader's word lists. `stage_set/second_labels.json`
holds a second teacher's labels for the held-out phases, given without seeing the first labels or
the grader: how often two teachers agree shows how sharp the labels are. The `tuning` split may
be looked at while the word lists and weights are changed; the `heldout` split is only measured,
so its figure shows whether the method generalises or only the word list grew.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from grader import Report, grade, parse_journey
from grader.channels import channel_kinds
from grader.stage_words import name_hit
from grader.stages import recognise_stages

DATA = Path(__file__).parent / "data"
SPLITS = ("tuning", "heldout")
KIND_OF = {"online": {"online"}, "offline": {"offline"}, "both": {"online", "offline"}, "none": set()}


@dataclass
class StageScore:
    phases: int = 0
    correct: int = 0
    journeys: int = 0
    by: Counter = field(default_factory=Counter)  # (group, "total"/"correct") -> count
    wrong: list[str] = field(default_factory=list)

    def add(self, group: str, ok: bool) -> None:
        self.by[group, "total"] += 1
        self.by[group, "correct"] += ok

    def share(self, group: str | None = None) -> tuple[int, int]:
        if group is None:
            return self.correct, self.phases
        return self.by[group, "correct"], self.by[group, "total"]


def stage_labels(label: str | list[str]) -> set[str]:
    """The stages a label allows: one, or two fair ones."""
    return set(label) if isinstance(label, list) else {label}


def _labels(raw: dict) -> set[str]:
    return stage_labels(raw["x_label"])


def lexicon_free(names: list[str]) -> bool:
    """At most one phase name holds a word of the stage lexicon: the journey must be read from
    what its phases describe and where they stand."""
    return sum(name_hit(name) is not None and name_hit(name).stage is not None for name in names) <= 1


def _read_split(split: str, only: frozenset[str] | None = None):
    """(path, raw journey, Journey, the grader's StageMatches) for every labelled journey of a split;
    `only`: the file names to read (all when None)."""
    for path in sorted((DATA / "stage_set" / split).glob("*.journey.json")):
        if only is not None and path.name not in only:
            continue
        raw = json.loads(path.read_text("utf-8"))
        journey = parse_journey(raw)
        yield path, raw, journey, recognise_stages(journey.phases)


def stage_score(split: str, only: frozenset[str] | None = None) -> StageScore:
    """The score of a split; `only`: the file names to count (all when None)."""
    score = StageScore()
    for path, raw, journey, matches in _read_split(split, only):
        names = [phase.name for phase in journey.phases]
        free = lexicon_free(names)
        english = raw.get("x_meta", {}).get("language") == "en"
        score.journeys += 1
        wanted_stages = set().union(*(_labels(p) for p in raw["phases"]))
        for stage in ("awareness", "after_sales"):
            found = stage in {m.stage for m in matches}
            named = {i for i, m in enumerate(matches) if m.other == stage}  # the criterion's hint names these
            if stage in wanted_stages:
                score.add(f"journeys with {stage}: found", found)
                if not found:
                    score.add(f"journeys with {stage} not found: the hint names it",
                              any(stage in _labels(raw["phases"][i]) for i in named))
            elif not found:
                score.add(f"journeys without {stage}: no hint", not named)
        for raw_phase, phase, match in zip(raw["phases"], journey.phases, matches, strict=True):
            labels = _labels(raw_phase)
            ok = match.stage in labels
            score.phases += 1
            score.correct += ok
            score.add(f"name {raw_phase['x_name_kind']}", ok)
            score.add("read with a doubt (two stages named)" if match.other else "read without a doubt", ok)
            if not ok:
                score.add("misread: the other stage named is right", match.other in labels)
            score.add("English" if english else "Dutch", ok)
            if free:
                score.add("journeys without stage words", ok)
            if not ok:
                score.wrong.append(f"{path.name}: {phase.name!r} -> {match.stage} (label {sorted(labels)}): "
                                   f"{match.evidence}")
    return score


def channel_score(split: str, leave_out: dict | None = None) -> tuple[int, int, list[str]]:
    """The score of a split; `leave_out`: phrases per kind not to count."""
    data = tomllib.loads((DATA / "channel_set" / f"{split}.toml").read_text("utf-8"))
    correct, total, wrong = 0, 0, []
    for kind, phrases in data.items():
        for phrase in phrases:
            if leave_out and phrase in leave_out.get(kind, ()):
                continue
            total += 1
            got = set(channel_kinds(phrase))
            if got == KIND_OF[kind]:
                correct += 1
            else:
                wrong.append(f"{phrase!r}: {kind}, read as {sorted(got) or 'none'}")
    return correct, total, wrong


def _percent(part: int | Fraction, whole: int) -> str:
    """'92.1% (1278/1387)'; a part in halves (a label of two stages counts half) with one decimal."""
    said = int(part) if part == int(part) else f"{float(part):.1f}"
    return f"{100 * float(part) / whole:.1f}% ({said}/{whole})" if whole else "-"


def report() -> str:
    scores = {split: stage_score(split) for split in SPLITS}
    groups = sorted({group for s in scores.values() for group, _ in s.by})
    lines = ["| phases | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    lines.append("| all phases | " + " | ".join(_percent(*s.share()) for s in scores.values()) + " |")
    for group in groups:
        lines.append(f"| {group} | " + " | ".join(_percent(*s.share(group)) for s in scores.values()) + " |")
    lines.append("| journeys | " + " | ".join(str(s.journeys) for s in scores.values()) + " |")
    channels = {split: channel_score(split) for split in SPLITS}
    lines.append("| channel phrases | " + " | ".join(_percent(c, t) for c, t, _ in channels.values()) + " |")
    return "\n".join(lines)


SECOND_LABELS = DATA / "stage_set" / "second_labels.json"


def number(name: str) -> int:
    """The number a labelled journey's file name starts with ('83-kleermaker-trouwpak.journey.json': 83)."""
    return int(Path(name).name.split("-", 1)[0])


def as_the_grader(first: set[str], other: set[str]) -> Fraction:
    """A second teacher's label counted as the grader's stage is: one stage, right when the first
    label allows it; a second label of two stages gives each of them half the time."""
    return Fraction(len(first & other), len(other))


def agreement_counts(lo: int = 0, hi: int = 10**6) -> Counter:
    """The agreement counts over the second teacher's journeys numbered lo to hi."""
    second = json.loads(SECOND_LABELS.read_text("utf-8"))
    counts: Counter = Counter()
    for key, labels2 in sorted(second.items()):
        if not lo <= number(key) <= hi:
            continue
        raw = json.loads((DATA / "stage_set" / key).read_text("utf-8"))
        journey = parse_journey(raw)
        matches = recognise_stages(journey.phases)
        for raw_phase, match, label2 in zip(raw["phases"], matches, labels2, strict=True):
            first, other = _labels(raw_phase), stage_labels(label2)
            counts["phases"] += 1
            counts["the two teachers"] += bool(first & other)
            counts["the two teachers, the same label"] += first == other
            counts[AS_THE_GRADER] += as_the_grader(first, other)
            counts["grader and first teacher"] += match.stage in first
            counts["grader and second teacher"] += match.stage in other
            counts["grader and at least one teacher"] += match.stage in first | other
    return counts


AS_THE_GRADER = "second teacher, measured as the grader is"
AGREEMENTS = ("the two teachers", "the two teachers, the same label", AS_THE_GRADER, "grader and first teacher",
              "grader and second teacher", "grader and at least one teacher")


def agreement() -> str:
    """How often a second teacher, who labelled the same phases without seeing the first labels or
    the grader, agrees with the first labels, and how often the grader agrees with each. Two label
    sets agree when they share a stage (a label may name two fair stages)."""
    second = json.loads(SECOND_LABELS.read_text("utf-8"))
    counts = agreement_counts()
    splits = sorted({key.split("/")[0] for key in second})
    lines = [f"| agreement on {', '.join(splits)} ({len(second)} journeys) | phases |", "|---|---:|"]
    for what in AGREEMENTS:
        lines.append(f"| {what} | {_percent(counts[what], counts['phases'])} |")
    return "\n".join(lines)


def graded_with(raw: dict, matches: list, labels: list) -> Report:
    """The report a labelled journey gets when every phase has the stage a teacher gave it: the
    grader's own stage where the label allows it (one of two fair stages), else the label's first.
    A stage the student chose in the builder stays."""
    filled = copy.deepcopy(raw)
    for phase, match, label in zip(filled["phases"], matches, labels, strict=True):
        if not phase.get("stage"):
            allowed = stage_labels(label)
            phase["stage"] = match.stage if match.stage in allowed else (label[0] if isinstance(label, list) else label)
    return grade(parse_journey(filled))


def _compare(counts: Counter, who: str, one: Report, two: Report) -> None:
    """Count, under `who`, the criteria (in all and per criterion) and the grade two reports share."""
    counts[who, "journeys"] += 1
    counts[who, "same grade"] += one.grade == two.grade
    counts[who, "grade off by"] += round(10 * abs(one.grade - two.grade))  # tenths
    for a, b in zip(one.criteria, two.criteria, strict=True):
        counts[who, "criteria"] += 1
        counts[who, "same level"] += a.level == b.level
        counts[who, a.id, "criteria"] += 1
        counts[who, a.id, "same level"] += a.level == b.level


def level_counts(split: str, only: frozenset[str] | None = None) -> Counter:
    """How often the rubric levels and the grade of a journey are the same when it is graded as it is
    (the grader reads the stages) and when it is graded with a teacher's stages; on journeys with a
    second teacher's labels, also how often the two teachers' stages give the same levels. This is what a
    misread stage costs a student: most misreads change no level (the awareness phase is still found)."""
    second = json.loads(SECOND_LABELS.read_text("utf-8"))
    counts: Counter = Counter()
    for path, raw, journey, matches in _read_split(split, only):
        graded = grade(journey)
        first = graded_with(raw, matches, [p["x_label"] for p in raw["phases"]])
        reports = {"first teacher": first}
        if (key := f"{split}/{path.name}") in second:
            reports["second teacher"] = graded_with(raw, matches, second[key])
        counts["journeys"] += 1
        for who, report in reports.items():
            _compare(counts, who, graded, report)
        if "second teacher" in reports:
            _compare(counts, "teachers", reports["first teacher"], reports["second teacher"])
    return counts


_STAGE_CRITERIA = ("phases", "awareness", "after_sales")  # the criteria that use the stages


def levels() -> str:
    """`--levels`: the rubric levels and grades with the grader's stages against a teacher's."""
    counts = {split: level_counts(split) for split in SPLITS}
    who = [("first teacher", "grader and first teacher's stages"), ("second teacher",
           "grader and second teacher's stages"), ("teachers", "first and second teacher's stages")]
    lines = ["| the same | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    for key, said in who:
        if not any(c[key, "journeys"] for c in counts.values()):
            continue
        lines.append(f"| level of a criterion: {said} | "
                     + " | ".join(_percent(c[key, "same level"], c[key, "criteria"]) for c in counts.values()) + " |")
        for criterion in _STAGE_CRITERIA if key == "first teacher" else ():
            lines.append(f"| … of `{criterion}` | " + " | ".join(
                _percent(c[key, criterion, "same level"], c[key, criterion, "criteria"]) for c in counts.values())
                + " |")
        lines.append(f"| grade: {said} (mean difference) | " + " | ".join(
            f"{_percent(c[key, 'same grade'], c[key, 'journeys'])}, "
            f"{c[key, 'grade off by'] / 10 / c[key, 'journeys']:.2f}" if c[key, "journeys"] else "-"
            for c in counts.values()) + " |")
    return "\n".join(lines)


def by_numbers(ranges: list[tuple[int, int]]) -> str:
    """The held-out split by groups of journey numbers (the rounds they came in), with the second
    teacher's agreement on each group: `--numbers 1-36,37-56,83-106`."""
    files = [path.name for path in (DATA / "stage_set" / "heldout").glob("*.journey.json")]
    others = [what for what in AGREEMENTS if what != "grader and first teacher"]  # the first column
    lines = ["| held-out journeys | grader and first teacher | " + " | ".join(others) + " |",
             "|---|" + "---:|" * (len(others) + 1)]
    for lo, hi in ranges:
        score = stage_score("heldout", frozenset(name for name in files if lo <= number(name) <= hi))
        counts = agreement_counts(lo, hi)
        shares = [_percent(counts[what], counts["phases"]) if counts["phases"] else "-" for what in others]
        lines.append(f"| {lo}–{hi} | {_percent(*score.share())} | " + " | ".join(shares) + " |")
    return "\n".join(lines)


def since(commit: str) -> str:
    """The journeys and channel phrases added after `commit` (git), measured alone: data that
    arrived after the method was written is a fresh estimate of how well it generalises."""
    root = DATA.relative_to(Path.cwd().resolve()) if DATA.is_relative_to(Path.cwd().resolve()) else DATA

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout

    scores, channels, levels = {}, {}, {}
    for split in SPLITS:
        listed = git("ls-tree", "--name-only", commit, f"{root}/stage_set/{split}/")
        before = {Path(line).name for line in listed.split()}
        now = {path.name for path in (DATA / "stage_set" / split).glob("*.journey.json")}
        scores[split] = stage_score(split, frozenset(now - before))
        levels[split] = level_counts(split, frozenset(now - before))
        old = tomllib.loads(git("show", f"{commit}:{root}/channel_set/{split}.toml"))
        channels[split] = channel_score(split, old)[:2]
    lines = [f"| data added after {commit} | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS),
             "| journeys | " + " | ".join(str(s.journeys) for s in scores.values()) + " |"]
    groups = (None, "name explicit", "name strong", "read with a doubt (two stages named)", "read without a doubt",
              "misread: the other stage named is right")
    for group in groups:
        lines.append(f"| {group or 'all phases'} | " + " | ".join(_percent(*s.share(group)) for s in scores.values())
                     + " |")
    lines.append("| level of a criterion: grader and first teacher's stages | " + " | ".join(
        _percent(c["first teacher", "same level"], c["first teacher", "criteria"]) for c in levels.values()) + " |")
    lines.append("| channel phrases | " + " | ".join(_percent(*c) for c in channels.values()) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    if "--since" in sys.argv:
        print(since(sys.argv[sys.argv.index("--since") + 1]))
        sys.exit()
    if "--numbers" in sys.argv:
        said = sys.argv[sys.argv.index("--numbers") + 1].split(",")
        print(by_numbers([(int(lo), int(hi)) for lo, hi in (part.split("-") for part in said)]))
        sys.exit()
    if "--levels" in sys.argv:
        print(levels())
        sys.exit()
    print(report())
    if "--agreement" in sys.argv:
        print()
        print(agreement())
    if "--wrong" in sys.argv:
        split = sys.argv[sys.argv.index("--wrong") + 1] if len(sys.argv) > sys.argv.index("--wrong") + 1 else "tuning"
        print("\n".join(stage_score(split).wrong))
        print("\n".join(channel_score(split)[2]))
