"""C9 Gender diversity ratio in the governance body (para 65, guidance 243-244)."""

from decimal import Decimal

from vsme_pipeline.calculations._common import ratio
from vsme_pipeline.calculations.metric import Metric


def board_gender_diversity_ratio(female: Decimal | None, male: Decimal | None) -> Metric:
    """female members / male members (3 women of 6 members → 3/3 = 1)."""
    return ratio("c9.board_gender_diversity_ratio", {"female_members": female, "male_members": male},
                 "female_members", "male_members", "no male members in the governance body (ratio undefined)")
