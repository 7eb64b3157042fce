"""The assignment of names' rests to their first lines (``importers.text.rests``), on its own."""
from ils.importers.text.rests import Rest, Tail, assign


def _tail(text: str) -> Tail:
    return Tail(text, text.strip())


def _rest(first: str, last: str) -> Rest:
    return Rest(first, _tail(last))


FIRSTS = [_tail("  Äldrenämnden ska i samråd med stadsdelsnämnderna se över organisationen för "),  # 79 wide
          _tail("  Äldrenämnden ska med stöd av kommunstyrelsen och i samråd med ")]  # 65 wide


def test_a_rest_goes_on_a_line_only_if_its_first_word_did_not_fit_there():
    # "tryggt" would have fitted after the second line, not after the first
    assert assign(FIRSTS, [_rest("tryggt", "tryggt mottagande")], [-1], 80) == (1, [0])
    assert assign(FIRSTS[1:], [_rest("tryggt", "tryggt mottagande")], [0], 80) is None


def test_the_rests_keep_the_names_order_and_leave_no_wrapped_line_without_its_rest():
    rests = [_rest("tryggt", "tryggt mottagande"), _rest("stadsdelsnämnderna", "stadsdelsnämnderna vid behov")]
    assert assign(FIRSTS, rests, [1, 0], 80) == (0, [0, 1])


def test_a_name_of_its_own_stays_one_rather_than_go_on_where_only_a_page_break_lets_it():
    line = "akademisk socialtjänst där socialsekreterare och"
    cut = [Tail(line, line, cut=True, hanging=True)]
    assert assign(cut, [_rest("Revideringen", "Revideringen kan inte slutföras.")], [-1], 80) == (1, [-1])
    assert assign(cut, [_rest("forskare", "forskare samlokaliseras")], [-1], 80) == (0, [0])

