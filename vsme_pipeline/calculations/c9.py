"""C9 Gender diversity ratio in the governance body (para 65, guidance 243-244)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import check
from vsme_pipeline.calculations.formulas import make
from vsme_pipeline.calculations.metric import Metric


def board_gender_diversity_ratio(female: Decimal | None, male: Decimal | None) -> Metric:
    """female members / male members (3 women of 6 members → 3/3 = 1)."""
    key = "c9.board_gender_diversity_ratio"
    inputs = {"female_members": female, "male_members": male}
    if reason := check(inputs, *inputs):
        return make(key, None, inputs, reason=reason)
    assert female is not None and male is not None
    if male == 0:
        return make(key, None, inputs, reason="no male members in the governance body (ratio undefined)")
    return make(key, female / male, inputs)
