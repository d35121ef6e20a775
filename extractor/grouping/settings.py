"""Settings of event grouping: one object passed to every step (``GroupSettings``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupSettings:
    """What the grouping compares and how much it may hold in memory.

    ``max_records`` bounds memory: a run with more records spills compact sketches to disk, by
    province, and groups one partition at a time (a partition bigger than this is cut into time
    slices of ``slice_days`` that overlap by a day). ``max_block`` skips blocking keys shared by
    more records than that (a governor's name over a year), leaving those pairs to the text index.
    """

    num_perm: int = 64            # MinHash permutations
    shingle: int = 2              # words per shingle
    lsh_threshold: float = 0.2    # Jaccard the LSH index is tuned to find
    max_text_words: int = 1500    # words of a text that are shingled
    threshold: float = 3.5        # a pair with at least this score is the same event
    near_duplicate: float = 0.5   # estimated Jaccard at which text alone joins two records
    date_window: int = 1          # days two event dates may differ
    published_window: int = 7     # days after the event a release may appear
    max_block: int = 200
    max_records: int = 100_000
    slice_days: int = 60
    use_source_path: bool = True  # read the text at source.path for the text signal

    def __post_init__(self) -> None:
        for name in ("num_perm", "shingle", "max_text_words", "max_block", "max_records", "slice_days"):
            if getattr(self, name) < 1:
                raise ValueError(f"GroupSettings.{name} must be at least 1, not {getattr(self, name)}")
        if not 0 < self.lsh_threshold < 1:
            raise ValueError(f"GroupSettings.lsh_threshold must be between 0 and 1, not {self.lsh_threshold}")
