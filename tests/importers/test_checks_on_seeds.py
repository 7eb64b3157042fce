"""The checker finds the real inconsistencies that the seed catalogues list."""
from __future__ import annotations

import pytest

from ils.domain.checks import FindingKind, check_document
from ils.importers import parse_file

from .seeds import seed


@pytest.fixture(scope="module")
def findings():
    return {name: check_document(parse_file(seed(name))) for name in (
        "sodermalm", "socialnamnden", "hasselby", "hagersten")}


def _at(findings, line, kind, text):
    return [f for f in findings if f.line == line and f.kind is kind and text in f.message]


def test_sodermalm_arbetsmarknad_netto_typo(findings):
    # Catalogue 000 §5.2 M1: Netto prognos 29,9 although -10,9 + 39,9 = 29,0 and avvikelse 0,0.
    assert _at(findings["sodermalm"], 2401, FindingKind.ECONOMY, "summerar till 29,0")
    assert _at(findings["sodermalm"], 2401, FindingKind.ECONOMY, "avvikelsen för 'Netto'")


def test_sodermalm_kollo_share(findings):
    # Catalogue 000 §7 #39: "876 barn, 65 procent" of 1 325 applications is 66,1 %.
    assert _at(findings["sodermalm"], 244, FindingKind.NARRATIVE, "66.1 procent")


def test_sodermalm_one_of_two_expected_results_but_helt(findings):
    # Catalogue 000 §7 #26: nämndmål 3.3.1 "ett av två förväntade resultat" yet "Uppfylls helt".
    assert _at(findings["sodermalm"], 1561, FindingKind.ASSESSMENT, "ett av två förväntade resultat")


def test_sodermalm_plural_for_a_single_kf_activity(findings):
    # Catalogue 000 §7 #10: KF 1.1 writes "KF-aktiviteterna" for its one KF activity.
    assert _at(findings["sodermalm"], 210, FindingKind.NARRATIVE, "'KF-aktiviteterna' (plural)")


def test_sodermalm_total_below_both_gender_values(findings):
    # Catalogue 000 §4.1: L1429 total 0,36 % below men 0,61 % and women 0,39 %.
    assert _at(findings["sodermalm"], 1429, FindingKind.INDICATOR, "utanför utfallen")


def test_socialnamnden_kf_3_3(findings):
    # Catalogue 002 §7 #9 and §3.6: KF 3.3 "helt" while its indicator's forecast misses the target;
    # "KF-aktiviteterna" for a single KF activity.
    assert _at(findings["socialnamnden"], 915, FindingKind.ASSESSMENT, "når inte årsmålet")
    assert _at(findings["socialnamnden"], 921, FindingKind.NARRATIVE, "'KF-aktiviteterna' (plural)")


def test_socialnamnden_missing_targets(findings):
    # Catalogue 002 §3.2: Årsmål missing on rows 420 and 426.
    lines = {f.line for f in findings["socialnamnden"] if "saknar årsmål" in f.message}
    assert {420, 426} <= lines


def test_hasselby_kf_1_5(findings):
    # Catalogue 003 §8: KF 1.5 "Uppfylls helt" with 9 of 14 indicators below target and
    # nämndmål 1.5.2 "delvis".
    assert _at(findings["hasselby"], 1049, FindingKind.ASSESSMENT, "9 av 14")
    assert _at(findings["hasselby"], 1049, FindingKind.ASSESSMENT, "1.5.2")


def test_hasselby_result_units_total(findings):
    # Catalogue 003 §5.8 #1: "Summa resultatenheter" till 2023 = 45 457 but rows sum to 42 457.
    assert _at(findings["hasselby"], 2260, FindingKind.ECONOMY, "45 457 men raderna ovan summerar till 42 457")
    # the sum is printed with the total's decimals (tkr, none), not the rows' odd "0,0"
    [budget] = _at(findings["hasselby"], 2260, FindingKind.ECONOMY, "är 424 744 men")
    assert budget.message.endswith("summerar till 394 453")


def test_hasselby_bokslut_efter_total(findings):
    # Catalogue 003 §5.8 #5: the Bokslut efter rows sum to 2 075,6, not 2 075,4.
    assert _at(findings["hasselby"], 2044, FindingKind.ECONOMY, "2 075,6")


def test_hasselby_impossible_total(findings):
    # Catalogue 003 §8: row 335 total 1,81 % below both men 1,87 % and women 2,04 %.
    assert _at(findings["hasselby"], 335, FindingKind.INDICATOR, "utanför utfallen")


def test_hasselby_deviations_not_described(findings):
    # Two activities under 1.2.1 and 1.2.2 have the status Avvikelse and no deviation text.
    assert [(f.line, f.goal) for f in findings["hasselby"] if f.kind is FindingKind.ACTIVITY] == [
        (540, "1.2.1"), (567, "1.2.2")]
    assert not [f for name in ("sodermalm", "socialnamnden") for f in findings[name] if f.kind is FindingKind.ACTIVITY]


def test_rounding_residues_are_not_reported(findings):
    # Catalogue 002 §5.2: Bokslut 2023 1 386,1 vs 1 386,2 are rounding residues, not errors.
    assert not [f for f in findings["socialnamnden"] if f.kind is FindingKind.ECONOMY]


def test_plan_findings_are_only_missing_targets(findings):
    # The VP has no outcomes; catalogue 001 §3.5: two rows with an empty Årsmål (Fastställs 2025).
    assert sorted((f.line, f.kind) for f in findings["hagersten"]) == [
        (591, FindingKind.INDICATOR), (935, FindingKind.INDICATOR)]
