"""The stable codes of ``smoteguard audit``'s rules, as constants.

Every other module names a rule through these constants, never a bare string, so
a code is spelt in one place. The documentation of each rule lives beside its
check in ``rules/sgNNN.py``.
"""

from __future__ import annotations

SG000 = "SG000"  # the file could not be audited
SG101 = "SG101"  # resampling before the split
SG102 = "SG102"  # resampling of test data
SG103 = "SG103"  # a sampler in scikit-learn's Pipeline
SG104 = "SG104"  # hyperparameters tuned on rows later used as the test set
SG105 = "SG105"  # test rows in the data a model is fitted on
SG106 = "SG106"  # several models scored on one test set, the best one chosen
SG201 = "SG201"  # scaler fitted before the split
SG202 = "SG202"  # imputer fitted before the split
SG203 = "SG203"  # supervised feature selection before the split
SG204 = "SG204"  # target encoding before the split
SG205 = "SG205"  # decomposition or vectoriser fitted before the split
SG301 = "SG301"  # train_test_split without stratify
SG302 = "SG302"  # KFold for classification
SG401 = "SG401"  # accuracy only
