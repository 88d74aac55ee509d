"""The pytest autograder: `pytest --journeys DIR [--grades-csv FILE] [--journeys-assignment ID]`.

Each `*.journey.json` / `*.journey.yaml` file under DIR becomes one test item per criterion,
passing at level 2 (voldoende) or more; an invalid file is one failing item with the Dutch reason.
The item's points go into its user properties, so `--junitxml` carries them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .batch import FileError, UnknownAssignment, grade_file, rubric_for
from .criteria import LEVEL_NAMES
from .journey import Journey
from .loading import is_journey_file
from .report import Report
from .sources import RubricSourceError, installed_sources

PASS_LEVEL = 2
_outcomes_key = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("klantreislab", "Klantreislab autograder")
    group.addoption("--journeys", metavar="DIR", help="beoordeel alle *.journey.json/.yaml-bestanden in deze map")
    group.addoption("--journeys-assignment", metavar="ID_OF_BESTAND",
                    help="gebruik de rubric van deze opdracht (een id of een .toml-bestand) voor alle bestanden")
    group.addoption("--grades-csv", metavar="FILE", help="schrijf de cijferlijst van de klas naar dit CSV-bestand")


def pytest_configure(config: pytest.Config) -> None:
    directory = config.getoption("journeys")
    if not directory:
        return
    assignment = config.getoption("journeys_assignment")
    if assignment:  # a wrong id or a broken file stops the run with a Dutch message, not a traceback
        try:
            rubric_for(Journey(), assignment)
        except UnknownAssignment:
            names = ", ".join(installed_sources().names()) or "geen"
            raise pytest.UsageError(f"onbekende opdracht '{assignment}'. Kies uit: {names}") from None
        except RubricSourceError as exc:
            raise pytest.UsageError(str(exc)) from None
    config.stash[_outcomes_key] = []
    # Collect the journeys folder instead of the project's own tests, unless paths were given.
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [str(Path(directory))]
    elif str(Path(directory)) not in config.args:
        config.args.append(str(Path(directory)))


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    directory = parent.config.getoption("journeys")
    if directory and is_journey_file(file_path) and _inside(file_path, Path(directory)):
        return JourneyFile.from_parent(parent, path=file_path)
    return None


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
        return True
    except ValueError:
        return False


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    target = config.getoption("grades_csv", None)
    if target and _outcomes_key in config.stash:
        from .formats import write_grade_sheet

        outcomes = sorted(config.stash[_outcomes_key], key=lambda o: o.file or "")
        write_grade_sheet(target, outcomes)


class JourneyFile(pytest.File):
    def collect(self):
        directory = Path(self.config.getoption("journeys")).resolve()
        name = self.path.resolve().relative_to(directory).as_posix()
        outcome = grade_file(self.path, self.config.getoption("journeys_assignment"), name=name)
        if _outcomes_key in self.config.stash:
            self.config.stash[_outcomes_key].append(outcome)
        if isinstance(outcome, FileError):
            yield InvalidJourneyItem.from_parent(self, name="geldig", error=outcome.error)
            return
        for result in outcome.criteria:
            yield CriterionItem.from_parent(self, name=result.id, report=outcome, criterion_id=result.id)


class JourneyCheckFailed(Exception):
    pass


class CriterionItem(pytest.Item):
    def __init__(self, *, report: Report, criterion_id: str, **kwargs):
        super().__init__(**kwargs)
        self.result = report.criterion(criterion_id)
        self.user_properties.extend([
            ("level", self.result.level),
            ("points", self.result.points),
            ("max_points", self.result.max_points),
            ("grade", report.grade),
        ])

    def runtest(self) -> None:
        if self.result.level < PASS_LEVEL:
            raise JourneyCheckFailed()

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, JourneyCheckFailed):
            r = self.result
            return (f"{r.title}: niveau {r.level} van {r.max_level} ({LEVEL_NAMES[r.level]})\n"
                    f"{r.feedback}\n{r.tip_line}")
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.path.name}::{self.result.title}"


class InvalidJourneyItem(pytest.Item):
    def __init__(self, *, error: str, **kwargs):
        super().__init__(**kwargs)
        self.error = error
        self.user_properties.extend([("points", 0), ("max_points", 0)])

    def runtest(self) -> None:
        raise JourneyCheckFailed()

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, JourneyCheckFailed):
            return f"Deze klantreis kon niet worden beoordeeld:\n{self.error}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.path.name}::geldig"
