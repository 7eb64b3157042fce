"""Edit forms: Swedish labels, Swedish numbers in, and the version the person started from."""
from __future__ import annotations

from django import forms

from ils.domain.values import MAX_ENTERED_CHARS, parse_entered_quantity
from ils.persistence import models

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


class IndicatorForm(VersionedForm):
    outcome = QuantityField(label="Periodens utfall", required=False)
    outcome_women = QuantityField(label="Utfall kvinnor/flickor", required=False)
    outcome_men = QuantityField(label="Utfall män/pojkar", required=False)
    forecast = QuantityField(label="Prognos helår", required=False)
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 6}), required=False,
                               max_length=TEXT_LIMIT)

    QUANTITIES = ("outcome", "outcome_women", "outcome_men", "forecast")

    @classmethod
    def initial_for(cls, row: models.IndicatorValue) -> dict:
        return {"version": row.version, "analysis": row.analysis,
                **{name: getattr(row, f"{name}_text") for name in cls.QUANTITIES}}

    def changes(self) -> dict:
        out = {"analysis": self.cleaned_data["analysis"].strip()}
        for name in self.QUANTITIES:
            value, text = self.cleaned_data[name]
            out[name], out[f"{name}_text"] = value, text
        return out


class GoalForm(VersionedForm):
    description = forms.CharField(label="Beskrivning", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=TEXT_LIMIT)
    expected_results = forms.CharField(label="Förväntat resultat (ett per rad)", required=False, max_length=TEXT_LIMIT,
                                       widget=forms.Textarea(attrs={"rows": 4}))
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 8}), required=False,
                               max_length=TEXT_LIMIT)
    assessment = forms.ChoiceField(label="Bedömning", choices=ASSESSMENT_CHOICES, required=False)
    assessment_reason = forms.CharField(label="Motivering av bedömningen", required=False, max_length=TEXT_LIMIT,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_for(cls, goal: models.Goal) -> dict:
        return {"version": goal.version, "description": goal.description, "analysis": goal.analysis,
                "expected_results": "\n".join(goal.expected_results), "assessment": goal.assessment,
                "assessment_reason": goal.assessment_reason}

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"description": data["description"].strip(), "analysis": data["analysis"].strip(),
                "expected_results": [r.strip() for r in data["expected_results"].splitlines() if r.strip()],
                "assessment": data["assessment"], "assessment_reason": data["assessment_reason"].strip()}


class ActivityForm(VersionedForm):
    status = forms.ChoiceField(label="Status", required=False, choices=[
        ("", "Ej angiven"), ("pagar", "Pågår"), ("genomford", "Genomförd"), ("avvikelse", "Avvikelse")])
    deviation = forms.CharField(label="Avvikelse", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                max_length=TEXT_LIMIT)
    analysis = forms.CharField(label="Analys", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                               max_length=TEXT_LIMIT)

    @classmethod
    def initial_for(cls, activity: models.Activity) -> dict:
        return {"version": activity.version, "status": activity.status, "deviation": activity.deviation,
                "analysis": activity.analysis}

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"status": data["status"], "deviation": data["deviation"].strip(), "analysis": data["analysis"].strip()}

    def clean(self):
        data = super().clean()
        if data.get("status") == "avvikelse" and not (data.get("deviation") or "").strip():
            self.add_error("deviation", "Beskriv avvikelsen.")
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
