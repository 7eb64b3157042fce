"""A report's goal tree as the page shows it: each goal with its assessment, indicator rows with
status, and activities, worded and formatted by the same helpers as the printed reports."""
from __future__ import annotations

from dataclasses import dataclass, field

from ils.domain.model import Activity, Document, Goal, IndicatorResult
from ils.renderers import formatting as fmt
from ils.renderers.outline import goal_depths


@dataclass
class IndicatorRow:
    name: str
    kf: bool
    cells: list[str]
    status_key: str
    status_label: str
    status_symbol: str
    analysis: str
    line: int
    pk: int | None = None
    guessed: list[bool] = field(default_factory=list)  # per cell: placed by the import's inference

    @property
    def marked_cells(self) -> list[tuple[str, bool]]:
        return list(zip(self.cells, self.guessed or [False] * len(self.cells)))


@dataclass
class GoalNode:
    goal: Goal
    depth: int
    heading: str
    assessment_label: str = ""
    assessment_key: str = ""
    assessment_symbol: str = ""
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # Filled in by the view from the stored rows: ids, status and what this person may do.
    row: object = None
    activity_rows: list[tuple[Activity, int, str]] = field(default_factory=list)  # with id and status label
    can_edit: bool = False
    actions: list = field(default_factory=list)
    can_plan: bool = False  # may add, move and remove nämndmål here
    position: int = 0  # a nämndmål's place under its KF goal, 1-based
    siblings: int = 0

    @property
    def anchor(self) -> str:
        return "mal-" + self.goal.number.replace(".", "-")


def goal_tree(doc: Document) -> list[GoalNode]:
    nodes = []
    plan = fmt.is_plan(doc)
    for goal, depth in goal_depths(doc):
        node = GoalNode(goal=goal, depth=depth, heading=fmt.goal_heading(goal),
                        activities=doc.activities_of(goal.number))
        if goal.assessment:
            node.assessment_label = fmt.assessment_label(goal.assessment, doc)
            node.assessment_key = goal.assessment.value
            node.assessment_symbol = fmt.assessment_symbol(goal.assessment)
        node.indicators = [indicator_row(doc, indicator, plan) for indicator in doc.indicators_of(goal.number)]
        nodes.append(node)
    return nodes


def indicator_row(doc: Document, indicator: IndicatorResult, plan: bool | None = None,
                  pk: int | None = None) -> IndicatorRow:
    """One row of a goal's indicator table; the page and the in-place save render the same row."""
    plan = fmt.is_plan(doc) if plan is None else plan
    status = indicator.status
    return IndicatorRow(
        name=indicator.name, kf=indicator.kf, cells=fmt.indicator_cells(doc, indicator),
        status_key="" if plan else fmt.status_key(status),
        status_label="" if plan else fmt.status_label(status, doc),
        status_symbol="" if plan else fmt.status_symbol(status),
        analysis=indicator.analysis, line=indicator.line, pk=pk,
        guessed=[f in indicator.inferred for f in fmt.indicator_fields(doc)])


@dataclass
class EconomyView:
    title: str
    stub: str
    columns: list[str]
    rows: list[tuple[str, str, list[str]]]  # label, row kind, formatted cells
    line: int
    kind: str = ""  # a table made in the app (ils.domain.economy_tables) has a kind and a page
    text: str = ""
    row_texts: list[tuple[str, str]] = field(default_factory=list)  # (row label, its text)
    pk: int | None = None  # filled in by the view
    text_only: bool = False  # a text without a table: a sub-heading and its text


def economy_views(doc: Document) -> list[EconomyView]:
    return [EconomyView(
        title=table.title or table.section or "Tabell", stub=fmt.economy_stub(table), columns=table.columns,
        rows=[(row.label, row.kind.value, [fmt.economy_cell(table, row, i) for i in range(len(table.columns))])
              for row in table.rows],
        line=table.line, kind=table.kind, text=table.text,
        row_texts=[(row.label, row.text) for row in table.rows if row.text],
        text_only=fmt.is_text_entry(table)) for table in doc.economy]


def report_figures(doc: Document) -> dict:
    """The counts a reader checks first: goals, indicators, activities and assessments."""
    assessed = [g.assessment.value for g in doc.goals if g.assessment]
    return {
        "goals": len(doc.goals),
        "indicators": len(doc.indicators),
        "activities": len(doc.activities),
        "economy_tables": len(doc.economy),
        "helt": assessed.count("helt"),
        "delvis": assessed.count("delvis"),
        "inte": assessed.count("inte"),
        "indicator_columns": fmt.indicator_header(doc)[1:],
        "activity_columns": fmt.activity_columns(doc),
    }
