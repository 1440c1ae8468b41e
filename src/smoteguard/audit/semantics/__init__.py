"""What library calls do, for the interpreter: scikit-learn, imbalanced-learn,
smoteguard, pandas and numpy.

The names and categories are data in :mod:`smoteguard.audit.catalog`; the mixins
here turn a call of a catalogued name into abstract values (and into the events
the rule checks look at). :class:`~smoteguard.audit.analysis.Analyzer` combines
them with the interpreter.
"""

from .calls import ExternalCalls
from .classes import UserClasses
from .data import DataCalls
from .estimators import EstimatorCalls
from .manual import ConditionSplits, ManualSplits
from .splits import SplitCalls

__all__ = [
    "ConditionSplits",
    "DataCalls",
    "EstimatorCalls",
    "ExternalCalls",
    "ManualSplits",
    "SplitCalls",
    "UserClasses",
]
