"""Every write to the internal control goes through here: permission, version, audit, one transaction.

- The committee's writers and controllers (and administrators) edit the analysis while the report
  it belongs to (the year's VP, or its first document) is a draft; follow-ups while their T1, T2 or
  VB is a draft; the judgement while the VB is. Locked reports freeze what was decided in them.
- Each part (the plan; the follow-up of T1, T2, VB) has the sections' workflow (`change_section_status`:
  submit, approve, return with a comment); only a part in draft is edited.
- Administrators set the city's matrix per year (`set_city_matrix`) and its designated areas
  (`add_city_area`, pushed into every draft analysis by `publish_city_areas`).
- `start_analysis` freezes the year's matrix into a new analysis, adds the city's areas and carries
  over last year's open risks and controls not carried out (domain.internal_control.carry_over);
  `carry_into_new_plan` does so when next year's VP is created (persistence.planning).
Bad input raises `InputError` (Swedish, per field); a stale version raises `editing.EditConflict`.
"""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from ils.domain import internal_control as ic
from ils.domain import workflow
from ils.domain.workflow import Action, Status

from . import access, models
from .city import may_define_city
from .editing import EditConflict, audit_text

ITEM_TYPES = {models.RiskAnalysis: "internkontroll", models.Risk: "risk", models.Control: "kontrollmoment",
              models.ControlFollowUp: "uppfoljning"}
PARTS = ("plan", *ic.FOLLOW_UP_PERIODS)
PERIOD_ORDER = ("VP", "T1", "T2", "VB")
TEXT_LIMITS = {"area": 200, "description": 2000, "category": 100, "motivation": 4000, "action": 4000,
               "action_owner": 200, "what": 2000, "responsible": 200, "when": 200, "result": 4000,
               "deviations": 4000, "judgement_analysis": 10000}
LABELS = {"area": "Process eller område", "description": "Risk", "category": "Kategori",
          "probability": "Sannolikhet", "consequence": "Konsekvens", "treatment": "Hantering",
          "motivation": "Motivering", "action": "Åtgärd", "action_owner": "Ansvarig för åtgärden",
          "what": "Kontrollmoment", "method": "Metod", "frequency": "Frekvens", "responsible": "Ansvarig",
          "when": "När", "reported_in": "Rapporteras i", "risk": "Risk", "carried_out": "Genomförd",
          "result": "Resultat", "deviations": "Avvikelser", "judgement": "Bedömning",
          "judgement_analysis": "Analys", "comment": "Kommentar", "period": "Period"}
RISK_FIELDS = ("area", "description", "category", "probability", "consequence", "treatment", "motivation",
               "action", "action_owner")
CONTROL_FIELDS = ("risk", "what", "method", "frequency", "responsible", "when", "reported_in")
FOLLOW_UP_FIELDS = ("carried_out", "result", "deviations", "action", "action_owner")
MAX_RISKS = 500


