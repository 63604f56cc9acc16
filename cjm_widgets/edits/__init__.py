"""Edits of a steps table: state and stable row ids, one function per op, history, document."""

from .document import Document
from .history import History
from .ops import apply
from .state import Edit, Spec, State, carry_ids, new_ids

__all__ = ["Document", "Edit", "History", "Spec", "State", "apply", "carry_ids", "new_ids"]
