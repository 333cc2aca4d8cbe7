"""The number of households (or villages) needed agrees with the adoption rules it describes."""

from grassroots.decisions import rules
from grassroots.decisions.rules import Item


def test_approvals_needed_is_the_least_number_that_adopts() -> None:
    for item in Item:
        for households in range(1, 400):
            needed = rules.approvals_needed(item, households)
            assert rules.village_adopts(item, needed, households), (item, households)
            assert not rules.village_adopts(item, needed - 1, households), (item, households)


def test_villages_needed_is_the_least_number_that_adopts() -> None:
    for villages in range(1, 60):
        needed = rules.villages_needed(villages)
        assert rules.commune_adopts(needed, villages)
        assert not rules.commune_adopts(needed - 1, villages)


def test_two_thirds_of_250_households_is_167() -> None:
    assert rules.approvals_needed(Item.INFRASTRUCTURE, 250) == 167
    assert rules.approvals_needed(Item.OTHER, 250) == 126


def test_d61_art7_consents_to_propose_a_convention_are_a_tenth_of_all_households() -> None:
    """D61 Art 7(1)(b): a citizens' proposal for a village convention needs at least 10% of households."""
    assert rules.least_consents_to_propose_convention(250) == 25
    assert rules.convention_proposal_supported(25, 250)
    assert not rules.convention_proposal_supported(24, 250)
    assert not rules.convention_proposal_supported(0, 0)
    for households in range(1, 400):
        least = rules.least_consents_to_propose_convention(households)
        assert least is not None and rules.convention_proposal_supported(least, households)
        assert not rules.convention_proposal_supported(least - 1, households)