class InputError(ValueError):
    """Input that cannot be stored; ``errors`` maps field -> Swedish message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{LABELS.get(f, f)}: {m}" for f, m in errors.items()))


# --- reading ------------------------------------------------------------------------------------

def matrix_of(analysis: models.RiskAnalysis) -> ic.RiskMatrix:
    return ic.RiskMatrix.from_json(analysis.matrix)


def city_matrix(year: int) -> ic.RiskMatrix:
    row = models.CityRiskMatrix.objects.filter(year=year).first()
    return ic.RiskMatrix.from_json(row.definition) if row else ic.default_matrix()


def year_report(committee: models.Committee, year: int) -> models.Report | None:
    """The document the year's analysis belongs to: the VP, else the year's first document."""
    reports = {r.period: r for r in models.Report.objects.filter(committee=committee, year=year)}
    return next((reports[p] for p in PERIOD_ORDER if p in reports), None)


def can_read(user, analysis: models.RiskAnalysis) -> bool:
    return access.can_read(user, analysis.report)


def readable_analyses(user, year: int | None = None):
    analyses = models.RiskAnalysis.objects.filter(report__in=access.readable_reports(user)).select_related(
        "committee", "report")
    return analyses.filter(year=year) if year is not None else analyses


def may_edit_report(user, report: models.Report) -> bool:
    return report.status == Status.DRAFT.value and bool(access.editing_roles(user, report))


def may_edit(user, analysis: models.RiskAnalysis) -> bool:
    """The plan (risks, controls) while its report is a draft and the plan is not submitted or approved."""
    return may_edit_report(user, analysis.report) and section_status(analysis, "plan") is Status.DRAFT


def may_follow_up(user, analysis: models.RiskAnalysis, report: models.Report) -> bool:
    return may_edit_report(user, report) and section_status(analysis, report.period) is Status.DRAFT


def section_status(analysis: models.RiskAnalysis, part: str) -> Status:
    row = models.ControlSection.objects.filter(analysis=analysis, part=part).first()
    return Status(row.status) if row else Status.DRAFT


def part_report(analysis: models.RiskAnalysis, part: str) -> models.Report | None:
    return analysis.report if part == "plan" else follow_up_report(analysis, part)


def allowed_section_actions(user, analysis: models.RiskAnalysis, part: str) -> list[Action]:
    """Submit, approve, return for a part, as for a report's sections; nothing once its report is locked.
    Locking comes with the report."""
    report = part_report(analysis, part)
    if report is None or report.status == Status.LOCKED.value:
        return []
    actions = workflow.allowed_actions(section_status(analysis, part), access.roles_in(user, analysis.committee))
    return [a for a in actions if a is not Action.LOCK]


def follow_up_report(analysis: models.RiskAnalysis, period: str) -> models.Report | None:
    return models.Report.objects.filter(committee_id=analysis.committee_id, year=analysis.year,
                                        period=period).first()


def vb_judgement(report: models.Report) -> tuple[ic.Judgement | None, str] | None:
    """For a VB whose committee keeps the year's internal control here: its judgement (status or
    None, analysis); None for other documents and committees without an analysis."""
    if report.period != "VB":
        return None
    row = models.RiskAnalysis.objects.filter(committee_id=report.committee_id, year=report.year).values_list(
        "judgement", "judgement_analysis").first()
    if row is None:
        return None
    return (ic.Judgement(row[0]) if row[0] else None), row[1]


def vb_judgement_markup(report: models.Report) -> str:
    """The judgement as the opening of the VB's internal-control part (markup); "" when there is none."""
    found = vb_judgement(report)
    return ic.judgement_markup(*found) if found else ""


def to_domain(analysis: models.RiskAnalysis) -> ic.Analysis:
    risks = tuple(ic.Risk(r.pk, r.area, r.description, r.probability, r.consequence, r.value, r.level, r.category,
                          r.city_designated, ic.Treatment(r.treatment), r.motivation, r.action, r.previous_level)
                  for r in analysis.risks.all())
    controls = tuple(ic.Control(c.pk, c.risk_id, c.what, ic.Method(c.method), ic.Frequency(c.frequency),
                                c.responsible, c.when, tuple(c.reported_in)) for c in analysis.controls.all())
    follow_ups = tuple(ic.FollowUp(f.control_id, f.period, f.carried_out, f.result, f.deviations, f.action,
                                   f.action_owner)
                       for f in models.ControlFollowUp.objects.filter(control__analysis=analysis))
    return ic.Analysis(analysis.committee.name, analysis.year, matrix_of(analysis), risks, controls, follow_ups,
                       ic.Judgement(analysis.judgement) if analysis.judgement else None, analysis.judgement_analysis)


def findings(analysis: models.RiskAnalysis):
    from ils.domain.checks import check_internal_control

    vb_started = models.Report.objects.filter(committee_id=analysis.committee_id, year=analysis.year,
                                              period="VB").exists()
    return check_internal_control(to_domain(analysis), vb_started=vb_started)


# --- input --------------------------------------------------------------------------------------

def _clean_texts(data: dict, fields, errors: dict) -> dict:
    cleaned = {}
    for name in fields:
        if name in TEXT_LIMITS and name in data:
            value = "" if data[name] is None else str(data[name]).strip()
            if "\x00" in value:
                errors[name] = "innehåller ett otillåtet tecken."
            elif len(value) > TEXT_LIMITS[name]:
                errors[name] = f"högst {TEXT_LIMITS[name]} tecken (nu {len(value)})."
            cleaned[name] = value
    return cleaned


