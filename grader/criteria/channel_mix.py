"""Kanalenmix (optional): several different channels, online and offline."""
from __future__ import annotations

from ..text import fold, quote_list
from .registry import Judgement, Param, criterion
from .touchpoints import channels_sentence, missing_kind_tip


@criterion(
    "channel_mix", "Kanalenmix", "contactmomenten-en-kanalen", optional=True,
    levels=(
        "Geen kanalen ingevuld.",
        "Maar één soort kanaal.",
        "Minstens {sufficient_channels} verschillende kanalen.",
        "Minstens {good_channels} verschillende kanalen, online én offline.",
    ),
    params=(
        Param("sufficient_channels", 2, "Kanalen voor voldoende", "Zoveel verschillende kanalen of meer is niveau 2.",
              1, 50),
        Param("good_channels", 3, "Kanalen voor goed", "Zoveel verschillende kanalen, online én offline, is niveau 3.",
              1, 50),
    ),
    order=(("sufficient_channels", "good_channels"),),
)
def channel_mix(ctx, p) -> Judgement:
    channels: dict[str, str] = {}
    for tp in ctx.touchpoints:
        if ctx.has_channel(tp):
            channels.setdefault(fold(tp.channel), tp.channel)
    if not channels:
        return Judgement(0, "Je hebt nog geen kanalen ingevuld.",
                         "Schrijf bij elk contactmoment via welk kanaal het gaat: mail, app, balie, gesprek…")
    found = (f"Je gebruikt {len(channels)} {'verschillende kanalen' if len(channels) != 1 else 'kanaal'}: "
             f"{quote_list(list(channels.values()))}.")
    both = all(ctx.channels_by_kind.values())
    if len(channels) < p["sufficient_channels"]:
        return Judgement(1, found, f"Welke andere kanalen gebruikt de klant? {_kind_hint(ctx)}")
    if len(channels) >= p["good_channels"] and both:
        return Judgement(3, f"{found} {channels_sentence(ctx)}", "")
    if len(channels) < p["good_channels"]:
        return Judgement(2, found, f"Gebruik minstens {p['good_channels']} verschillende kanalen. {_kind_hint(ctx)}")
    return Judgement(2, f"{found} {channels_sentence(ctx)}", missing_kind_tip(ctx))


def _kind_hint(ctx) -> str:
    """Which kind of channel to add: the missing one, or either when both are there."""
    if all(ctx.channels_by_kind.values()):
        return "Je gebruikt al online én offline kanalen; welk kanaal past nog bij wat de klant nodig heeft?"
    return missing_kind_tip(ctx)
