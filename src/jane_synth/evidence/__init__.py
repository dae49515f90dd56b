"""Evidence selection: which sentences answer a question, with a calibrated probability.

Public API: :class:`EvidenceSelector` (``select``, ``candidates``, ``score``),
:class:`EvidenceModel` and :func:`load_model` (the shipped model), :func:`not_evidence_reason`.
"""

from .boilerplate import not_evidence_reason
from .model import EvidenceModel, load_model
from .selector import Candidates, EvidenceSelector, ScoredSentence, SentenceVectors
from .sentences import Sentence, is_standalone_statement, split_passage

__all__ = [
    "Candidates",
    "EvidenceModel",
    "EvidenceSelector",
    "ScoredSentence",
    "Sentence",
    "SentenceVectors",
    "is_standalone_statement",
    "load_model",
    "not_evidence_reason",
    "split_passage",
]