def clean_risk(matrix: ic.RiskMatrix, data: dict, current: models.Risk | None = None) -> dict:
    """Field -> value for a risk; value and level follow from the scores on the frozen matrix."""
    errors: dict[str, str] = {}
    changes = _clean_texts(data, RISK_FIELDS, errors)
    for name in ("area", "description"):
        if (changes.get(name, getattr(current, name, "")) or "") == "":
            errors[name] = "måste fyllas i."
    if "probability" in data or "consequence" in data:
        try:
            changes.update(ic.scored(matrix, data.get("probability", getattr(current, "probability", None)),
                                     data.get("consequence", getattr(current, "consequence", None))))
        except ic.MatrixError as error:
            errors["consequence" if str(error).startswith("Konsekvens") else "probability"] = str(error)
    if "treatment" in data:
        treatment = str(data["treatment"] or "").strip()
        if treatment not in {t.value for t in ic.Treatment}:
            errors["treatment"] = "välj kontrollmoment, åtgärd eller acceptans."
        changes["treatment"] = treatment
    treatment = changes.get("treatment", getattr(current, "treatment", ""))
    if treatment == ic.Treatment.ACCEPTANCE and not changes.get("motivation", getattr(current, "motivation", "")):
        errors["motivation"] = "en accepterad risk behöver en motivering."
    if treatment == ic.Treatment.ACTION and not changes.get("action", getattr(current, "action", "")):
        errors["action"] = "beskriv åtgärden."
    if errors:
        raise InputError(errors)
    return changes


def clean_control(analysis: models.RiskAnalysis, data: dict, current: models.Control | None = None) -> dict:
    errors: dict[str, str] = {}
    changes = _clean_texts(data, CONTROL_FIELDS, errors)
    if "risk" in data:
        risk = analysis.risks.filter(pk=_int(data["risk"])).first() if _int(data["risk"]) else None
        if risk is None:
            errors["risk"] = "välj en av analysens risker."
        changes["risk"] = risk
    elif current is None:
        errors["risk"] = "välj en av analysens risker."
    if not changes.get("what", getattr(current, "what", "")):
        errors["what"] = "måste fyllas i."
    for name, enum in (("method", ic.Method), ("frequency", ic.Frequency)):
        if name in data or current is None:
            value = str(data.get(name) or "").strip()
            if value not in {m.value for m in enum}:
                errors[name] = "välj ett av alternativen: " + ", ".join(m.label.lower() for m in enum) + "."
            changes[name] = value
    if "reported_in" in data or current is None:
        periods = data.get("reported_in") or []
        periods = [p.strip().upper() for p in (periods.replace(",", " ").split() if isinstance(periods, str)
                                                else periods)]
        if not periods or any(p not in ic.FOLLOW_UP_PERIODS for p in periods):
            errors["reported_in"] = "ange en eller flera av T1, T2 och VB."
        changes["reported_in"] = [p for p in ic.FOLLOW_UP_PERIODS if p in periods]
    if errors:
        raise InputError(errors)
    return changes


def clean_follow_up(data: dict, current: models.ControlFollowUp | None = None) -> dict:
    errors: dict[str, str] = {}
    changes = _clean_texts(data, FOLLOW_UP_FIELDS, errors)
    if "carried_out" in data:
        value = data["carried_out"]
        if isinstance(value, str):
            value = {"ja": True, "nej": False, "": None, "true": True, "false": False}.get(value.strip().lower(), "?")
        if value not in (True, False, None):
            errors["carried_out"] = "svara ja eller nej (eller lämna tomt)."
        changes["carried_out"] = value
    deviations = changes.get("deviations", getattr(current, "deviations", ""))
    if deviations and not changes.get("action", getattr(current, "action", "")):
        errors["action"] = "en avvikelse behöver en beslutad åtgärd."
    if deviations and not changes.get("action_owner", getattr(current, "action_owner", "")):
        errors["action_owner"] = "ange vem som ansvarar för åtgärden."
    if errors:
        raise InputError(errors)
    return changes


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


# --- the write path -----------------------------------------------------------------------------

def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _audit(report, user, obj, field, before="", after="", note="") -> models.AuditEntry:
    return models.AuditEntry(report=report, user=user, item_type=ITEM_TYPES[type(obj)], item_id=obj.pk,
                             field=field, before=before, after=after, note=note)


def _shown(value) -> str:
    if isinstance(value, models.Risk):
        return str(value.pk)
    return audit_text(value)


def _update(user, obj, version: int, report: models.Report, changes: dict, note: str = "") -> list[str]:
    """Write ``changes`` to the locked row ``obj`` if ``version`` is current; one audit entry per field."""
    model = type(obj)
    applied = {f: v for f, v in changes.items() if _shown(getattr(obj, f)) != _shown(v)}
    if obj.version != version:
        raise EditConflict(obj, {f: _shown(getattr(obj, f)) for f in changes}, {f: _shown(v) for f, v in changes.items()})
    if not applied:
        return []
    models.AuditEntry.objects.bulk_create(_audit(report, user, obj, f, _shown(getattr(obj, f)), _shown(v), note)
                                          for f, v in applied.items())
    model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1, **applied)
    return list(applied)


