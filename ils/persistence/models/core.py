"""Stored reports: one row per domain object, every extracted item with its source line.

Indicator identity (IndicatorDefinition) is kept apart from the goal tree, because goal
structures change with political majorities while indicators survive them. Editable rows carry
a version number for optimistic locking.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

from ils.domain.model import ActivityStatus, DocumentType, GoalLevel, Period
from ils.domain.targets import Direction, TargetKind
from ils.domain.workflow import Role, Status

ASSESSMENTS = [("helt", "Uppfylls helt"), ("delvis", "Uppfylls delvis"), ("inte", "Uppfylls inte")]


def _choices(enum, labels=None) -> list[tuple[str, str]]:
    return [(member.value, (labels or {}).get(member, member.value)) for member in enum]


class Committee(models.Model):
    name = models.CharField("namn", max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name, verbose_name_plural = "nämnd", "nämnder"

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One document (VP, T1, T2 or VB) of one committee for one budget year."""

    committee = models.ForeignKey(Committee, models.CASCADE, related_name="reports", verbose_name="nämnd")
    year = models.PositiveSmallIntegerField("år")
    period = models.CharField("period", max_length=2, choices=_choices(Period, {p: p.label for p in Period}))
    type = models.CharField("typ", max_length=32, choices=_choices(DocumentType))
    title = models.CharField("rubrik", max_length=300, blank=True)
    date = models.DateField("datum", null=True, blank=True)
    author = models.CharField("handläggare", max_length=200, blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.CharField("e-post", max_length=254, blank=True)
    recipient = models.CharField("till", max_length=200, blank=True)  # blank: the committee
    reference = models.CharField("diarienummer", max_length=60, blank=True)
    source = models.CharField("källfil", max_length=500, blank=True)
    summary = models.TextField("sammanfattning", blank=True)
    case = models.TextField("ärendet", blank=True)
    # Optimistic locking of the head, decisions, signatures and bilagor (persistence.docparts).
    front_version = models.PositiveIntegerField(default=1)
    sections = models.JSONField("avsnitt", default=list, blank=True)
    status = models.CharField("status", max_length=12, choices=[(s.value, s.label) for s in Status],
                              default=Status.DRAFT.value)
    imported_at = models.DateTimeField("importerad", auto_now_add=True)
    decision_date = models.DateField("beslutsdatum", null=True, blank=True)
    decision_paragraph = models.CharField("paragraf", max_length=40, blank=True)

    class Meta:
        ordering = ["committee__name", "-year", "period"]
        constraints = [models.UniqueConstraint(fields=["committee", "year", "period"],
                                               name="one_report_per_committee_year_period")]
        verbose_name, verbose_name_plural = "rapport", "rapporter"

    def __str__(self) -> str:
        return self.title or f"{self.get_period_display()} {self.year} {self.committee}"


class Goal(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="goals")
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children")
    level = models.CharField("nivå", max_length=16, choices=_choices(GoalLevel, {g: g.label for g in GoalLevel}))
    number = models.CharField("nummer", max_length=16)
    title = models.TextField("mål")
    assessment = models.CharField("bedömning", max_length=8, choices=ASSESSMENTS, blank=True)
    icon = models.CharField(max_length=16, blank=True)
    description = models.TextField("beskrivning", blank=True)
    expected_results = models.JSONField("förväntat resultat", default=list, blank=True)
    analysis = models.TextField("analys", blank=True)
    assessment_reason = models.TextField("motivering av bedömningen", blank=True)
    assessed_proposal = models.CharField("förslag vid bedömningen", max_length=8, blank=True)
    analysis_line = models.PositiveIntegerField(default=0)
    sections = models.JSONField(default=list, blank=True)
    line = models.PositiveIntegerField("rad")
    order = models.PositiveIntegerField()
    status = models.CharField("status", max_length=12, choices=[(s.value, s.label) for s in Status],
                              default=Status.DRAFT.value)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "order"]
        indexes = [models.Index(fields=["report", "number"])]
        verbose_name, verbose_name_plural = "mål", "mål"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class IndicatorDefinition(models.Model):
    """An indicator's identity across years, documents and goal structures."""

    key = models.CharField(max_length=400, unique=True)
    name = models.TextField("namn")
    unit = models.CharField("enhet", max_length=60, blank=True)
    direction = models.CharField("riktning", max_length=8, choices=_choices(Direction),
                                 default=Direction.UNKNOWN.value)
    kf = models.BooleanField("KF-indikator", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name, verbose_name_plural = "indikator", "indikatorer"

    def __str__(self) -> str:
        return self.name


def _amount(verbose: str) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=16, decimal_places=4, null=True, blank=True)


