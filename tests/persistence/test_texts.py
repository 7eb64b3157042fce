"""A document's texts in the database: seeds placed under the template's parts, editing through the
one write path (permission, version, audit), the section workflow, the lock rules, the template."""
from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from ils.domain import text_template as tt
from ils.domain.model import Period
from ils.domain.workflow import Action, Role
from ils.persistence import editing, models, planning, remaining, texts
from ils.persistence.store import load_document, save_document
from ils.renderers.text_export import render_text
from ils.importers import parse_text

pytestmark = pytest.mark.postgres

SODERMALM = "Södermalms stadsdelsnämnd"

# From the catalogues (research/seed_*.md): each seed's text parts and the sub-headings inside them.
CATALOGUE = {
    "sodermalm": {  # seed_000 §2.2
        "prioriterat-arbete": ["Stärka den lokala demokratin", "Ett intensifierat klimat- och miljöarbetet",
                               "En god arbetsgivare"],
        "bedomning": [], "bedomning-1": [], "bedomning-2": [], "bedomning-3": [],
        "direktiv": [], "direktiv-ekonomi": [], "direktiv-levande-stad": [], "direktiv-trygg-stad": []},
    "socialnamnden": {  # seed_002 §2.1
        "bedomning-1": [], "bedomning-2": [], "bedomning-3": [], "direktiv": []},
    "hagersten-alvsjo": {  # seed_001 §2.3, front part, and the quality chapter at L2136
        "inledning": [], "befolkningsprognos": [],
        "namnden-och-raden": ["Pensionärsrådet", "Rådet för funktionshinderfrågor"],
        "organisation": ["Förvaltningens omorganisation"],
        "prioriterat-arbete": ["Förskola", "Individ- och familjeomsorg", "Funktionsnedsättning och socialpsykiatri",
                               "Äldreomsorg", "Samhälle och service", "Ekonomi och upphandling",
                               "Hr och kommunikation", "Nämndkansli"],
        "direktiv": [], "direktiv-ekonomi": [], "direktiv-levande-stad": [], "direktiv-trygg-stad": [],
        "kvalitetsprogram": [], "standiga-forbattringar": [], "synpunkter-och-klagomal": []},
    "hasselby-vallingby": {  # seed_003 §2.2 and §6
        "sammanfattande-analys": [],
        "bedomning-1": ["Positivt arbete under året", "Utmaningar under året"],
        "bedomning-2": ["Positivt arbete under året", "Utmaningar under året"],
        "bedomning-3": ["Positivt arbete under året", "Utmaningar under året"],
        "fokusomraden": ["Trygghet", "Integration", "Innovation"],
        "styrning-och-uppfoljning": [], "samverkan-for-effektiv-verksamhet": [], "klimat-och-miljoarbete": [],
        "staden-som-arbetsgivare": [], "lokalforsorjning": [], "inkop": [], "internationalisering": [],
        "agenda-2030": ["Agenda 2030", "Mål 1- Ingen fattigdom", "Mål 3- God hälsa och välbefinnande"],
        "jamstalldhet": [], "barns-rattigheter": [], "nationella-minoriteter": [],
        "intern-kontroll": ["Delvis tillräcklig", "Analys"],
        "kvalitet-delaktighet": [], "kvalitet-synpunkter": [], "kvalitet-lex-sarah": [],
        "kvalitet-verksamhetsuppfoljning": []},
}


def _report(doc) -> models.Report:
    return models.Report.objects.get(committee__name=doc.committee, year=doc.year, period=doc.period.value)


def _subheadings(text: str) -> list[str]:
    return [line.removeprefix("## ") for line in text.split("\n") if line.startswith("## ")]


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_each_seed_has_its_texts_under_the_templates_parts_with_their_headings(seed_documents, name):
    doc = seed_documents[name]
    parts = {p.key: p for p in _report(doc).text_parts.all()}
    for key, subheadings in CATALOGUE[name].items():
        assert parts[key].text.strip() or key in ("bedomning", "direktiv"), key
        assert _subheadings(parts[key].text)[:len(subheadings)] == subheadings, key
    # Every imported section's text is somewhere in the parts: nothing is lost.
    stored = "\n".join(p.text for p in parts.values())
    for section in doc.sections:
        for line in section.text.split("\n"):
            words = line.replace("*", "").replace("_", "").split()[:6]
            assert " ".join(words) in stored.replace("\\", "").replace("*", "").replace("_", ""), line[:60]


def test_the_inriktningsmal_blocks_are_named_by_the_goals(seed_documents):
    report = _report(seed_documents["sodermalm"])
    blocks = report.text_parts.filter(parent="bedomning").order_by("order")
    assert [(b.goal, b.heading) for b in blocks] == list(
        report.goals.filter(level="inriktningsmal").values_list("number", "title"))
    assert blocks[0].text.startswith("Förvaltningen bedömer att inriktningsmålet kommer")


