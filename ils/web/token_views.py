"""A person's API tokens: create one (shown once), see when each was used and expires, revoke."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from ils.api import tokens


class TokenForm(forms.Form):
    name = forms.CharField(label="Namn (vad nyckeln används till)", max_length=100, required=False)
    days = forms.IntegerField(label="Giltig i dagar", min_value=1, max_value=tokens.MAX_DAYS, initial=90)
    read_only = forms.BooleanField(label="Bara läsa", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@login_required
def api_tokens(request):
    form, created = TokenForm(), None
    if request.method == "POST" and request.POST.get("steg") == "aterkalla":
        row = get_object_or_404(tokens.tokens_of(request.user), pk=_int(request.POST.get("nyckel")))
        tokens.revoke(request.user, row)
        messages.success(request, f"API-nyckeln {row.prefix}… är återkallad.")
        return redirect("api_tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _, created = tokens.issue(request.user, form.cleaned_data["name"], form.cleaned_data["days"],
                                      form.cleaned_data["read_only"])
            form = TokenForm()
    return render(request, "ils/tokens.html", {"form": form, "created": created,
                                               "tokens": tokens.tokens_of(request.user)},
                  status=422 if form.errors else 200)


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0
