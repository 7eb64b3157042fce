"""Forms of the internal-control pages: Swedish labels and the version the person started from.

They only shape the input; the rules (scores on the matrix, a motivation for an acceptance, an
action for a deviation) live in persistence.internal_control, whose InputError is shown per field.
"""
from __future__ import annotations

from django import forms

from ils.domain.internal_control import Frequency, Judgement, Method, Treatment
from ils.persistence import internal_control as service

TREATMENTS = [("", "Inte vald")] + [(t.value, t.label) for t in Treatment if t.value]
PERIOD_CHOICES = [("T1", "Tertialrapport 1"), ("T2", "Tertialrapport 2"), ("VB", "Verksamhetsberättelse")]


def _text(label, limit, rows=None, required=False):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=limit, required=required, widget=widget)


class _Form(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0, required=False)  # missing: a new item

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def show(self, error: service.InputError) -> None:
        for name, message in error.errors.items():
            self.add_error(name if name in self.fields else None, message)

    def clean_version(self) -> int:
        return self.cleaned_data["version"] or 0

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class RiskForm(_Form):
    area = _text("Process eller område", 200, required=True)
    description = _text("Risk", 2000, rows=3, required=True)
    category = _text("Kategori", 100)
    probability = forms.CharField(label="Sannolikhet", max_length=12, required=False)
    consequence = forms.CharField(label="Konsekvens", max_length=12, required=False)
    treatment = forms.ChoiceField(label="Hantering", choices=TREATMENTS, required=False)
    motivation = _text("Motivering (vid acceptans)", 4000, rows=2)
    action = _text("Åtgärd", 4000, rows=2)
    action_owner = _text("Ansvarig för åtgärden", 200)

    @classmethod
    def initial_for(cls, risk) -> dict:
        return {"version": risk.version, "area": risk.area, "description": risk.description,
                "category": risk.category, "probability": service.score_text(risk.probability),
                "consequence": service.score_text(risk.consequence), "treatment": risk.treatment,
                "motivation": risk.motivation, "action": risk.action, "action_owner": risk.action_owner}


class ControlForm(_Form):
    risk = forms.ChoiceField(label="Risk")
    what = _text("Kontrollmoment", 2000, rows=2, required=True)
    method = forms.ChoiceField(label="Metod", choices=[(m.value, m.label) for m in Method])
    frequency = forms.ChoiceField(label="Frekvens", choices=[(f.value, f.label) for f in Frequency])
    responsible = _text("Ansvarig", 200)
    when = _text("När", 200)
    reported_in = forms.MultipleChoiceField(label="Rapporteras i", choices=PERIOD_CHOICES,
                                            widget=forms.CheckboxSelectMultiple, initial=["VB"])

    def __init__(self, *args, risks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk"].choices = [(str(r.pk), f"{i}. {r}") for i, r in enumerate(risks, 1)]

    @classmethod
    def initial_for(cls, control) -> dict:
        return {"version": control.version, "risk": str(control.risk_id), "what": control.what,
                "method": control.method, "frequency": control.frequency, "responsible": control.responsible,
                "when": control.when, "reported_in": control.reported_in}


class FollowUpForm(_Form):
    carried_out = forms.ChoiceField(label="Genomförd", required=False, widget=forms.RadioSelect,
                                    choices=[("ja", "Ja"), ("nej", "Nej"), ("", "Inte rapporterad")])
    result = _text("Resultat", 4000, rows=2)
    deviations = _text("Avvikelser", 4000, rows=2)
    action = _text("Beslutad åtgärd", 4000, rows=2)
    action_owner = _text("Ansvarig för åtgärden", 200)

    @classmethod
    def initial_for(cls, follow_up) -> dict:
        if follow_up is None:
            return {"version": 0, "carried_out": ""}
        done = {True: "ja", False: "nej", None: ""}[follow_up.carried_out]
        return {"version": follow_up.version, "carried_out": done, "result": follow_up.result,
                "deviations": follow_up.deviations, "action": follow_up.action,
                "action_owner": follow_up.action_owner}


class JudgementForm(_Form):
    judgement = forms.ChoiceField(label="Bedömning av nämndens interna kontroll", widget=forms.RadioSelect,
                                  choices=[(j.value, j.label) for j in Judgement])
    judgement_analysis = _text("Analys", 10000, rows=6)


class CityAreaForm(_Form):
    area = _text("Process eller område", 200, required=True)
    description = _text("Risk", 2000, rows=2, required=True)
    category = _text("Kategori", 100)