def test_render_and_reimport_keeps_the_texts_and_their_subheadings(seed_documents):
    report = _report(seed_documents["hasselby-vallingby"])
    again = parse_text(render_text(load_document(report)), source="omläst")
    copy = save_document(again, committee="Omläst nämnd")
    before = {p.key: p.text for p in report.text_parts.all() if p.text}
    after = {p.key: p.text for p in copy.text_parts.all() if p.text}
    assert after == before


def _user(name, role, committee=SODERMALM, goals=()):
    user = get_user_model().objects.create_user(name)
    models.Membership.objects.create(user=user, role=role.value, goals=list(goals),
                                     committee=models.Committee.objects.get(name=committee) if committee else None)
    return user


def test_a_text_is_saved_with_version_check_and_audit_and_refused_with_control_characters(seed_documents):
    report = _report(seed_documents["sodermalm"])
    part = report.text_parts.get(key="prioriterat-arbete")
    writer = _user("skrivare", Role.WRITER)
    texts.update_text(writer, part, part.version, "## Rubrik\n\nNy text med **fetstil**.\r\n")
    part.refresh_from_db()
    assert (part.text, part.version) == ("## Rubrik\n\nNy text med **fetstil**.", 2)
    entry = models.AuditEntry.objects.get(item_type="textdel", item_id=part.pk)
    assert (entry.user, entry.field, entry.after) == (writer, "text", part.text)
    with pytest.raises(editing.EditConflict) as conflict:
        texts.update_text(writer, part, 1, "Gammal version")
    assert conflict.value.theirs["text"] == part.text
    with pytest.raises(texts.TextError, match="Nämndens prioriterade arbete.*styrtecken"):
        texts.update_text(writer, part, part.version, "Text\x00")
    part.refresh_from_db()
    assert part.version == 2


def test_a_part_assigned_to_writers_is_theirs_and_a_goal_limited_writer_gets_only_assigned_parts(seed_documents):
    report = _report(seed_documents["sodermalm"])
    part = report.text_parts.get(key="bedomning-1")
    controller, anna, bo = _user("c", Role.CONTROLLER), _user("anna", Role.WRITER), _user("bo", Role.WRITER)
    limited = _user("limited", Role.WRITER, goals=["1"])
    assert editing.can_edit(bo, part) and not editing.can_edit(limited, part)
    with pytest.raises(PermissionDenied):
        texts.assign_writers(anna, part, [anna])
    texts.assign_writers(controller, part, [anna, limited])
    part = models.TextPart.objects.get(pk=part.pk)
    assert editing.can_edit(anna, part) and editing.can_edit(limited, part) and not editing.can_edit(bo, part)
    assert Action.SUBMIT not in editing.allowed_actions(bo, part)
    assert models.AuditEntry.objects.get(item_type="textdel", item_id=part.pk, field="skribenter").after == "anna, limited"
    with pytest.raises(texts.TextError):
        texts.assign_writers(controller, part, [_user("other", Role.WRITER, "Socialnämnden")])


def test_text_parts_move_through_the_section_workflow_and_a_required_empty_part_is_refused(seed_documents):
    report = _report(seed_documents["sodermalm"])
    writer, controller = _user("w", Role.WRITER), _user("c", Role.CONTROLLER)
    part = report.text_parts.get(key="bedomning-2")
    texts.update_text(writer, part, part.version, "")
    with pytest.raises(editing.GapsRemain, match="Obligatorisk text saknas") as refused:
        editing.change_status(writer, part, Action.SUBMIT)
    assert [g.item for g in refused.value.gaps] == ["textdel:bedomning-2"]
    part.refresh_from_db()
    texts.update_text(writer, part, part.version, "Nämnden bedömer att målet uppfylls.")
    assert editing.change_status(writer, part, Action.SUBMIT).value == "granskning"
    assert not editing.can_edit(writer, models.TextPart.objects.get(pk=part.pk))
    with pytest.raises(PermissionDenied):
        editing.change_status(writer, part, Action.APPROVE)
    with pytest.raises(ValueError, match="kommentar"):
        editing.change_status(controller, part, Action.RETURN)
    assert editing.change_status(controller, part, Action.RETURN, "Mer om trygghet.").value == "utkast"
    editing.change_status(writer, part, Action.SUBMIT)
    assert editing.change_status(controller, part, Action.APPROVE).value == "godkand"
    assert Action.LOCK not in editing.allowed_actions(controller, part)


