"""Edit forms: Swedish labels, Swedish numbers in, and the version the person started from."""
from __future__ import annotations

from django import forms

from ils.domain import document_fields as rules
from ils.domain.assessment import Assessment
from ils.domain.document_fields import PlanningInputError
from ils.domain.model import Period
from ils.domain.targets import parse_target
from ils.domain.values import MAX_ENTERED_CHARS, parse_entered_quantity
from ils.persistence import models
from ils.persistence.plan_editing import target_of

# Longest text a form field takes: a clear message past it, not a database error.
TEXT_LIMIT = 20_000

ASSESSMENT_CHOICES = [("", "Ej bedömd"), ("helt", "Uppfylls helt"), ("delvis", "Uppfylls delvis"),
                      ("inte", "Uppfylls inte")]


class QuantityField(forms.CharField):
    """A number as the committee writes it: "38,2 %", "1 123", "-5,5". Cleans to (value, text)."""

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None, ""
        if len(text) > MAX_ENTERED_CHARS:
            raise forms.ValidationError(f"Skriv ett tal med högst {MAX_ENTERED_CHARS} tecken.")
        quantity = parse_entered_quantity(text)
        if quantity is None:
            raise forms.ValidationError("Skriv ett tal, till exempel 38,2 eller 1 123, bara med en enhet efter.")
        return quantity.value, text


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _keep(form, names) -> None:
    """Drop the fields this document does not ask for (ils.domain.document_fields)."""
    for name in list(form.fields):
        if name != "version" and name not in names:
            del form.fields[name]


TARGET_KIND_CHOICES = [(kind.value, label) for kind, label in rules.TARGET_KINDS.items()]
DIRECTION_CHOICES = [(d.value, label) for d, label in rules.DIRECTION_LABELS.items()]


class TargetFields(forms.Form):
    """Årsmål as a kind and, where the kind needs one, a value: "Max" and "10 st" make "Max 10 st"."""

    target_kind = forms.ChoiceField(label="Sorts årsmål", choices=TARGET_KIND_CHOICES, required=False)
    target_value = forms.CharField(label="Årsmålets värde (tal med enhet, text eller år)", max_length=200,
                                   required=False)

    def clean(self):
        data = super().clean()
        if "target_kind" in self.fields and not self.errors:
            try:
                data["target"] = target_of(data.get("target_kind", ""), data.get("target_value", ""), self.year)
            except PlanningInputError as error:
                self.add_error(error.field, error.message)
        return data

    @staticmethod
    def initial_target(row) -> dict:
        target = parse_target(row.target_text)
        return {"target_kind": target.kind.value, "target_value": rules.target_input(target)}


class IndicatorForm(VersionedForm, TargetFields):
    """What the document asks of an indicator row: a plan's target and periodicity, a follow-up's
    outcomes (men before women), forecast and analysis, with an årsmål change as a proposal."""

    name = forms.CharField(label="Indikator", max_length=400, required=False)
    unit = forms.CharField(label="Enhet", max_length=60, required=False)
    direction = forms.ChoiceField(label="Riktning", choices=DIRECTION_CHOICES, required=False)
    frequency = forms.CharField(label="Periodicitet (Tertial, År …)", max_length=60, required=False)
    outcome = QuantityField(label="Periodens utfall", required=False)
    outcome_men = QuantityField(label="Utfall män/pojkar", required=False)
    outcome_women = QuantityField(label="Utfall kvinnor/flickor", required=False)
    forecast = QuantityField(label="Prognos helår", required=False)
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 6}), required=False,
                               max_length=TEXT_LIMIT)

    QUANTITIES = ("outcome", "outcome_men", "outcome_women", "forecast")
    field_order = ["name", "unit", "direction", "frequency", *QUANTITIES, "analysis", "target_kind", "target_value"]
    OWN = ("name", "unit", "direction")  # the committee's own indicators only; KF's keep KF's

    def __init__(self, *args, row: models.IndicatorValue, **kwargs):
        super().__init__(*args, **kwargs)
        period = Period(row.report.period)
        self.year, self.row = row.report.year, row
        asked = set(rules.INDICATOR_FIELDS[period]) | {"target_kind", "target_value"}
        if rules.is_plan(period) and not row.kf:
            asked |= set(self.OWN)
        _keep(self, asked)
        if "outcome" in self.fields:
            self.fields["outcome"].label = rules.OUTCOME_LABELS[period]
        if not rules.is_plan(period):
            self.fields["target_kind"].label = "Sorts årsmål (en ändring blir ett förslag till beslut)"

    @classmethod
    def initial_for(cls, row: models.IndicatorValue) -> dict:
        return {"version": row.version, "analysis": row.analysis, "name": row.name, "unit": row.definition.unit,
                "direction": row.definition.direction, "frequency": row.frequency,
                **cls.initial_target(row), **{name: getattr(row, f"{name}_text") for name in cls.QUANTITIES}}

    def values(self) -> dict:
        """Outcome fields as stored: each quantity as value and text."""
        out = {}
        if "analysis" in self.fields:
            out["analysis"] = self.cleaned_data["analysis"].strip()
        for name in self.QUANTITIES:
            if name in self.fields:
                value, text = self.cleaned_data[name]
                out[name], out[f"{name}_text"] = value, text
        return out

    def changes(self) -> dict:
        return self.values()

    def plan(self) -> dict:
        """Keyword arguments of plan_editing.update_indicator; the årsmål only when the person changed it."""
        data = self.cleaned_data
        out = {name: data[name].strip() for name in ("name", "unit", "direction", "frequency") if name in self.fields}
        stored = self.initial_target(self.row)
        typed = {"target_kind": data.get("target_kind") or "empty",
                 "target_value": " ".join((data.get("target_value") or "").split())}
        if "target_kind" in self.data and typed != stored:  # a form without the target keeps it
            out["target"] = data["target"]
        return out