def _locked_analysis(pk: int) -> models.RiskAnalysis:
    return models.RiskAnalysis.objects.select_for_update().select_related("report", "committee").get(pk=pk)


@transaction.atomic
def change_section_status(user, analysis: models.RiskAnalysis, part: str, action: Action,
                          comment: str = "") -> Status:
    if part not in PARTS:
        raise ValueError("Okänd del av den interna kontrollen.")
    analysis = _locked_analysis(analysis.pk)
    if action not in allowed_section_actions(user, analysis, part):
        raise PermissionDenied(f"Åtgärden '{action.label}' är inte tillåten här.")
    comment = comment.strip()[:4000]
    if action is Action.RETURN and not comment:
        raise InputError({"comment": "skriv vad som behöver kompletteras."})
    before = section_status(analysis, part)
    after = workflow.apply(action, before, access.roles_in(user, analysis.committee))
    models.ControlSection.objects.update_or_create(analysis=analysis, part=part, defaults={"status": after.value})
    label = "riskanalys och kontrollplan" if part == "plan" else f"uppföljning {part}"
    models.AuditEntry.objects.create(report=part_report(analysis, part), user=user, item_type="internkontroll",
                                     item_id=analysis.pk, field="status", before=f"{label}: {before.label}",
                                     after=f"{label}: {after.label}", note=comment)
    return after


def edit_message(report: models.Report) -> str:
    return (f"Du får inte ändra den interna kontrollen i {report.get_period_display().lower()} {report.year}, "
            "eller så är dokumentet eller avsnittet inte längre ett utkast.")


@transaction.atomic
def start_analysis(user, committee: models.Committee, year: int) -> models.RiskAnalysis:
    """The year's analysis with the city's matrix frozen in, the city's areas, and last year's open items."""
    report = year_report(committee, year)
    if report is None:
        raise ValueError(f"{committee} har inget dokument för {year}: skapa verksamhetsplanen först.")
    require(may_edit_report(user, report), edit_message(report))
    if models.RiskAnalysis.objects.filter(committee=committee, year=year).exists():
        raise ValueError(f"Riskanalysen för {year} finns redan.")
    matrix = city_matrix(year)
    analysis = models.RiskAnalysis.objects.create(committee=committee, year=year, report=report,
                                                  matrix=matrix.to_json())
    audit = [_audit(report, user, analysis, "skapad", after=str(analysis))]
    previous = models.RiskAnalysis.objects.filter(committee=committee, year=year - 1).first()
    if previous is not None:
        audit += _carry_over(user, previous, analysis, matrix)
    audit += _add_city_areas(user, analysis, matrix)
    models.AuditEntry.objects.bulk_create(audit)
    return analysis


def carry_into_new_plan(user, report: models.Report) -> models.RiskAnalysis | None:
    """A new VP whose committee had an analysis last year starts its own, with last year's open items."""
    if report.period != "VP" or models.RiskAnalysis.objects.filter(committee_id=report.committee_id,
                                                                   year=report.year).exists():
        return None
    if not models.RiskAnalysis.objects.filter(committee_id=report.committee_id, year=report.year - 1).exists():
        return None
    return start_analysis(user, report.committee, report.year)


def _carry_over(user, previous: models.RiskAnalysis, analysis: models.RiskAnalysis,
                matrix: ic.RiskMatrix) -> list[models.AuditEntry]:
    carried = ic.carry_over(to_domain(previous))
    note = f"Överförd från riskanalysen {previous.year}"
    audit, new_risks = [], {}
    for order, risk in enumerate(carried.risks):
        try:
            scores = ic.scored(matrix, risk.probability, risk.consequence)
        except ic.MatrixError:  # the new year's scale is narrower: the committee scores it again
            scores = ic.scored(matrix, None, None)
        row = models.Risk.objects.create(
            analysis=analysis, order=order, area=risk.area, description=risk.description, category=risk.category,
            city_designated=risk.city_designated, treatment=risk.treatment.value, motivation=risk.motivation,
            action=risk.action, previous_level=risk.previous_level, **scores)
        new_risks[risk.key] = row
        audit.append(_audit(analysis.report, user, row, "skapad", after=str(row), note=note))
    for order, control in enumerate(carried.controls):
        row = models.Control.objects.create(
            analysis=analysis, risk=new_risks[control.risk], order=order, what=control.what,
            method=control.method.value, frequency=control.frequency.value, responsible=control.responsible,
            when=control.when, reported_in=list(control.reported_in))
        audit.append(_audit(analysis.report, user, row, "skapad", after=str(row),
                            note=note + ": inte genomfört i verksamhetsberättelsen"))
    return audit