class IndicatorValue(models.Model):
    """One indicator as reported under one goal in one report. Each quantity is kept as the
    printed text (with its unit) and as a number for comparisons."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="indicators")
    definition = models.ForeignKey(IndicatorDefinition, models.PROTECT, related_name="values")
    name = models.TextField("namn")
    kf = models.BooleanField(default=False)
    outcome = _amount("periodens utfall")
    outcome_text = models.CharField(max_length=100, blank=True)
    outcome_men = _amount("utfall män/pojkar")
    outcome_men_text = models.CharField(max_length=100, blank=True)
    outcome_women = _amount("utfall kvinnor/flickor")
    outcome_women_text = models.CharField(max_length=100, blank=True)
    previous = _amount("utfall föregående år")
    previous_text = models.CharField(max_length=100, blank=True)
    forecast = _amount("prognos helår")
    forecast_text = models.CharField(max_length=100, blank=True)
    target_kind = models.CharField(max_length=20, choices=_choices(TargetKind), default=TargetKind.EMPTY.value)
    target_value = _amount("årsmål")
    target_text = models.CharField("årsmål", max_length=200, blank=True)
    kf_target_kind = models.CharField(max_length=20, choices=_choices(TargetKind), default=TargetKind.EMPTY.value)
    kf_target_value = _amount("KF:s årsmål")
    kf_target_text = models.CharField("KF:s årsmål", max_length=200, blank=True)
    period = models.CharField("period", max_length=60, blank=True)
    frequency = models.CharField("periodicitet", max_length=60, blank=True)
    analysis = models.TextField("analys", blank=True)
    icons = models.CharField(max_length=16, blank=True)
    # the fields an import placed by inference (space-separated); a writer's save confirms them
    inferred = models.CharField("gissade fält", max_length=200, blank=True)
    line = models.PositiveIntegerField("rad")
    order = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "order"]
        indexes = [models.Index(fields=["definition", "report"])]
        verbose_name, verbose_name_plural = "indikatorvärde", "indikatorvärden"

    def __str__(self) -> str:
        return f"{self.name} (mål {self.goal.number})"


class Activity(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="activities")
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="activities")
    text = models.TextField("aktivitet")
    start = models.DateField("startdatum", null=True, blank=True)
    end = models.DateField("slutdatum", null=True, blank=True)
    kf_assignment = models.BooleanField("KF-uppdrag", default=False)
    status = models.CharField("status", max_length=12, blank=True, choices=_choices(
        ActivityStatus, {ActivityStatus.GENOMFORD: "Genomförd", ActivityStatus.PAGAR: "Pågår",
                         ActivityStatus.AVVIKELSE: "Avvikelse"}))
    deviation = models.TextField("avvikelse", blank=True)
    analysis = models.TextField("analys", blank=True)
    icons = models.CharField(max_length=16, blank=True)
    inferred = models.CharField("gissade fält", max_length=40, blank=True)  # as on IndicatorValue
    line = models.PositiveIntegerField("rad")
    order = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "order"]
        verbose_name, verbose_name_plural = "aktivitet", "aktiviteter"

    def __str__(self) -> str:
        return self.text if len(self.text) <= 100 else self.text[:99] + "…"


class Decision(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    amount = _amount("belopp")
    amount_unit = models.CharField(max_length=20, blank=True)
    attachment = models.ForeignKey("Attachment", models.SET_NULL, null=True, blank=True,
                                   related_name="decisions", verbose_name="bilaga")
    line = models.PositiveIntegerField()

    class Meta:
        ordering = ["report", "number", "line"]


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """Stored under a random name: the uploader's file name never becomes a path."""
    import uuid

    return f"bilagor/{attachment.report_id}/{uuid.uuid4().hex}.{attachment.kind}"