class NewIndicatorForm(TargetFields):
    name = forms.CharField(label="Indikator", max_length=400)
    unit = forms.CharField(label="Enhet (%, st, kr …)", max_length=60, required=False)
    direction = forms.ChoiceField(label="Riktning", choices=DIRECTION_CHOICES, required=False)
    frequency = forms.CharField(label="Periodicitet (Tertial, År …)", max_length=60, required=False, initial="År")

    def __init__(self, *args, year: int, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.year = year


class GoalForm(VersionedForm):
    title = forms.CharField(label="Målets rubrik", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            max_length=1000)
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=TEXT_LIMIT)
    expected_results = forms.CharField(label="Förväntat resultat (ett per rad)", required=False, max_length=TEXT_LIMIT,
                                       widget=forms.Textarea(attrs={"rows": 4}))
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 8}), required=False,
                               max_length=TEXT_LIMIT)
    assessment = forms.ChoiceField(label="Bedömning", choices=ASSESSMENT_CHOICES, required=False)
    assessment_reason = forms.CharField(label="Motivering av bedömningen", required=False, max_length=TEXT_LIMIT,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, row: models.Goal, **kwargs):
        super().__init__(*args, **kwargs)
        period = Period(row.report.period)
        asked = set(rules.GOAL_FIELDS[period])
        if row.level != "namndmal":
            asked.discard("title")  # KF's goals keep KF's wording
        _keep(self, asked)
        if "assessment" in self.fields:
            past = period is Period.VB
            self.fields["assessment"].help_text = rules.ASSESSMENT_HELP[period]
            self.fields["assessment"].choices = [("", "Ej bedömd")] + [
                (a.value, a.label(past=past)) for a in Assessment]

    @classmethod
    def initial_for(cls, goal: models.Goal) -> dict:
        return {"version": goal.version, "title": goal.title, "description": goal.description,
                "analysis": goal.analysis, "expected_results": "\n".join(goal.expected_results),
                "assessment": goal.assessment, "assessment_reason": goal.assessment_reason}

    def changes(self) -> dict:
        data, out = self.cleaned_data, {}
        for name in ("title", "description", "analysis", "assessment_reason"):
            if name in self.fields:
                out[name] = data[name].strip()
        if "expected_results" in self.fields:
            out["expected_results"] = [r.strip() for r in data["expected_results"].splitlines() if r.strip()]
        if "assessment" in self.fields:
            out["assessment"] = data["assessment"]
        return out