def _add_city_areas(user, analysis: models.RiskAnalysis, matrix: ic.RiskMatrix) -> list[models.AuditEntry]:
    have = set(analysis.risks.filter(city_designated=True).values_list("area", "description"))
    order = analysis.risks.count()
    audit = []
    for area in models.CityRiskArea.objects.filter(year=analysis.year):
        if (area.area, area.description) in have:
            continue
        row = models.Risk.objects.create(analysis=analysis, order=order, area=area.area,
                                         description=area.description, category=area.category,
                                         city_designated=True, **ic.scored(matrix, None, None))
        order += 1
        audit.append(_audit(analysis.report, user, row, "skapad", after=str(row), note="Stadsgemensamt område"))
    return audit


@transaction.atomic
def add_risk(user, analysis: models.RiskAnalysis, data: dict) -> models.Risk:
    analysis = _locked_analysis(analysis.pk)
    require(may_edit(user, analysis), edit_message(analysis.report))
    if analysis.risks.count() >= MAX_RISKS:
        raise InputError({"description": f"en analys rymmer högst {MAX_RISKS} risker."})
    changes = clean_risk(matrix_of(analysis), {"probability": None, "consequence": None, **data})
    risk = models.Risk.objects.create(analysis=analysis, order=analysis.risks.count(), **changes)
    models.AuditEntry.objects.create(report=analysis.report, user=user, item_type="risk", item_id=risk.pk,
                                     field="skapad", after=str(risk))
    return risk


@transaction.atomic
def update_risk(user, risk: models.Risk, version: int, data: dict, note: str = "") -> list[str]:
    current = models.Risk.objects.select_for_update().select_related("analysis__report").get(pk=risk.pk)
    require(may_edit(user, current.analysis), edit_message(current.analysis.report))
    changes = clean_risk(matrix_of(current.analysis), data, current)
    return _update(user, current, version, current.analysis.report, changes, note)


@transaction.atomic
def delete_item(user, item, version: int) -> None:
    """Remove a risk (with its controls) or a control, audited, if the version is current."""
    current = type(item).objects.select_for_update().select_related("analysis__report").get(pk=item.pk)
    require(may_edit(user, current.analysis), edit_message(current.analysis.report))
    if current.version != version:
        raise EditConflict(current, {}, {})
    if isinstance(current, models.Risk) and current.city_designated and not may_define_city(user):
        raise PermissionDenied("Ett stadsgemensamt område tas inte bort av nämnden; bedöm och hantera risken.")
    entries = [_audit(current.analysis.report, user, current, "borttagen", before=str(current))]
    if isinstance(current, models.Risk):
        entries += [_audit(current.analysis.report, user, c, "borttagen", before=str(c)) for c in current.controls.all()]
    models.AuditEntry.objects.bulk_create(entries)
    current.delete()


@transaction.atomic
def add_control(user, analysis: models.RiskAnalysis, data: dict) -> models.Control:
    analysis = _locked_analysis(analysis.pk)
    require(may_edit(user, analysis), edit_message(analysis.report))
    changes = clean_control(analysis, data)
    control = models.Control.objects.create(analysis=analysis, order=analysis.controls.count(), **changes)
    models.AuditEntry.objects.create(report=analysis.report, user=user, item_type="kontrollmoment",
                                     item_id=control.pk, field="skapad", after=str(control))
    return control


@transaction.atomic
def update_control(user, control: models.Control, version: int, data: dict, note: str = "") -> list[str]:
    current = models.Control.objects.select_for_update().select_related("analysis__report").get(pk=control.pk)
    require(may_edit(user, current.analysis), edit_message(current.analysis.report))
    changes = clean_control(current.analysis, data, current)
    return _update(user, current, version, current.analysis.report, changes, note)


