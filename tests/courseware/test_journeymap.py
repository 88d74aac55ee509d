"""The journey map component: courseware/journeymap.py and courseware/templates/macros/journey_map.html."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask import render_template_string

from courseware.journeymap import (
    CURVE_HEIGHT,
    DESIRED_DASH,
    LINE_STYLES,
    PHASE_WIDTH,
    PLOT_BOTTOM,
    PLOT_TOP,
    THUMB_HEIGHT,
    THUMB_WIDTH,
    UNKNOWN,
    build_map,
    desired_overlay,
    emotion_y,
    line_path,
    overlay_curves,
    report_stages,
    stage_title,
)
from grader import grade, parse_journey

EVIL = "<script>alert(1)</script>"
EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def tp(name, emotion=None, **kw):
    return {"name": name, "emotion": emotion, **kw}


def journey(phases, **kw):
    return parse_journey({"format": "klantreis/1", "phases": phases, **kw})


@pytest.fixture
def sample():
    """Six phases, 19 touchpoints, one without emotion, three moments of truth."""
    return journey([
        {"name": "Oriëntatie", "touchpoints": [
            tp("Mentorles", 5, channel="klaslokaal"), tp("TikTok-filmpje", 8, channel="TikTok"),
            tp("Appje van Aylin", 8, channel="WhatsApp")]},
        {"name": "Informatie zoeken", "touchpoints": [
            tp("Website", 4, channel="website"),
            tp("Chat", 9, channel="chat", moment_of_truth=True, moment_of_truth_reason="Ze voelt zich gezien."),
            tp("Formulier", 6, channel="online formulier")]},
        {"name": "Op de open dag", "touchpoints": [
            tp("Ontvangst", 7, channel="balie"),
            tp("Proefles", 10, channel="praktijklokaal", moment_of_truth=True),
            tp("Voorlichting", 4), tp("Gesprek met docent", 7)]},
        {"name": "Aanmelding", "touchpoints": [
            tp("Studielink", 5), tp("Bevestigingsmail", 7),
            tp("Intakegesprek", 8, moment_of_truth=True, moment_of_truth_reason="Ze is toegelaten.")]},
        {"name": "Eerste schoolweek", "stage": "experience", "touchpoints": [
            tp("Pasfoto", 3), tp("Introductiedag", 9), tp("Rooster", 4)]},
        {"name": "Nazorg", "touchpoints": [tp("Enquête", 6), tp("Mentorgesprek", 8), tp("Nieuwsbrief")]},
    ], title="Sanne naar de open dag", trigger="De decaan vertelt over de open dag.",
        persona={"name": "Sanne", "age": 16, "goals": ["Een opleiding kiezen"],
                 "frustrations": ["Lange teksten"], "quote": "Ik wil het echt zien."})


# --- build_map -------------------------------------------------------------------------------

def test_phases_are_columns_of_equal_width(sample):
    m = build_map(sample)
    assert [p.name for p in m.phases] == ["Oriëntatie", "Informatie zoeken", "Op de open dag",
                                          "Aanmelding", "Eerste schoolweek", "Nazorg"]
    assert [(p.x0, p.x1) for p in m.phases] == [(i * PHASE_WIDTH, (i + 1) * PHASE_WIDTH) for i in range(6)]
    assert m.curve.width == 6 * PHASE_WIDTH and m.curve.height == CURVE_HEIGHT
    assert m.curve.phase_bounds == tuple((p.x0, p.x1) for p in m.phases)
    assert m.curve.dividers == (240, 480, 720, 960, 1200)
    assert m.touchpoint_count == 19
    assert [t.number for t in m.touchpoints()] == list(range(1, 20))


def test_touchpoints_share_their_column_evenly(sample):
    m = build_map(sample)
    assert [t.x for t in m.phases[0].touchpoints] == [40, 120, 200]
    assert [t.x for t in m.phases[2].touchpoints] == [510, 570, 630, 690]
    for phase in m.phases:
        assert all(phase.x0 < t.x < phase.x1 for t in phase.touchpoints)


def test_emotion_y_runs_from_bottom_to_top():
    assert emotion_y(1) == CURVE_HEIGHT - PLOT_BOTTOM
    assert emotion_y(10) == PLOT_TOP
    ys = [emotion_y(e) for e in range(1, 11)]
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == 10
    assert emotion_y(0) == emotion_y(1) and emotion_y(11) == emotion_y(10)  # clamped


def test_curve_points_and_guides(sample):
    c = build_map(sample).curve
    first = c.points[0]
    assert (first.x, first.y, first.emotion, first.label, first.is_moment_of_truth) == \
        (40, emotion_y(5), 5, "Mentorles", False)
    assert c.bottom_y == emotion_y(1) > c.baseline_y7 == emotion_y(7) > c.baseline_y9 == emotion_y(9) \
        > c.top_y == emotion_y(10)
    assert [p.label for p in c.points if p.is_moment_of_truth] == ["Chat", "Proefles", "Intakegesprek"]
    assert (c.lowest, c.highest) == (3, 10)
    assert c.path.startswith(f"M 40 {emotion_y(5):g} L 120 {emotion_y(8):g} L 200 ")


def test_touchpoint_without_emotion_is_skipped_but_keeps_its_column():
    j = journey([{"name": "Fase", "touchpoints": [tp("a", 2), tp("b"), tp("c", 9)]}])
    m = build_map(j)
    assert [t.x for t in m.phases[0].touchpoints] == [40, 120, 200]
    assert [(p.x, p.emotion) for p in m.curve.points] == [(40, 2), (200, 9)]
    assert m.curve.path == f"M 40 {emotion_y(2):g} L 200 {emotion_y(9):g}"
    assert m.scored_count == 2 and m.touchpoint_count == 3


def test_line_path_format():
    assert line_path([]) == ""
    assert line_path([(10, 20.5), (30.25, 40)]) == "M 10 20.5 L 30.2 40"


def test_stages_recognised_when_not_given(sample):
    m = build_map(sample)
    assert [p.stage for p in m.phases] == ["awareness", "consideration", "experience", "purchase",
                                           "experience", "after_sales"]
    assert m.phases[0].stage_title == "Bewustwordingsfase"
    assert m.phases[5].stage_title == "After-salesfase"
    assert "Nazorg" in m.phases[5].evidence


def test_stages_given_are_used_and_unknown_ones_dropped(sample):
    m = build_map(sample, ["purchase", None, "nonsense"])
    assert [p.stage for p in m.phases] == ["purchase", None, None, None, None, None]
    assert [p.stage_title for p in m.phases[:2]] == ["Aankoopfase", ""]
    assert all(p.evidence == "" for p in m.phases)


def test_stages_from_a_report_or_its_dict(sample):
    report = grade(sample)
    stages, evidence = report_stages(report)
    assert (stages, evidence) == report_stages(report.to_dict())
    assert stages == [p.stage for p in build_map(sample).phases]
    m = build_map(sample, stages, evidence)
    assert m.phases[0].evidence == report.phases[0].evidence


def test_channel_kind_in_words(sample):
    kinds = [t.channel_kind for t in build_map(sample).phases[0].touchpoints]
    assert kinds == ["offline", "online", "online"]
    assert build_map(sample).phases[3].touchpoints[0].channel_kind is None  # no channel


def test_thumbnail_has_a_fixed_size(sample):
    m = build_map(sample)
    assert (m.thumbnail.width, m.thumbnail.height) == (THUMB_WIDTH, THUMB_HEIGHT)
    assert len(m.thumbnail.points) == len(m.curve.points) == 18
    assert m.thumbnail.points[-1].x < THUMB_WIDTH


def test_empty_journey():
    m = build_map(journey([]))
    assert m.phases == () and m.curve.points == () and m.curve.path == ""
    assert m.curve.width == PHASE_WIDTH and m.touchpoint_count == 0


def test_stage_title():
    assert stage_title("consideration") == "Overwegingsfase"
    assert stage_title(None) == "" and stage_title("x") == ""


# --- overlay_curves --------------------------------------------------------------------------

def test_overlay_aligns_curves_by_stage():
    a = build_map(journey([
        {"name": "Oriëntatie", "touchpoints": [tp("a1", 5), tp("a2", 6)]},
        {"name": "Nazorg", "touchpoints": [tp("a3", 8)]},
    ]))
    b = build_map(journey([
        {"name": "Iets", "touchpoints": [tp("", 2)]},  # nothing to read: no stage, not even by its place
        {"name": "Bewustwording", "touchpoints": [tp("b1", 7)]},
        {"name": "Aankoop", "touchpoints": [tp("b2", 4), tp("b3"), tp("b4", 9)]},
    ]))
    ov = overlay_curves([a, b], ["Ontwerp A", "Ontwerp B"])
    assert [c.stage for c in ov.columns] == ["awareness", "consideration", "purchase", "experience",
                                             "after_sales", UNKNOWN]
    assert ov.columns[0].title == "Bewustwordingsfase" and ov.columns[-1].title == ""
    col = {c.stage: c for c in ov.columns}
    ca, cb = ov.curves
    assert (ca.label, cb.label) == ("Ontwerp A", "Ontwerp B")
    # Awareness under awareness: both curves' awareness points lie in the first column.
    aw = col["awareness"]
    assert [p.label for p in ca.points if aw.x0 < p.x < aw.x1] == ["a1", "a2"]
    assert [p.label for p in cb.points if aw.x0 < p.x < aw.x1] == ["b1"]
    assert [p.x for p in ca.points[:2]] == [aw.x0 + (aw.x1 - aw.x0) / 4, aw.x0 + 3 * (aw.x1 - aw.x0) / 4]
    assert col["after_sales"].x0 < ca.points[2].x < col["after_sales"].x1
    # Unknown phases go last; unscored touchpoints keep their slot; left to right.
    pu = col["purchase"]
    width = pu.x1 - pu.x0
    assert [(p.label, p.x) for p in cb.points if pu.x0 < p.x < pu.x1] == [
        ("b2", round(pu.x0 + width / 6, 1)), ("b4", round(pu.x0 + 5 * width / 6, 1))]
    assert cb.points[-1].label == "(zonder naam)" and cb.points[-1].x > col[UNKNOWN].x0
    assert [p.x for p in cb.points] == sorted(p.x for p in cb.points)
    assert cb.path.startswith(f"M {cb.points[0].x:g} {emotion_y(7):g} L ")
    # Told apart without colour: dash and marker differ.
    assert (ca.dash, ca.marker) == LINE_STYLES[0] and (cb.dash, cb.marker) == LINE_STYLES[1]
    assert ca.marker_path and cb.marker_path and ca.marker_path != cb.marker_path


def test_overlay_without_unknown_phases_and_default_labels():
    a = build_map(journey([{"name": "Oriëntatie", "touchpoints": [tp("x", 5)]}], title="Mijn reis"))
    b = build_map(journey([{"name": "Aankoop", "touchpoints": []}]))
    ov = overlay_curves([a, b])
    assert len(ov.columns) == 5 and ov.width == 5 * ov.columns[0].x1
    assert [c.label for c in ov.curves] == ["Mijn reis", "B"]
    assert ov.curves[1].points == () and ov.curves[1].path == ""


# --- rendering -------------------------------------------------------------------------------

def render(source, **context):
    return render_template_string(
        '{% from "macros/journey_map.html" import journey_map, emotion_overlay %}' + source, **context)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html, name=None, cls=None):
    parser = _Collect()
    parser.feed(html)
    return [(t, a) for t, a in parser.tags
            if (name is None or t == name) and (cls is None or cls in (a.get("class") or "").split())]


def assert_no_inline_code(html):
    assert "<script" not in html.lower()
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html), "inline style"


def test_full_map_renders_phases_cards_stars_and_curve(app, sample):
    m = build_map(sample)
    html = render("{{ journey_map(m) }}", m=m)
    assert_no_inline_code(html)
    assert len(tags(html, "li", "jm-phase")) == 6
    for name in ("Oriëntatie", "Informatie zoeken", "Nazorg"):
        assert f'class="jm-phase-name">{name}</h3>' in html
    assert 'class="jm-stage jm-stage-awareness">Bewustwordingsfase</span>' in html
    assert len(tags(html, "article", "jm-card")) == 19
    assert len(tags(html, "article", "jm-mot")) == 3
    assert html.count('class="jm-mot-label"><span aria-hidden="true">★ </span>Moment van de waarheid</p>') == 3
    assert "Ze voelt zich gezien." in html
    assert "<strong>7</strong> – zoals verwacht" in html
    assert 'class="jm-kind jm-kind-online">online</span>' in html
    assert 'class="jm-kind jm-kind-offline">offline</span>' in html
    assert "nog geen score" in html  # Nieuwsbrief
    svg = tags(html, "svg", "jm-curve-svg")
    # One curve for the screen, one flatter one for the printed page (CSS shows one of them).
    assert [a["class"].split()[-1] for _, a in svg] == ["jm-screen-only", "jm-print-only"]
    assert svg[0][1]["viewbox"] == f"0 0 {m.curve.width} {m.curve.height}"
    assert svg[1][1]["viewbox"] == f"0 0 {m.print_curve.width} {m.print_curve.height}"
    assert m.print_curve.width == m.curve.width and m.print_curve.height < m.curve.height
    assert svg[0][1]["role"] == "img"
    assert f'<path class="jm-line" d="{m.curve.path}"/>' in html
    assert f'<path class="jm-line" d="{m.print_curve.path}"/>' in html
    assert len(tags(html, "circle", "jm-dot")) == 2 * 15 and len(tags(html, "path", "jm-star")) == 2 * 3
    assert "<title>Emotiecurve: scores van 3 tot 10. 18 van de 19 contactmomenten hebben een score.</title>" in html
    # The dashed 7 line and the 9 line.
    screen_svg = html[html.index("jm-screen-only"):html.index("jm-print-only")]
    guides = {a["class"]: a for t, a in tags(screen_svg, "line") if "jm-guide" in a.get("class", "")}
    assert float(guides["jm-guide jm-guide-7"]["y1"]) == m.curve.baseline_y7
    assert "stroke-dasharray" in guides["jm-guide jm-guide-7"]
    assert float(guides["jm-guide jm-guide-9"]["y1"]) == m.curve.baseline_y9
    # The scores for screen readers: one item per touchpoint.
    hidden = re.search(r'<ol class="jm-sr">(.*?)</ol>', html, re.S).group(1)
    assert hidden.count("<li>") == 19
    assert "Informatie zoeken – Chat: 9 (dit onthoud je). Moment van de waarheid" in hidden
    assert "Nazorg – Nieuwsbrief: nog geen score" in hidden
    # Persona and trigger above the columns.
    assert html.index("Persona: Sanne") < html.index("De decaan vertelt") < html.index("jm-curve-svg")
    assert html.index("jm-curve-svg") < html.index('class="jm-phases"')
    assert "Ik wil het echt zien." in html and "Een opleiding kiezen" in html and "16 jaar" in html
    # The scroll area is reachable by keyboard.
    scroll = tags(html, "div", "jm-scroll")[0][1]
    assert scroll["tabindex"] == "0" and scroll["role"] == "region" and scroll["aria-label"]


def test_heading_levels_follow_the_page(app, sample):
    html = render("{{ journey_map(m, heading_level=3) }}", m=build_map(sample))
    assert '<h3 class="jm-title">Sanne naar de open dag</h3>' in html
    assert '<h4 class="jm-phase-name">Nazorg</h4>' in html
    assert '<h5 class="jm-card-name">Chat</h5>' in html


def test_report_adds_the_reason_for_each_stage(app, sample):
    report = grade(sample)
    m = build_map(sample, *report_stages(report))
    without = render("{{ journey_map(m) }}", m=m)
    assert "Waarom deze fase?" not in without
    for value in (report, report.to_dict()):
        html = render("{{ journey_map(m, report=r) }}", m=m, r=value)
        assert html.count("Waarom deze fase?") == 6
        assert "‘Nazorg’ herken ik als de after-salesfase." in html


def test_a_doubt_is_shown_next_to_the_stage_and_opens_the_reason(app, sample):
    report = grade(sample)
    assert not any(p.other for p in report.phases)  # a clear journey: no doubt
    m = build_map(sample, *report_stages(report))
    html = render("{{ journey_map(m, report=r) }}", m=m, r=report)
    assert "jm-stage-doubt" not in html and "<details class=\"jm-why\" open>" not in html
    doubted = report.to_dict()
    doubted["phases"][2]["other"] = "purchase"
    html = render("{{ journey_map(m, report=r) }}", m=m, r=doubted)
    assert html.count("jm-stage-doubt") == 1 and "of aankoop?" in html
    assert html.count("<details class=\"jm-why\" open>") == 1
    doubted["phases"][2].pop("other")  # a report stored before doubts were said
    html = render("{{ journey_map(m, report=r) }}", m=m, r=doubted)
    assert "jm-stage-doubt" not in html


def test_unknown_stage_empty_phase_and_no_scores(app):
    m = build_map(journey([{"name": "Iets", "touchpoints": [tp("a")]}, {"name": "Leeg"}]))
    html = render("{{ journey_map(m) }}", m=m)
    assert "Fase niet herkend" in html
    assert "Nog geen contactmomenten in deze fase." in html
    assert "Nog geen emotiescores" in html and 'class="jm-line"' not in html
    assert "Klantreis zonder titel" in html


def test_compact_thumbnail(app, sample):
    html = render("{{ journey_map(m, compact=True, anonymous_label='Ontwerp A') }}", m=build_map(sample))
    assert_no_inline_code(html)
    assert tags(html, "article", "jm-compact")
    assert '<h2 class="jm-title">Ontwerp A</h2>' in html and "Sanne naar de open dag" not in html
    assert f'viewBox="0 0 {THUMB_WIDTH} {THUMB_HEIGHT}"' in html
    assert not tags(html, "article", "jm-card")
    assert html.count("★ Chat") == 1 and "★ Proefles" in html and "★ Intakegesprek" in html
    assert "Mentorles" in html and "Oriëntatie" in html
    assert len(tags(html, "path", "jm-star")) == 3


def test_anonymous_label_on_the_full_map(app, sample):
    html = render("{{ journey_map(m, anonymous_label='Ontwerp C') }}", m=build_map(sample))
    assert '<h2 class="jm-title">Ontwerp C</h2>' in html


def test_overlay_renders_one_svg_with_distinct_lines_and_a_legend(app, sample):
    other = build_map(journey([{"name": "Bewustwording",
                                "touchpoints": [tp("x", 3), tp("y", 9, moment_of_truth=True)]}]))
    ov = overlay_curves([build_map(sample), other], ["Ontwerp A", "Ontwerp B"])
    html = render("{{ emotion_overlay(ov) }}", ov=ov)
    assert_no_inline_code(html)
    assert len(tags(html, "svg", "jm-overlay-svg")) == 1
    lines = [a for t, a in tags(html, "path", "jm-line")]
    assert [a["d"] for a in lines] == [c.path for c in ov.curves]
    assert "stroke-dasharray" not in lines[0] and lines[1]["stroke-dasharray"] == LINE_STYLES[1][0]
    legend = re.search(r'<ul class="jm-legend">(.*?)</ul>', html, re.S).group(1)
    assert "Ontwerp A" in legend and "Ontwerp B" in legend and "moment van de waarheid" in legend
    assert len(tags(legend, "svg", "jm-legend-swatch")) == 2
    assert "Bewustwordingsfase" in html and "After-salesfase" in html


def test_every_user_text_is_escaped(app):
    j = parse_journey({
        "title": EVIL, "trigger": EVIL,
        "persona": {"name": EVIL, "description": EVIL, "goals": [EVIL], "frustrations": [EVIL], "quote": EVIL,
                    "empathy_map": {"thinks": [EVIL]}},
        "phases": [{"name": EVIL, "description": EVIL, "touchpoints": [{
            "name": EVIL, "channel": EVIL, "description": EVIL, "emotion": 9, "moment_of_truth": True,
            "moment_of_truth_reason": EVIL, "pain": EVIL, "gain": EVIL, "service": EVIL,
            "desired_situation": EVIL, "desired_emotion": 10,
        }]}],
    })
    m = build_map(j, [None], [EVIL])
    report = {"phases": [{"name": EVIL, "stage": None, "evidence": EVIL}]}
    html = render(
        "{{ journey_map(m, report=r) }}{{ journey_map(m, compact=True) }}"
        "{{ journey_map(m, anonymous_label=e) }}{{ emotion_overlay(ov) }}",
        m=m, r=report, e=EVIL, ov=overlay_curves([m], [EVIL]),
    )
    assert "<script" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)
    # title, trigger, 5 persona fields (x2 for the full maps), phase name/description,
    # touchpoint fields, the evidence, the labels: all there, escaped.
    assert html.count(EVIL_ESCAPED) >= 30
    assert f"<title>{EVIL_ESCAPED}: 9 ★ Moment van de waarheid</title>" in html
    assert f"<p>{EVIL_ESCAPED}</p></details>" in html
    assert f"<li>{EVIL_ESCAPED}</li>" in html.split('class="jm-empathy"', 1)[1]  # the empathy map
    assert f"<p>{EVIL_ESCAPED}</p>" in html.split('class="jm-desired"', 1)[1]  # the desired situation
    assert f"<title>{EVIL_ESCAPED}: gewenst 10</title>" in html


def test_a_page_adds_its_style_sheets_by_name(app):
    with app.test_request_context("/"):
        html = render_template_string('{% extends "base.html" %}{% block stylesheets %}map gallery{% endblock %}')
    head = html.split("</head>")[0]
    assert head.count('<link rel="stylesheet"') == 3
    order = [head.index(f"/static/css/{name}.css") for name in ("site", "map", "gallery")]
    assert order == sorted(order)


# --- the desired journey and research ------------------------------------------------------------

def improved():
    """Four touchpoints: two with a desired emotion (one higher, one lower), one the same, one without."""
    return journey([
        {"name": "Oriëntatie", "touchpoints": [
            tp("Website", 4, desired_emotion=8, desired_situation="De tijden staan bovenaan.", source="interview"),
            tp("Chat", 7, desired_emotion=7, source="eigen_ervaring")]},
        {"name": "Open dag", "touchpoints": [
            tp("Ontvangst", 9, desired_emotion=6, moment_of_truth=True), tp("Proefles", 8)]},
    ], persona={"name": "Sanne", "empathy_map": {"says": ["Ik wil het zien", EVIL], "feels": ["Zenuwachtig"],
                                                  "pains": ["Verdwalen"], "gains": []}})


def test_desired_curve_only_when_a_desired_emotion_is_set(sample):
    plain = build_map(sample)
    assert not plain.has_desired and plain.curve.desired_path == "" and plain.curve.desired_points == ()
    m = build_map(improved())
    assert m.has_desired and m.desired_count == 3
    c = m.curve
    assert [(p.label, p.emotion) for p in c.desired_points] == [("Website", 8), ("Chat", 7), ("Ontvangst", 6)]
    # The desired line goes through every scored touchpoint: the desired score, else the current one.
    xs = [t.x for t in m.touchpoints()]
    ys = [emotion_y(e) for e in (8, 7, 6, 8)]
    assert c.desired_path == line_path(list(zip(xs, ys, strict=True)))
    assert (c.desired_lowest, c.desired_highest) == (6, 8)
    assert m.thumbnail.desired_points and m.print_curve.desired_points
    card = m.phases[0].touchpoints[0]
    assert card.desired_situation == "De tijden staan bovenaan." and card.desired_emotion == 8
    assert card.source == "interview" and card.source_label == "Interview"
    assert m.phases[1].touchpoints[1].source_label == ""


def test_score_numbers_of_the_two_curves_never_overlap():
    c = build_map(improved()).curve
    now = {p.label: p.label_dy for p in c.points}
    wish = {p.label: p.label_dy for p in c.desired_points}
    assert now["Website"] > 0 > wish["Website"]  # desired higher: its number above, the current one below
    assert wish["Ontvangst"] > 0 > now["Ontvangst"]  # desired lower: the other way round
    assert wish["Chat"] == 0 and now["Chat"] < 0  # the same score: one number
    assert now["Proefles"] < 0


def test_map_draws_the_desired_curve_dashed_with_a_legend(app, sample):
    html = render("{{ journey_map(m) }}", m=build_map(improved()))
    assert_no_inline_code(html)
    desired = tags(html, "path", "jm-line-desired")
    assert len(desired) == 2  # the screen curve and the printed one
    assert all(a["stroke-dasharray"] == DESIRED_DASH and a["d"] for _t, a in desired)
    current = [a for _t, a in tags(html, "path", "jm-line") if "jm-line-desired" not in a["class"]]
    assert current and all("stroke-dasharray" not in a for a in current)  # the current curve is solid
    assert len(tags(html, "path", "jm-desired-marker")) == 2 * 3 + 1  # three points on two curves, the legend
    legend = html.split('jm-desired-legend" aria-hidden="true">', 1)[1].split("</ul>", 1)[0]
    assert "Nu</li>" in legend and "Gewenst</li>" in legend
    assert 'stroke-dasharray="8 6"' in legend  # the legend shows the dash, not only a colour
    # The text alternative names both curves.
    assert "Gewenste curve (gestreept): scores van 6 tot 8 bij 3 contactmomenten." in html
    assert "Oriëntatie – Website: nu 4 (slecht); gewenst 8 (goed)" in html
    assert "Open dag – Proefles: nu 8 (goed)</li>" in html

    without = render("{{ journey_map(m) }}{{ journey_map(m, compact=True) }}", m=build_map(sample))
    assert "jm-line-desired" not in without and "jm-desired" not in without and "Gewenst" not in without


def test_cards_show_the_desired_situation_and_the_source(app):
    html = render("{{ journey_map(m) }}", m=build_map(improved()))
    assert '<p class="jm-source"><span class="jm-label-inline">Bron:</span> Interview</p>' in html
    assert "Eigen ervaring" in html
    boxes = html.split('<div class="jm-desired">')[1:]
    assert len(boxes) == 3
    assert "<p>De tijden staan bovenaan.</p>" in boxes[0] and "<strong>8</strong> – goed" in boxes[0]


def test_empathy_map_next_to_the_persona_escaped(app, sample):
    html = render("{{ journey_map(m) }}", m=build_map(improved()))
    assert 'class="jm-intro jm-intro-empathy"' in html
    intro = html.split('class="jm-intro jm-intro-empathy"', 1)[1]
    assert intro.index("jm-persona") < intro.index('class="jm-empathy"')
    empathy = intro.split('<section class="jm-empathy">', 1)[1].split("</section>", 1)[0]
    assert ">Empathiekaart</h3>" in empathy
    assert [a["class"] for _t, a in tags(empathy, "div", "jm-empathy-part")] == [
        "jm-empathy-part jm-empathy-says", "jm-empathy-part jm-empathy-feels", "jm-empathy-part jm-empathy-pains"]
    assert "<li>Ik wil het zien</li>" in empathy and f"<li>{EVIL_ESCAPED}</li>" in empathy
    assert "<script" not in html
    assert "jm-empathy" not in render("{{ journey_map(m) }}", m=build_map(sample))


def test_compact_map_has_the_desired_curve_and_a_legend(app):
    html = render("{{ journey_map(m, compact=True) }}", m=build_map(improved()))
    assert len(tags(html, "path", "jm-line-desired")) == 1
    assert len(tags(html, "line", "jm-line-desired")) == 1  # the legend's swatch
    assert "jm-key-compact" in html and "Gewenst</li>" in html


def test_desired_overlay_for_the_comparison(app, sample):
    maps = [build_map(improved()), build_map(sample)]
    assert desired_overlay([build_map(sample)]) is None
    ov = desired_overlay(maps, ["Ontwerp A", "Ontwerp B"])
    assert ov.desired
    assert [p.emotion for p in ov.curves[0].points] == [8, 7, 6, 8]  # desired, else current
    assert ov.curves[1].points == ()  # no desired journey: no line
    html = render("{{ emotion_overlay(ov, heading_level=2) }}", ov=ov)
    assert "Gewenste emotiecurves naast elkaar</h2>" in html
    assert "<title>Gewenste emotiecurves van 2 ontwerpen, per fase naast elkaar</title>" in html
