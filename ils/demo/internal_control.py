"""Generated internal control for the benchmark city: per committee and year a risk analysis with
realistic areas, scores spread over the matrix, a control for most high risks and follow-ups with
some deviations. Deterministic for a seed."""
from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from ils.domain.internal_control import (
    Control, FollowUp, Frequency, Judgement, Method, Risk, RiskMatrix, Treatment, new_risk,
)

AREAS = ["Ekonomi", "Upphandling", "Välfärdsbrott", "Otillåten påverkan", "IT och informationssäkerhet",
         "Personal", "Myndighetsutövning", "Dokumenthantering", "Arbetsmiljö", "Avtalsuppföljning"]
RISKS = ["Felaktiga utbetalningar", "Jäv vid beslut", "Bristande dokumentation", "Otillräcklig uppföljning av avtal",
         "Obehörig åtkomst till personuppgifter", "Hot mot handläggare", "Sen handläggning",
         "Felaktig attest", "Bristande kompetensförsörjning", "Driftstopp i verksamhetssystem"]
SCORES = [Decimal(v) for v in ("1", "1.5", "2", "2.5", "3", "3.5", "4")]


def generate_analysis(committee: str, year: int, matrix: RiskMatrix, risks: int, seed: int = 0):
    """(risks, controls, follow-ups, judgement) of one committee's year; keys are row numbers."""
    rng = random.Random(f"{seed}:{committee}:{year}:ic")
    out_risks: list[Risk] = []
    controls: list[Control] = []
    follow_ups: list[FollowUp] = []
    for n in range(1, risks + 1):
        area = AREAS[(n - 1) % len(AREAS)]
        risk = new_risk(matrix, n, area, f"{rng.choice(RISKS)} ({area.lower()}, {n})", rng.choice(SCORES),
                        rng.choice(SCORES), category="Verksamhetsrisk", city_designated=area in AREAS[2:4])
        if matrix.levels[risk.level].needs_treatment or rng.random() < 0.3:
            risk = replace(risk, treatment=Treatment.CONTROL)
            control = Control(len(controls) + 1, n, f"Kontroll av {risk.description.lower()}",
                              rng.choice(list(Method)), rng.choice(list(Frequency)), "Controller", "Under året",
                              ("T1", "T2", "VB"))
            controls.append(control)
            for period in ("T1", "T2", "VB"):
                deviation = "Avvikelse i stickprovet" if rng.random() < 0.08 else ""
                follow_ups.append(FollowUp(control.key, period, rng.random() > 0.1, "Genomförd enligt plan",
                                           deviation, "Ny rutin" if deviation else "",
                                           "Enhetschef" if deviation else ""))
        out_risks.append(risk)
    judgement = rng.choices(list(Judgement), weights=(6, 3, 1))[0]
    return out_risks, controls, follow_ups, judgement