def test_a_writer_cannot_submit_the_document_and_the_lock_needs_approval_and_a_decision_date(seed_documents):
    report = _report(seed_documents["sodermalm"])
    writer, controller = _user("w", Role.WRITER), _user("c", Role.CONTROLLER)
    assert Action.SUBMIT not in editing.allowed_actions(writer, report)
    editing.change_status(controller, report, Action.SUBMIT)
    editing.change_status(controller, report, Action.APPROVE)
    report.refresh_from_db()
    with pytest.raises(ValueError, match="Beslutsdatum"):
        editing.change_status(controller, report, Action.LOCK)
    with pytest.raises(editing.GapsRemain) as refused:
        editing.change_status(controller, report, Action.LOCK, decision_date=datetime.date(2024, 5, 23))
    items = {g.item for g in refused.value.gaps}
    assert "mal:1.1.1" in items and "textdel:sammanfattande-analys" in items
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    editing.change_status(controller, report, Action.LOCK, decision_date=datetime.date(2024, 5, 23),
                          decision_paragraph="§ 7")
    report.refresh_from_db()
    assert (report.status, report.decision_date, report.decision_paragraph) == ("last", datetime.date(2024, 5, 23), "§ 7")
    assert set(report.text_parts.values_list("status", flat=True)) == {"last"}
    part = report.text_parts.first()
    assert not editing.can_edit(controller, part)
    with pytest.raises(PermissionDenied):
        texts.update_text(controller, part, part.version, "Ändrat efter beslutet")
    assert load_document(report).decision_date == datetime.date(2024, 5, 23)


def test_submitting_a_goal_without_assessment_is_refused_with_the_list(seed_documents):
    report = _report(seed_documents["sodermalm"])
    goal = report.goals.get(number="1.1.1")
    models.Goal.objects.filter(pk=goal.pk).update(assessment="")
    goal.refresh_from_db()
    with pytest.raises(editing.GapsRemain, match="Mål 1.1.1: Målet saknar bedömning"):
        editing.change_status(_user("w", Role.WRITER), goal, Action.SUBMIT)


def test_an_assessment_stores_the_proposal_and_a_later_change_of_evidence_is_a_gap(seed_documents):
    report = _report(seed_documents["sodermalm"])
    writer = _user("w", Role.WRITER)
    goal = report.goals.get(number="1.1.1")
    proposal = editing.proposed_assessment(goal)
    assert proposal is not None
    other = next(a for a in ("helt", "delvis", "inte") if a != goal.assessment)
    editing.update_item(writer, goal, goal.version, {"assessment": other, "assessment_reason": "Skäl."})
    goal.refresh_from_db()
    assert goal.assessed_proposal == proposal.value
    assert not [g for g in remaining.gaps(report) if g.kind == "forslag"]
    models.Goal.objects.filter(pk=goal.pk).update(assessed_proposal=next(
        a for a in ("helt", "delvis", "inte") if a != proposal.value))
    assert [g.item for g in remaining.gaps(report) if g.kind == "forslag"] == ["mal:1.1.1"]


def test_what_is_left_per_writer_lists_only_their_parts(seed_documents):
    report = _report(seed_documents["sodermalm"])
    limited = _user("limited", Role.WRITER, goals=["2"])
    gaps = remaining.gaps(report, limited)
    assert gaps and all(g.item.startswith("mal:2") for g in gaps)
    assert {g.item for g in remaining.gaps(report)} > {g.item for g in gaps}


def test_a_new_document_gets_the_years_template_with_a_block_per_inriktningsmal(seed_documents):
    report = _report(seed_documents["sodermalm"])
    admin = get_user_model().objects.create_user("adm", is_superuser=True)
    specs = [tt.PartSpec("analys", "Sammanfattande analys", required=True),
             tt.PartSpec("mal", "Per mål", parent="analys", per_goal=True),
             tt.PartSpec("ovrigt", "Övrigt", always=True, place="efter")]
    with pytest.raises(PermissionDenied):
        texts.save_template(_user("c", Role.CONTROLLER), 2024, Period.T2, specs, 0)
    texts.save_template(admin, 2024, Period.T2, specs, 0)
    with pytest.raises(editing.EditConflict):
        texts.save_template(admin, 2024, Period.T2, specs, 0)
    with pytest.raises(texts.TemplateError, match="Del 2"):
        texts.save_template(admin, 2024, Period.T2, [specs[0], tt.PartSpec("x", "")], 1)
    created = planning.create_document(admin, report, 2024, Period.T2)
    parts = list(created.text_parts.order_by("order"))
    assert [p.key for p in parts] == ["analys", "mal", "mal-1", "mal-2", "mal-3", "ovrigt"]
    assert all(not p.text and p.status == "utkast" for p in parts)
    gaps = remaining.gaps(created)
    assert {g.item for g in gaps if g.kind == "tom"} == {"textdel:analys", "textdel:ovrigt"}