@transaction.atomic
def save_follow_up(user, control: models.Control, period: str, version: int, data: dict,
                   note: str = "") -> models.ControlFollowUp:
    """The control's follow-up in T1, T2 or the VB; version 0 creates it (a conflict if someone did first)."""
    if period not in ic.FOLLOW_UP_PERIODS:
        raise InputError({"period": "uppföljning görs i T1, T2 eller VB."})
    control = models.Control.objects.select_related("analysis__committee").get(pk=control.pk)
    report = follow_up_report(control.analysis, period)
    if report is None:
        raise ValueError(f"Det finns ingen {dict(models.FOLLOW_UP_PERIODS)[period].lower()} för "
                         f"{control.analysis.year} ännu.")
    require(may_follow_up(user, control.analysis, report), edit_message(report))
    current = models.ControlFollowUp.objects.select_for_update().filter(control=control, period=period).first()
    changes = clean_follow_up(data, current)
    if current is None:
        if version != 0:
            raise EditConflict(None, {}, {f: _shown(v) for f, v in changes.items()})
        current = models.ControlFollowUp.objects.create(control=control, report=report, period=period)
        models.AuditEntry.objects.create(report=report, user=user, item_type="uppfoljning", item_id=current.pk,
                                         field="skapad", after=f"{period}: {control}")
        version = current.version
    _update(user, current, version, report, changes, note)
    current.refresh_from_db()
    return current


@transaction.atomic
def save_judgement(user, analysis: models.RiskAnalysis, version: int, judgement: str, text: str) -> list[str]:
    """The VB's judgement of the whole internal control: status and analysis."""
    current = _locked_analysis(analysis.pk)
    report = follow_up_report(current, "VB")
    if report is None:
        raise ValueError(f"Bedömningen görs i verksamhetsberättelsen {current.year}, som inte finns ännu.")
    require(may_follow_up(user, current, report), edit_message(report))
    errors = {}
    if judgement not in {j.value for j in ic.Judgement}:
        errors["judgement"] = "välj tillräcklig, delvis tillräcklig eller inte tillräcklig."
    changes = {"judgement": judgement, **_clean_texts({"judgement_analysis": text}, ["judgement_analysis"], errors)}
    if not changes.get("judgement_analysis") and judgement != ic.Judgement.SUFFICIENT:
        errors["judgement_analysis"] = "motivera en bedömning som inte är tillräcklig."
    if errors:
        raise InputError(errors)
    return _update(user, current, version, report, changes)


# --- the city -----------------------------------------------------------------------------------

def _require_admin(user) -> None:
    require(may_define_city(user), "Bara stadens administratörer ändrar stadens riskmatris och riskområden.")


@transaction.atomic
def set_city_matrix(user, year: int, matrix: ic.RiskMatrix, version: int) -> models.CityRiskMatrix:
    """The city's matrix for a year (version 0 for the first); analyses already begun keep theirs."""
    _require_admin(user)
    row = models.CityRiskMatrix.objects.select_for_update().filter(year=year).first()
    if row is None:
        if version != 0:
            raise EditConflict(None, {}, {})
        return models.CityRiskMatrix.objects.create(year=year, definition=matrix.to_json())
    if row.version != version:
        raise EditConflict(row, {"definition": str(row.definition)}, {"definition": str(matrix.to_json())})
    models.CityRiskMatrix.objects.filter(pk=row.pk).update(definition=matrix.to_json(), version=F("version") + 1)
    row.refresh_from_db()
    return row


@transaction.atomic
def add_city_area(user, year: int, area: str, description: str, category: str = "") -> models.CityRiskArea:
    _require_admin(user)
    errors: dict[str, str] = {}
    data = _clean_texts({"area": area, "description": description, "category": category},
                        ("area", "description", "category"), errors)
    for name in ("area", "description"):
        if not data.get(name):
            errors[name] = "måste fyllas i."
    if errors:
        raise InputError(errors)
    row, _ = models.CityRiskArea.objects.get_or_create(year=year, area=data["area"], description=data["description"],
                                                       defaults={"category": data["category"]})
    return row


@transaction.atomic
def publish_city_areas(user, year: int) -> dict[str, int]:
    """Add the city's areas to every analysis of the year whose document is still a draft."""
    _require_admin(user)
    added = {}
    for analysis in models.RiskAnalysis.objects.select_for_update().filter(
            year=year, report__status=Status.DRAFT.value).select_related("report", "committee"):
        entries = _add_city_areas(user, analysis, matrix_of(analysis))
        models.AuditEntry.objects.bulk_create(entries)
        if entries:
            added[analysis.committee.name] = len(entries)
    return added


def score_text(value: Decimal | None) -> str:
    from ils.domain.values import format_number

    return "" if value is None else format_number(value.normalize())
