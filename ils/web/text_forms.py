"""Forms of the texts: a part's text, its writers, the lock with the decision, the template's parts."""
from __future__ import annotations

from django import forms

from ils.domain import markup
from ils.domain import text_template as tt


class TextForm(forms.Form):
    text = forms.CharField(label="Text", required=False, strip=False, max_length=markup.MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 18, "class": "texteditor"}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_text(self):
        text = self.cleaned_data["text"]
        for problem in markup.problems(text):
            raise forms.ValidationError(problem[0].upper() + problem[1:] + ".")
        return text


class WritersForm(forms.Form):
    writers = forms.ModelMultipleChoiceField(label="Skribenter", queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["writers"].queryset = queryset
        self.fields["writers"].label_from_instance = lambda u: u.get_full_name() or u.username


class LockForm(forms.Form):
    decision_date = forms.DateField(label="Beslutsdatum", widget=forms.DateInput(attrs={"type": "date"}),
                                    error_messages={"required": "Ange datumet då nämnden beslutade.",
                                                    "invalid": "Skriv datumet som ÅÅÅÅ-MM-DD."})
    decision_paragraph = forms.CharField(label="Paragraf", max_length=40, required=False,
                                         help_text="Protokollets paragraf, t.ex. § 12")


class TemplatePartForm(forms.Form):
    heading = forms.CharField(label="Rubrik", max_length=tt.MAX_HEADING)
    key = forms.SlugField(label="Nyckel", max_length=60, required=False,
                          help_text="a–z, 0–9 och bindestreck; tomt: bildas av rubriken")
    parent = forms.CharField(label="Under del (nyckel)", max_length=60, required=False)
    instructions = forms.CharField(label="Anvisning", max_length=tt.MAX_INSTRUCTIONS, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label="Obligatorisk", required=False)
    always = forms.BooleanField(label="Ska finnas (\"Inte aktuellt\" räcker)", required=False)
    per_goal = forms.BooleanField(label="Ett block per inriktningsmål", required=False)
    place = forms.ChoiceField(label="Placering", choices=[(tt.BEFORE_GOALS, "Före målen"),
                                                           (tt.AFTER_GOALS, "Efter ekonomin")])
    aliases = forms.CharField(label="Andra rubriker vid import (en per rad)", required=False,
                              widget=forms.Textarea(attrs={"rows": 1}), max_length=2000)

    def spec(self) -> tt.PartSpec:
        data = self.cleaned_data
        return tt.PartSpec(
            key=data["key"] or tt.slug(data["heading"]), heading=data["heading"].strip(), parent=data["parent"].strip(),
            instructions=data["instructions"].strip(), required=data["required"], always=data["always"],
            per_goal=data["per_goal"], place=data["place"],
            aliases=tuple(a.strip() for a in data["aliases"].splitlines() if a.strip()))

    @staticmethod
    def initial_for(spec: tt.PartSpec) -> dict:
        return {"heading": spec.heading, "key": spec.key, "parent": spec.parent, "instructions": spec.instructions,
                "required": spec.required, "always": spec.always, "per_goal": spec.per_goal, "place": spec.place,
                "aliases": "\n".join(spec.aliases)}


TemplateFormSet = forms.formset_factory(TemplatePartForm, extra=2, can_delete=True, can_order=True,
                                        max_num=tt.MAX_PARTS, validate_max=True)
