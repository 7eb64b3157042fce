"""KF's definitions taken from a committee's document."""
from __future__ import annotations

from ils.domain.city import city_definitions_from, goal_sort_key, valid_city_number
from ils.domain.model import GoalLevel


def test_city_definitions_are_kfs_part_of_a_document(seed_documents):
    doc = seed_documents["sodermalm"]
    city = city_definitions_from(doc)
    assert city.year == 2024
    assert {g.level for g in city.goals} == {GoalLevel.INRIKTNINGSMAL, GoalLevel.KF_MAL}
    assert len(city.indicators) == sum(1 for i in doc.indicators if i.kf) > 0
    assert all(i.kf and not i.outcome and i.target.kind.value == "empty" for i in city.indicators)
    assert city.assignments and all(a.kf_assignment and a.status is None for a in city.assignments)


def test_goal_numbers_sort_numerically_and_city_numbers_have_two_levels():
    assert sorted(["1.10", "1.9", "2", "1"], key=goal_sort_key) == ["1", "1.9", "1.10", "2"]
    assert valid_city_number("3") and valid_city_number("3.7")
    assert not valid_city_number("3.7.1") and not valid_city_number("x") and not valid_city_number("")