class NewGoalForm(forms.Form):
    title = forms.CharField(label="Målets rubrik", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=20_000)
    expected_results = forms.CharField(label="Förväntat resultat (ett per rad)", required=False,
                                       widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RemoveGoalForm(VersionedForm):
    contents = forms.ChoiceField(label="Målets indikatorer och aktiviteter", widget=forms.RadioSelect, choices=[
        ("flytta", "Flytta dem till ett annat mål"), ("ta-bort", "Ta bort dem också")], required=False)
    move_to = forms.ModelChoiceField(label="Flytta till", queryset=models.Goal.objects.none(), required=False)

    def __init__(self, *args, goal: models.Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = goal.report.goals.exclude(pk=goal.pk).exclude(level="inriktningsmal")
        self.fields["move_to"].label_from_instance = lambda g: f"{g.number} {g.title[:80]}"


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)
        self.error_messages["invalid"] = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-31."


class ActivityForm(VersionedForm):
    text = forms.CharField(label="Aktivitet", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=20_000)
    start = DateField(label="Startdatum", help_text="Aktiviteten ska pågå under året; den får ha börjat tidigare "
                      "eller fortsätta efter året.")
    end = DateField(label="Slutdatum")
    goal = forms.ModelChoiceField(label="Mål", queryset=models.Goal.objects.none(), required=False, empty_label=None)
    status = forms.ChoiceField(label="Status", required=False, choices=[
        ("", "Ej angiven"), ("pagar", "Pågår"), ("genomford", "Genomförd"), ("avvikelse", "Avvikelse")])
    deviation = forms.CharField(label="Avvikelse", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                max_length=TEXT_LIMIT,
                                help_text="Beskriv avvikelsen innan målet lämnas till granskning.")
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                               max_length=TEXT_LIMIT)

    def __init__(self, *args, row: models.Activity | None = None, report: models.Report | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        report = report or row.report
        self.report = report
        period = Period(report.period)
        asked = set(rules.ACTIVITY_FIELDS[period])
        if rules.is_plan(period) and not (row and row.kf_assignment):
            asked.add("goal")
        if row is not None and row.kf_assignment:
            asked -= {"text", "start", "end"}
        if row is None:
            asked = (asked | {"text", "start", "end"}) - {"goal", "analysis"}
            self.fields["version"].required = False
        _keep(self, asked)
        if "goal" in self.fields:
            self.fields["goal"].queryset = report.goals.exclude(level="inriktningsmal")
            self.fields["goal"].label_from_instance = lambda g: f"{g.number} {g.title[:80]}"

    @classmethod
    def initial_for(cls, activity: models.Activity) -> dict:
        return {"version": activity.version, "status": activity.status, "deviation": activity.deviation,
                "analysis": activity.analysis, "text": activity.text, "start": activity.start, "end": activity.end,
                "goal": activity.goal_id}

    def changes(self) -> dict:
        data = self.cleaned_data
        out = {name: data[name] for name in ("start", "end", "goal", "status") if name in self.fields}
        out |= {name: data[name].strip() for name in ("text", "deviation", "analysis") if name in self.fields}
        return out

    def clean(self):
        data = super().clean()
        if "text" in self.fields and not (data.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", "Skriv aktiviteten.")
        try:
            rules.check_dates(data.get("start"), data.get("end"), self.report.year)
        except PlanningInputError as error:
            if error.field not in self.errors:
                self.add_error(error.field, error.message)
        return data


class StatusForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=TEXT_LIMIT)


class CityGoalForm(forms.Form):
    number = forms.CharField(label="Nummer (1 för inriktningsmål, 1.2 för KF-mål)", max_length=16)
    title = forms.CharField(label="Mål", widget=forms.Textarea(attrs={"rows": 2}),
                            max_length=TEXT_LIMIT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "kfmal_%s")
        super().__init__(*args, **kwargs)


class _UnderCityGoal(forms.Form):
    goal = forms.ModelChoiceField(label="KF-mål", queryset=models.CityGoal.objects.none(), empty_label=None)

    def __init__(self, *args, goals=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = models.CityGoal.objects.filter(
            pk__in=[g.pk for g in goals]) if not hasattr(goals, "model") else goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.number} {g.title[:80]}"


class CityIndicatorForm(_UnderCityGoal):
    name = forms.CharField(label="Indikator", max_length=400)
    kf_target = forms.CharField(label="KF:s årsmål", max_length=200, required=False)
    period = forms.CharField(label="Period", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "kfind_%s")
        super().__init__(*args, **kwargs)


class CityAssignmentForm(_UnderCityGoal):
    text = forms.CharField(label="Uppdrag", widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=TEXT_LIMIT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "kfupp_%s")
        super().__init__(*args, **kwargs)
