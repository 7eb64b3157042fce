"""The internal control's write path: permission, version, audit, locking, city areas and carry-over."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from ils.domain.internal_control import default_matrix
from ils.domain.workflow import Status
from ils.persistence import internal_control as ic
from ils.persistence import models
from ils.persistence.editing import EditConflict

from .fixtures import committee_year, people

pytestmark = pytest.mark.postgres

RISK = {"area": "Ekonomi", "description": "Felaktiga utbetalningar", "category": "Ekonomisk risk",
        "probability": "3", "consequence": "3", "treatment": "kontroll"}
CONTROL = {"what": "Attest av fakturor", "method": "stickprov", "frequency": "tertialvis",
           "responsible": "Ekonomichef", "when": "april, augusti, december", "reported_in": ["T1", "T2", "VB"]}


@pytest.fixture
def year():
    reports = committee_year()
    return reports, people(reports["VP"].committee)


def _start(reports, who):
    return ic.start_analysis(who["controller"], reports["VP"].committee, 2030)


def test_the_analysis_freezes_the_city_matrix_of_its_year(year):
    reports, who = year
    matrix = default_matrix()
    ic.set_city_matrix(who["admin"], 2030, matrix, 0)
    analysis = _start(reports, who)
    assert analysis.report == reports["VP"] and ic.matrix_of(analysis) == matrix
    changed = matrix.to_json()
    changed["levels"][0]["name"] = "Obetydlig"
    ic.set_city_matrix(who["admin"], 2030, type(matrix).from_json(changed), 1)
    analysis.refresh_from_db()
    assert ic.matrix_of(analysis).levels[0].name == "Låg"  # frozen
    with pytest.raises(EditConflict):
        ic.set_city_matrix(who["admin"], 2030, matrix, 1)
    with pytest.raises(PermissionDenied):
        ic.set_city_matrix(who["controller"], 2030, matrix, 2)


def test_risks_get_value_and_level_from_the_matrix_and_every_change_is_audited(year):
    reports, who = year
    analysis = _start(reports, who)
    risk = ic.add_risk(who["writer"], analysis, RISK)
    assert (risk.value, risk.level) == (D(9), 2)
    changed = ic.update_risk(who["writer"], risk, 1, {"probability": "1", "consequence": "2"})
    risk.refresh_from_db()
    assert sorted(changed) == ["consequence", "level", "probability", "value"]
    assert (risk.value, risk.level, risk.version) == (D(2), 0, 2)
    entries = models.AuditEntry.objects.filter(item_type="risk", item_id=risk.pk)
    assert {(e.field, e.before, e.after) for e in entries if e.field != "skapad"} == {
        ("probability", "3", "1"), ("consequence", "3", "2"), ("value", "9", "2"), ("level", "2", "0")}
    assert all(e.report == reports["VP"] and e.user == who["writer"] for e in entries)
    with pytest.raises(EditConflict) as conflict:
        ic.update_risk(who["controller"], risk, 1, {"description": "Annat"})
    assert conflict.value.theirs == {"description": "Felaktiga utbetalningar"}


def test_bad_input_names_the_field_and_stores_nothing(year):
    reports, who = year
    analysis = _start(reports, who)
    with pytest.raises(ic.InputError) as error:
        ic.add_risk(who["writer"], analysis, {**RISK, "probability": "5", "area": "", "treatment": "acceptans"})
    assert set(error.value.errors) == {"probability", "area", "motivation"}
    assert "Sannolikhet ska vara över 0 och högst 4" in str(error.value)
    with pytest.raises(ic.InputError, match="högst 2000 tecken"):
        ic.add_risk(who["writer"], analysis, {**RISK, "description": "x" * 2001})
    risk = ic.add_risk(who["writer"], analysis, RISK)
    with pytest.raises(ic.InputError) as error:
        ic.add_control(who["writer"], analysis, {**CONTROL, "risk": risk.pk, "method": "gissning", "reported_in": "Q3"})
    assert set(error.value.errors) == {"method", "reported_in"}
    assert analysis.risks.count() == 1 and analysis.controls.count() == 0


def test_who_may_write_what(year):
    reports, who = year
    for person in ("reader", "outsider"):
        with pytest.raises(PermissionDenied):
            ic.start_analysis(who[person], reports["VP"].committee, 2030)
    analysis = _start(reports, who)
    for person in ("reader", "outsider"):
        with pytest.raises(PermissionDenied):
            ic.add_risk(who[person], analysis, RISK)
    assert ic.can_read(who["reader"], analysis) and not ic.can_read(who["outsider"], analysis)
    with pytest.raises(PermissionDenied):
        ic.set_city_matrix(who["writer"], 2030, default_matrix(), 0)


def test_locking_the_reports_freezes_what_was_decided_in_them(year):
    reports, who = year
    analysis = _start(reports, who)
    risk = ic.add_risk(who["writer"], analysis, RISK)
    control = ic.add_control(who["writer"], analysis, {**CONTROL, "risk": risk.pk})
    ic.save_follow_up(who["writer"], control, "T1", 0, {"carried_out": "ja", "result": "Inga fel"})
    models.Report.objects.filter(pk__in=[reports["VP"].pk, reports["T1"].pk]).update(status=Status.LOCKED.value)
    with pytest.raises(PermissionDenied):
        ic.update_risk(who["controller"], risk, 1, {"description": "Ändrad"})
    with pytest.raises(PermissionDenied):
        ic.add_control(who["admin"], analysis, {**CONTROL, "risk": risk.pk})
    with pytest.raises(PermissionDenied):
        ic.delete_item(who["admin"], control, 1)
    with pytest.raises(PermissionDenied):
        ic.save_follow_up(who["admin"], control, "T1", 2, {"result": "Ändrad"})
    follow_up = ic.save_follow_up(who["writer"], control, "T2", 0, {"carried_out": "nej"})  # T2 is still a draft
    assert follow_up.report == reports["T2"] and follow_up.carried_out is False


def test_follow_up_with_a_deviation_needs_its_action_and_owner(year):
    reports, who = year
    analysis = _start(reports, who)
    control = ic.add_control(who["writer"], analysis, {**CONTROL, "risk": ic.add_risk(who["writer"], analysis, RISK).pk})
    with pytest.raises(ic.InputError) as error:
        ic.save_follow_up(who["writer"], control, "VB", 0, {"carried_out": "ja", "deviations": "Två fakturor"})
    assert set(error.value.errors) == {"action", "action_owner"}
    saved = ic.save_follow_up(who["writer"], control, "VB", 0, {
        "carried_out": "ja", "deviations": "Två fakturor", "action": "Utbildning i attest", "action_owner": "Ekonomichef"})
    with pytest.raises(EditConflict):
        ic.save_follow_up(who["controller"], control, "VB", 0, {"result": "Först"})
    assert saved.version == 2
    entries = models.AuditEntry.objects.filter(item_type="uppfoljning", item_id=saved.pk)
    assert {e.field for e in entries} == {"skapad", "carried_out", "deviations", "action", "action_owner"}
    assert all(e.report == reports["VB"] for e in entries)


def test_judgement_is_written_in_the_vb(year):
    reports, who = year
    analysis = _start(reports, who)
    with pytest.raises(ic.InputError, match="motivera"):
        ic.save_judgement(who["controller"], analysis, 1, "delvis", "")
    ic.save_judgement(who["controller"], analysis, 1, "delvis", "Två kontroller visade brister.")
    analysis.refresh_from_db()
    assert (analysis.judgement, analysis.version) == ("delvis", 2)
    assert models.AuditEntry.objects.filter(item_type="internkontroll", field="judgement",
                                            report=reports["VB"]).exists()


def test_city_areas_reach_every_draft_analysis_and_new_ones(year):
    reports, who = year
    analysis = _start(reports, who)
    locked = committee_year(name="Låsta nämnden")
    locked_analysis = ic.start_analysis(who["admin"], locked["VP"].committee, 2030)
    locked["VP"].status = Status.LOCKED.value
    locked["VP"].save()
    ic.add_city_area(who["admin"], 2030, "Välfärdsbrott", "Felaktiga utbetalningar av bistånd", "Oegentligheter")
    with pytest.raises(PermissionDenied):
        ic.add_city_area(who["controller"], 2030, "X", "Y")
    assert ic.publish_city_areas(who["admin"], 2030) == {reports["VP"].committee.name: 1}
    assert ic.publish_city_areas(who["admin"], 2030) == {}  # once only
    pushed = analysis.risks.get()
    assert pushed.city_designated and pushed.level is None and locked_analysis.risks.count() == 0
    with pytest.raises(PermissionDenied):
        ic.delete_item(who["controller"], pushed, 1)
    third = committee_year(name="Tredje nämnden")
    assert ic.start_analysis(who["admin"], third["VP"].committee, 2030).risks.get().area == "Välfärdsbrott"


def test_next_year_carries_open_risks_and_controls_not_carried_out(year):
    reports, who = year
    analysis = _start(reports, who)
    done = ic.add_risk(who["writer"], analysis, RISK)
    missed = ic.add_risk(who["writer"], analysis, {**RISK, "description": "Jäv vid upphandling"})
    accepted = ic.add_risk(who["writer"], analysis, {**RISK, "description": "Sen fakturering", "probability": "1",
                                                      "treatment": "acceptans", "motivation": "Liten kostnad"})
    ok = ic.add_control(who["writer"], analysis, {**CONTROL, "risk": done.pk})
    not_done = ic.add_control(who["writer"], analysis, {**CONTROL, "risk": missed.pk, "what": "Jävsdeklarationer"})
    ic.save_follow_up(who["writer"], ok, "VB", 0, {"carried_out": "ja", "result": "Inga fel"})
    ic.save_follow_up(who["writer"], not_done, "VB", 0, {"carried_out": "nej"})
    next_year = committee_year(2031, periods=("VP",))
    carried = ic.start_analysis(who["controller"], next_year["VP"].committee, 2031)
    assert [r.description for r in carried.risks.all()] == ["Jäv vid upphandling"]
    assert carried.risks.get().previous_level == missed.level and accepted.pk  # the accepted risk stays behind
    assert [c.what for c in carried.controls.all()] == ["Jävsdeklarationer"]
    assert carried.controls.get().risk == carried.risks.get()
    notes = set(models.AuditEntry.objects.filter(report=next_year["VP"]).values_list("note", flat=True))
    assert "Överförd från riskanalysen 2030" in notes


def test_findings_of_a_stored_analysis(year):
    reports, who = year
    analysis = _start(reports, who)
    risk = ic.add_risk(who["writer"], analysis, {**RISK, "treatment": ""})
    models.Risk.objects.filter(pk=risk.pk).update(value=D(8))
    messages = [f.message for f in ic.findings(analysis)]
    assert any("riskvärde 8" in m for m in messages)


def test_each_part_has_the_sections_workflow(year):
    from ils.domain.workflow import Action

    reports, who = year
    analysis = _start(reports, who)
    risk = ic.add_risk(who["writer"], analysis, RISK)
    assert ic.change_section_status(who["writer"], analysis, "plan", Action.SUBMIT) is Status.IN_REVIEW
    with pytest.raises(PermissionDenied):
        ic.update_risk(who["writer"], risk, 1, {"area": "Annat"})  # under review: not edited
    with pytest.raises(PermissionDenied):
        ic.change_section_status(who["writer"], analysis, "plan", Action.APPROVE)
    with pytest.raises(ic.InputError, match="kompletteras"):
        ic.change_section_status(who["controller"], analysis, "plan", Action.RETURN)
    ic.change_section_status(who["controller"], analysis, "plan", Action.RETURN, "Motivera risk 1")
    ic.update_risk(who["writer"], risk, 1, {"area": "Annat"})
    control = ic.add_control(who["writer"], analysis, {**CONTROL, "risk": risk.pk})
    ic.change_section_status(who["writer"], analysis, "T1", Action.SUBMIT)
    with pytest.raises(PermissionDenied):
        ic.save_follow_up(who["writer"], control, "T1", 0, {"result": "Sent"})
    ic.save_follow_up(who["writer"], control, "T2", 0, {"result": "I tid"})  # another part
    entries = models.AuditEntry.objects.filter(item_type="internkontroll", field="status")
    assert [e.after for e in entries.order_by("pk")] == [
        "riskanalys och kontrollplan: Klar för granskning", "riskanalys och kontrollplan: Utkast",
        "uppföljning T1: Klar för granskning"]
    assert entries.get(after="riskanalys och kontrollplan: Utkast").note == "Motivera risk 1"
    reports["T1"].status = Status.LOCKED.value
    reports["T1"].save()
    assert ic.allowed_section_actions(who["controller"], analysis, "T1") == []


def test_creating_next_years_vp_starts_its_analysis_with_the_open_items(year):
    from ils.domain.model import Period
    from ils.persistence.planning import create_document

    reports, who = year
    analysis = _start(reports, who)
    ic.add_risk(who["writer"], analysis, {**RISK, "treatment": ""})
    vp = create_document(who["controller"], reports["VB"], 2031, Period.VP)
    carried = models.RiskAnalysis.objects.get(committee=vp.committee, year=2031)
    assert carried.report == vp and [r.description for r in carried.risks.all()] == ["Felaktiga utbetalningar"]


def test_the_vp_locks_only_with_its_risk_analysis_and_control_plan_approved(year):
    import datetime

    from ils.domain.workflow import Action
    from ils.persistence import editing

    reports, who = year
    analysis = _start(reports, who)
    ic.add_risk(who["writer"], analysis, RISK)
    vp = reports["VP"]
    for action in (Action.SUBMIT, Action.APPROVE):
        editing.change_status(who["controller"], vp, action)
    vp.goals.update(status=Status.APPROVED.value)
    vp.text_parts.update(status=Status.APPROVED.value)
    vp.refresh_from_db()
    with pytest.raises(editing.GapsRemain) as refused:
        editing.change_status(who["controller"], vp, Action.LOCK, decision_date=datetime.date(2030, 1, 20))
    assert [(g.item, g.where) for g in refused.value.gaps] == [("internkontroll", "Riskanalys och internkontrollplan")]
    for action in (Action.SUBMIT, Action.APPROVE):
        ic.change_section_status(who["controller"], analysis, "plan", action)
    editing.change_status(who["controller"], vp, Action.LOCK, decision_date=datetime.date(2030, 1, 20))
    vp.refresh_from_db()
    assert vp.status == Status.LOCKED.value