class Attachment(models.Model):
    """A bilaga: imported ones are a label and a title; uploaded ones also their file."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="attachments")
    label = models.CharField(max_length=40)
    title = models.TextField(blank=True)
    line = models.PositiveIntegerField()
    order = models.PositiveIntegerField(default=0)
    file = models.FileField("fil", upload_to=attachment_path, max_length=200, blank=True)
    file_name = models.CharField("filnamn", max_length=200, blank=True)
    kind = models.CharField("filtyp", max_length=8, blank=True)  # pdf, docx, xlsx
    size = models.PositiveBigIntegerField("storlek", default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["report", "order", "line"]


class Attestation(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="attestations")
    name = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    line = models.PositiveIntegerField()

    class Meta:
        ordering = ["report", "line"]


class EconomyTable(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="economy_tables")
    title = models.CharField(max_length=300, blank=True)
    section = models.CharField(max_length=300, blank=True)
    unit = models.CharField(max_length=10, blank=True)
    stub = models.CharField(max_length=200, blank=True)
    columns = models.JSONField(default=list)
    line = models.PositiveIntegerField()
    order = models.PositiveIntegerField()
    # A table made in the app has a kind (ils.domain.economy_tables.TableKind): its columns follow
    # the kind and its computed cells are the domain's; imported tables have none and stay as printed.
    kind = models.CharField("typ", max_length=32, blank=True)
    text = models.TextField("text", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "order"]


class EconomyRow(models.Model):
    table = models.ForeignKey(EconomyTable, models.CASCADE, related_name="rows")
    label = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=8)
    values = models.JSONField(default=list)  # decimals as strings, None for an empty cell
    raw = models.JSONField(default=list)
    line = models.PositiveIntegerField()
    order = models.PositiveIntegerField()
    text = models.TextField("text", blank=True)  # the committee's comment on a verksamhetsområde

    class Meta:
        ordering = ["table", "order"]


class ImportWarning(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="warnings")
    line = models.PositiveIntegerField()
    message = models.TextField()

    class Meta:
        ordering = ["report", "line"]


class Membership(models.Model):
    """A person's role: for one committee, or for the whole city when committee is empty.

    A writer may be limited to some goals (their numbers, with everything under them)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    committee = models.ForeignKey(Committee, models.CASCADE, null=True, blank=True, related_name="memberships",
                                  verbose_name="nämnd")
    role = models.CharField("roll", max_length=16, choices=[(r.value, r.label) for r in Role])
    goals = models.JSONField("mål", default=list, blank=True)
    # What the person attests the committee's documents as ("stadsdelsdirektör"); set by administrators.
    title = models.CharField("befattning", max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "committee", "role"], name="one_role_per_committee")]
        verbose_name, verbose_name_plural = "behörighet", "behörigheter"

    def __str__(self) -> str:
        return f"{self.user} – {Role(self.role).label} – {self.committee or 'hela staden'}"


class AuditEntry(models.Model):
    """One change of one field, or one workflow step: who, when, before and after."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField("tidpunkt", auto_now_add=True)
    item_type = models.CharField(max_length=20)  # "mal", "indikator", "aktivitet", "rapport"
    item_id = models.PositiveBigIntegerField()
    field = models.CharField("fält", max_length=40)
    before = models.TextField("före", blank=True)
    after = models.TextField("efter", blank=True)
    note = models.TextField("kommentar", blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["item_type", "item_id"])]
        verbose_name, verbose_name_plural = "ändring", "ändringar"


class CityGoal(models.Model):
    """KF's inriktningsmål and goals for a budget year, defined once for every committee."""

    year = models.PositiveSmallIntegerField("år")
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children")
    level = models.CharField("nivå", max_length=16, choices=[
        (GoalLevel.INRIKTNINGSMAL.value, GoalLevel.INRIKTNINGSMAL.label), (GoalLevel.KF_MAL.value, GoalLevel.KF_MAL.label)])
    number = models.CharField("nummer", max_length=16)
    title = models.TextField("mål")

    class Meta:
        ordering = ["year", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="one_city_goal_per_number")]
        verbose_name, verbose_name_plural = "KF-mål", "KF-mål"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CityIndicator(models.Model):
    """A KF indicator with KF's annual target, reported under a KF goal in every committee's documents."""

    goal = models.ForeignKey(CityGoal, models.CASCADE, related_name="indicators")
    definition = models.ForeignKey(IndicatorDefinition, models.PROTECT, related_name="city_targets")
    name = models.TextField("namn")
    kf_target_kind = models.CharField(max_length=20, choices=_choices(TargetKind), default=TargetKind.EMPTY.value)
    kf_target_value = _amount("KF:s årsmål")
    kf_target_text = models.CharField("KF:s årsmål", max_length=200, blank=True)
    period = models.CharField("period", max_length=60, blank=True)
    frequency = models.CharField("periodicitet", max_length=60, blank=True)

    class Meta:
        ordering = ["goal", "pk"]
        constraints = [models.UniqueConstraint(fields=["goal", "definition"], name="one_city_indicator_per_goal")]
        verbose_name, verbose_name_plural = "KF-indikator", "KF-indikatorer"

    def __str__(self) -> str:
        return self.name


class CityAssignment(models.Model):
    """A KF assignment (uppdrag) under a KF goal, an activity in every committee's documents."""

    goal = models.ForeignKey(CityGoal, models.CASCADE, related_name="assignments")
    text = models.TextField("uppdrag")
    start = models.DateField("startdatum", null=True, blank=True)
    end = models.DateField("slutdatum", null=True, blank=True)

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name, verbose_name_plural = "KF-uppdrag", "KF-uppdrag"

    def __str__(self) -> str:
        return self.text
