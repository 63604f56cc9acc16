"""The groups of a service blueprint's lanes, and how a column's name tells its group.

A blueprint (Bitner, Ostrom & Morgan, 2008) reads from top to bottom: physical evidence, the
customer's actions, then what the company does in front of the customer (frontstage), out of the
customer's sight (backstage) and in support processes. Three lines separate them: the line of
interaction (customer | frontstage), the line of visibility (frontstage | backstage) and the
line of internal interaction (backstage | support).

The five group ids below, in English, are the API (``Lane(column, group="backstage")``). A lane
with no declared group gets one from its column's name when that name holds one of the
wordings of :data:`WORDINGS` as whole words (any case, accents ignored, ``_`` and ``-`` read as
spaces; the longest wording found wins, so ``backstage actions`` is backstage rather than a
customer's action), or is one of the words of :data:`NAMES` as a whole (``client`` is the
customer's lane, ``pensée client`` is not: it is what the customer thinks). Only text and
channel lanes are grouped by name: a number such as ``customer_share`` or ``support_tickets``
is a measure, not an action of the blueprint (give it a group by hand if it is one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from typing import Any

from ..errors import InvalidArgumentError

#: The groups, top to bottom.
GROUPS: tuple[str, ...] = ("evidence", "customer", "frontstage", "backstage", "support")

#: The lines, each drawn between the groups before it and the group after it
#: (the line's name, the last group above it).
LINES: tuple[tuple[str, str], ...] = (
    ("interaction", "customer"),
    ("visibility", "frontstage"),
    ("internal", "backstage"),
)

#: The lane kinds whose column name can tell a group.
NAMED_KINDS = frozenset({"text", "channel"})

#: Wordings a column's name holds for each group, in English and French.
WORDINGS: dict[str, tuple[str, ...]] = {
    "evidence": (
        "physical evidence",
        "evidence",
        "evidences",
        "props",
        "preuve physique",
        "preuves physiques",
        "preuve",
        "preuves",
        "elements tangibles",
    ),
    "customer": (
        "customer action",
        "customer actions",
        "actions client",
        "action client",
        "actions du client",
    ),
    "frontstage": (
        "frontstage",
        "front stage",
        "front office",
        "onstage",
        "on stage",
        "onstage contact actions",
        "contact actions",
        "visible actions",
        "actions visibles",
        "personnel en contact",
        "customer service",
        "customer support",
        "service client",
    ),
    "backstage": (
        "backstage",
        "back stage",
        "back office",
        "backstage contact actions",
        "invisible actions",
        "actions invisibles",
        "coulisses",
    ),
    "support": (
        "support",
        "support processes",
        "supporting processes",
        "support systems",
        "processus support",
        "processus de support",
        "systemes",
    ),
}

#: Words that name a group only as a column's whole name (inside a longer name they mean
#: something else: ``customer_share``, ``pensée client``).
NAMES: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "customers", "client", "clients", "action", "actions"),
    "frontstage": ("visible",),
    "backstage": ("invisible",),
    "support": ("systems", "system", "systeme"),
}


def _words(text: Any) -> str:
    """Text as wordings are compared: lower case, no accents, punctuation and ``_`` as spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


# Longest first, so the first wording found in a name is the most specific.
_BY_LENGTH = sorted(
    ((_words(w), group) for group, wordings in WORDINGS.items() for w in wordings),
    key=lambda pair: -len(pair[0]),
)


_WHOLE = {_words(w): group for group, names in NAMES.items() for w in names}


def group_of_name(column: Hashable) -> str | None:
    """The group a column's name tells (see the module's docstring), or ``None``."""
    name = _words(column)
    if name in _WHOLE:
        return _WHOLE[name]
    padded = f" {name} "
    return next((group for words, group in _BY_LENGTH if f" {words} " in padded), None)


def check_group(column: Hashable, group: Any) -> str | None:
    """A lane's declared group, checked: one of :data:`GROUPS`, or ``None``."""
    if group is None or (isinstance(group, str) and group in GROUPS):
        return group
    raise InvalidArgumentError(
        f"lane {column!r}: group {group!r} is not one of {', '.join(map(repr, GROUPS))} (or None)"
    )


def infer_group(column: Hashable, kind: str | None, group: str | None) -> str | None:
    """A lane's group: the declared one, else the one its name tells (text and channel lanes)."""
    if group is not None:
        return group
    return group_of_name(column) if kind in NAMED_KINDS else None


def group_rank(group: str | None) -> int:
    """Where a group's lanes go in a blueprint: lanes with no group (the customer's thoughts,
    emotions, pains, KPIs...) first, as the journey above its blueprint, then the five groups
    in :data:`GROUPS` order."""
    return GROUPS.index(group) if group in GROUPS else -1


def blueprint_order(groups: Sequence[str | None]) -> list[int]:
    """The positions of lanes with these groups in blueprint order (stable within a group)."""
    return sorted(range(len(groups)), key=lambda i: group_rank(groups[i]))
