"""What every criterion may look at: the journey plus facts derived from it once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .channels import OFFLINE, ONLINE, channel_kinds, is_placeholder
from .journey import Journey, Phase, Touchpoint
from .stages import StageMatch, recognise_stages
from .text import fold, words


@dataclass
class Context:
    journey: Journey
    stage_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the assignment's own words

    @cached_property
    def stages(self) -> list[StageMatch]:
        return recognise_stages(self.journey.phases, self.stage_words)

    @cached_property
    def who(self) -> str:
        """How feedback names the customer: the persona's first name, else "de klant"."""
        persona = self.journey.persona
        parts = words(persona.name) if persona else []
        return parts[0] if parts else "de klant"

    @cached_property
    def persona_name(self) -> str:
        """The persona's first name, folded, to find it in a text; "" without a persona."""
        persona = self.journey.persona
        parts = words(persona.name) if persona else []
        return fold(parts[0]) if parts else ""

    @cached_property
    def touchpoints(self) -> list[Touchpoint]:
        return list(self.journey.touchpoints())

    @cached_property
    def channel_kinds(self) -> list[frozenset[str]]:
        return [channel_kinds(tp.channel) for tp in self.touchpoints]

    @cached_property
    def channels_by_kind(self) -> dict[str, list[str]]:
        """The different channels (as the student wrote them) read as online and as offline;
        a channel that names both ("mail en brief") is in both lists."""
        found: dict[str, dict[str, str]] = {ONLINE: {}, OFFLINE: {}}
        for tp, kinds in zip(self.touchpoints, self.channel_kinds, strict=True):
            for kind in kinds:
                found[kind].setdefault(fold(tp.channel), tp.channel)
        return {kind: list(channels.values()) for kind, channels in found.items()}

    def has_channel(self, tp: Touchpoint) -> bool:
        return not is_placeholder(tp.channel)

    def phases_of(self, stage: str) -> list[int]:
        """Indexes of the phases recognised as `stage`."""
        return [i for i, match in enumerate(self.stages) if match.stage == stage]

    def phase(self, index: int) -> Phase:
        return self.journey.phases[index]

    def other_stage_before(self, index: int, stage: str) -> int | None:
        """Index of the first phase before `index` that is recognised as another stage."""
        for i in range(index):
            if self.stages[i].stage not in (None, stage):
                return i
        return None

    def other_stage_after(self, index: int, stage: str) -> int | None:
        """Index of the first phase after `index` that is recognised as another stage."""
        for i in range(index + 1, len(self.stages)):
            if self.stages[i].stage not in (None, stage):
                return i
        return None
