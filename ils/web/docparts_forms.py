"""Forms of the document's head, signatures, decisions and bilagor. They read the request's shape
(a date is a date, a number a number); the rules of the content (lengths, markup, control
characters, amounts, file types) are ils.persistence.docparts', whose messages land at the field."""
from __future__ import annotations

from django import forms

from ils.persistence import models
from ils.persistence.docparts import HEAD_FIELDS, MAX_SIGNATURES

UNITS = [("mnkr", "mnkr"), ("tkr", "tkr"), ("kronor", "kronor")]


def _text(label: str, longest: int, rows: int = 0, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=False, strip=False, help_text=help_text,
                           widget=widget, max_length=longest + 1000)  # the service names the real limit


class HeadForm(forms.Form):
    title = _text("Rubrik", HEAD_FIELDS["title"][1],
                  help_text="Lämna tom för stadens form, t.ex. ”Tertialrapport Tertial 2 2024 för …”.")
    author = _text("Handläggare", 200)
    phone = _text("Telefon", 40)
    email = _text("E-post", 254)
    recipient = _text("Till", 200, help_text="Lämna tom för nämnden.")
    date = forms.DateField(label="Datum för nämndens sammanträde", required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": "Skriv datumet som ÅÅÅÅ-MM-DD."})
    reference = _text("Diarienummer", 60)
    summary = _text("Sammanfattning", 20_000, rows=6)
    case = _text("Ärendet", 20_000, rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @staticmethod
    def initial_for(report: models.Report) -> dict:
        return {f: getattr(report, f) for f in (*HEAD_FIELDS, "date")} | {"version": report.front_version}

    def changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in (*HEAD_FIELDS, "date")}


class SignaturesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, rows: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(min(rows, MAX_SIGNATURES)):
            self.fields[f"signature_name_{i}"] = _text(f"Namn, underskrift {i + 1}", 200)
            self.fields[f"signature_title_{i}"] = _text(f"Titel, underskrift {i + 1}", 200)

    @staticmethod
    def initial_for(report: models.Report) -> dict:
        initial = {"version": report.front_version}
        for i, signature in enumerate(report.signatures.all()):
            initial |= {f"signature_name_{i}": signature.name, f"signature_title_{i}": signature.title}
        return initial

    def rows(self) -> list[tuple[str, str]]:
        count = sum(1 for f in self.fields if f.startswith("signature_name_"))
        return [(self.cleaned_data[f"signature_name_{i}"], self.cleaned_data[f"signature_title_{i}"])
                for i in range(count)]

    def pairs(self):
        """(name field, title field) per row, for the template."""
        count = sum(1 for f in self.fields if f.startswith("signature_name_"))
        return [(self[f"signature_name_{i}"], self[f"signature_title_{i}"]) for i in range(count)]


class DecisionForm(forms.Form):
    text = _text("Beslutstext", 2_000, rows=3)
    amount = _text("Belopp (valfritt)", 40, help_text="Svensk form: 0,7 eller 868 046.")
    unit = forms.ChoiceField(label="Enhet", choices=UNITS, initial="mnkr")
    attachment = forms.ModelChoiceField(label="Bilaga (valfri)", required=False,
                                        queryset=models.Attachment.objects.none(), empty_label="Ingen bilaga",
                                        error_messages={"invalid_choice": "Välj en av dokumentets bilagor."})
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, report: models.Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].queryset = report.attachments.all()
        self.fields["attachment"].label_from_instance = lambda a: f"{a.label}: {a.title}"

    @staticmethod
    def initial_for(decision: models.Decision) -> dict:
        from ils.domain.values import format_number

        amount = "" if decision.amount is None else format_number(decision.amount.normalize())
        return {"text": decision.text, "amount": amount, "unit": decision.amount_unit or "mnkr",
                "attachment": decision.attachment_id, "version": decision.report.front_version}


class AttachmentForm(forms.Form):
    title = _text("Bilagans rubrik", 300)
    file = forms.FileField(label="Fil (PDF, Word eller Excel)", required=True,
                           error_messages={"required": "Välj en fil.", "empty": "Filen är tom."},
                           widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx"}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AttachmentTitleForm(forms.Form):
    title = _text("Rubrik", 300)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
