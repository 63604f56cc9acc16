"""Method checks: what a journey map still lacks, as the field's guides teach the method.

``check(m)`` reads a :class:`~cjm_widgets.JourneyMap`, an :class:`~cjm_widgets.EmotionCurve`
or a steps table and returns its findings as a DataFrame: one row per thing to fix, in
English or French. The rules and their severities are listed in :data:`RULES`; each message
exists in both languages (:data:`MESSAGES`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from .errors import CJMError, InvalidArgumentError
from .table.frames import to_pandas
from .table.lanes.display import channel_items
from .table.lanes.moment import moment_or_text
from .table.ranking import text_columns
from .table.schema import (
    Lane,
    Roles,
    check_frame,
    check_roles,
    check_scale,
    plain,
    resolve_lanes,
    stage_order,
)
from .table.values import is_missing
from .words import language

COLUMNS = ("severity", "rule", "persona", "stage", "step", "message")
SEVERITIES = ("error", "warning", "info")

#: Every rule id with its severity (``emotion_without_evidence`` is a warning per step of a
#: curve with evidence, an info finding for emotions that no evidence backs at all).
RULES: dict[str, str] = {
    "no_persona": "error",
    "too_coarse": "error",
    "no_moment_of_truth": "error",
    "single_step_stage": "warning",
    "no_numbers": "warning",
    "step_without_number": "info",
    "no_emotion": "warning",
    "emotion_without_evidence": "warning",
    "pain_without_owner": "warning",
    "company_side_label": "warning",
    "unused_channel": "info",
}

#: Fewer steps than this make a map too coarse to act on (the guides: 6–7 steps is too few).
MIN_STEPS = 12

#: Step labels written from the company's side (its processes), English. Matched on whole
#: words after :func:`normalize` (case, accents and punctuation do not count), anywhere in
#: the label: "Process order #12" is flagged, "Pays online" is not.
COMPANY_SIDE_EN: tuple[str, ...] = (
    "process order",
    "process the order",
    "order processing",
    "process application",
    "ship order",
    "ship the order",
    "dispatch order",
    "fulfil order",
    "fulfill order",
    "order fulfilment",
    "order fulfillment",
    "approve",
    "approval",
    "internal review",
    "internal validation",
    "validate application",
    "onboard the customer",
    "onboard customer",
    "customer onboarding",
    "qualify lead",
    "qualify the lead",
    "lead qualification",
    "lead scoring",
    "nurture lead",
    "convert lead",
    "upsell",
    "cross sell",
    "invoice customer",
    "invoice the customer",
    "collect payment",
    "assign ticket",
    "close ticket",
    "escalate ticket",
    "update crm",
    "back office",
)

#: The same, French (written with accents; compared without them).
COMPANY_SIDE_FR: tuple[str, ...] = (
    "traitement du dossier",
    "traitement de la commande",
    "traitement de la demande",
    "traiter la commande",
    "traiter le dossier",
    "instruction du dossier",
    "validation interne",
    "validation du dossier",
    "contrôle interne",
    "expédition de la commande",
    "expédier la commande",
    "préparation de la commande",
    "onboarding client",
    "onboarding du client",
    "intégration du client",
    "qualification du lead",
    "qualification du prospect",
    "qualifier le lead",
    "relance client",
    "relancer le client",
    "facturation",
    "facturer le client",
    "encaissement",
    "saisie de la commande",
    "affectation du ticket",
    "clôture du ticket",
    "clôture du dossier",
    "mise à jour du crm",
    "vente additionnelle",
    "back office",
)

#: Customer-side verbs and phrases, English: a company-side wording that follows one of them
#: in the same clause is what the customer waits for, receives or looks at, so it is not
#: flagged ("Wait for approval", "Get the order processing status"; "Approve application"
#: still is). Matched as :data:`COMPANY_SIDE_EN` is, anywhere before the wording; a clause
#: ends at a word of :data:`CLAUSE_BREAKS` ("Check the file and approve it" is flagged).
CUSTOMER_SIDE_EN: tuple[str, ...] = (
    "wait for",
    "waits for",
    "waiting for",
    "await",
    "awaits",
    "receive",
    "receives",
    "get",
    "gets",
    "track",
    "tracks",
    "see",
    "sees",
    "read",
    "reads",
    "consult",
    "consults",
    "view",
    "views",
    "ask for",
    "asks for",
)

#: The same, French: infinitives, the present tense and the nouns that name them
#: ("Attendre la validation du dossier", "Suivi de la commande").
CUSTOMER_SIDE_FR: tuple[str, ...] = (
    "attendre",
    "attend",
    "attente",
    "recevoir",
    "reçoit",
    "réception",
    "obtenir",
    "obtient",
    "suivre",
    "suit",
    "suivi",
    "consulter",
    "consulte",
    "consultation",
    "voir",
    "voit",
    "lire",
    "lit",
    "vérifier",
    "vérifie",
    "demander",
)

#: Words that end a clause, as punctuation does: a customer-side verb reaches no further
#: ("Vérifier les pièces puis validation du dossier" is flagged). "check" and "demande" are
#: not listed: as nouns they name the company's work ("Credit check approval").
CLAUSE_BREAKS: tuple[str, ...] = ("and", "then", "before", "after", "et", "puis", "avant", "après")

#: Each message in English and French, keyed by rule id (``rule.variant`` for a rule with
#: two cases). Templates take their values with :meth:`str.format`, so text from the table
#: is inserted as is, never read as a template.
MESSAGES: dict[str, dict[str, str]] = {
    "no_persona": {
        "en": "No persona column: make one map per persona (pass persona=...), never for "
        "the average customer.",
        "fr": "Pas de colonne de persona : faites une carte par persona (persona=...), jamais "
        "pour le client moyen.",
    },
    "too_coarse": {
        "en": "Only {n} steps: a useful map usually has 12 or more; split the broadest steps.",
        "fr": "Seulement {n} étapes : une carte utile en compte en général 12 ou plus ; "
        "découpez les étapes les plus larges.",
    },
    "no_moment_of_truth": {
        "en": "No moment of truth among the {n} steps: mark the steps that decide the journey.",
        "fr": "Aucun moment de vérité parmi les {n} étapes : marquez les étapes qui décident "
        "du parcours.",
    },
    "too_coarse.one": {
        "en": "Only one step: a useful map usually has 12 or more; split it into the steps "
        "the customer goes through.",
        "fr": "Une seule étape : une carte utile en compte en général 12 ou plus ; découpez-la "
        "en étapes que le client traverse.",
    },
    "no_moment_of_truth.one": {
        "en": "No moment of truth on the only step: mark it if it decides the journey.",
        "fr": "Aucun moment de vérité sur l’unique étape : marquez-la si elle décide du parcours.",
    },
    "no_moment_of_truth.lane": {
        "en": "No moment-of-truth lane: add one (e.g. a moment_of_truth column) and mark the "
        "steps that decide the journey.",
        "fr": "Pas de ligne de moments de vérité : ajoutez-en une (par exemple une colonne "
        "moment_de_vérité) et marquez les étapes qui décident du parcours.",
    },
    "single_step_stage": {
        "en": "Stage “{stage}” has only one step (“{step}”): list the touchpoints inside it.",
        "fr": "La phase « {stage} » n’a qu’une étape (« {step} ») : listez les points de "
        "contact qu’elle contient.",
    },
    "no_numbers": {
        "en": "No number lane: a journey without numbers has no value; add a KPI per step "
        "(visits, drop-off, CSAT…).",
        "fr": "Aucune ligne chiffrée : un parcours sans chiffres n’a pas de valeur ; ajoutez un "
        "indicateur par étape (visites, abandons, satisfaction…).",
    },
    "step_without_number": {
        "en": "Step “{step}” has no number (0 of {n} number lanes filled): measure it.",
        "fr": "L’étape « {step} » n’a aucun chiffre (0 ligne chiffrée remplie sur {n}) : "
        "mesurez-la.",
    },
    "step_without_number.one": {
        "en": "Step “{step}” has no number (its number lane is empty): measure it.",
        "fr": "L’étape « {step} » n’a aucun chiffre (sa ligne chiffrée est vide) : mesurez-la.",
    },
    "no_emotion": {
        "en": "No emotion lane: add an emotion column to show how the customer feels at each step.",
        "fr": "Pas de ligne d’émotion : ajoutez une colonne d’émotion pour montrer ce que "
        "ressent le client à chaque étape.",
    },
    "no_emotion.values": {
        "en": "No emotion on any of the {n} steps: score how the customer feels at each step.",
        "fr": "Aucune émotion sur les {n} étapes : notez ce que ressent le client à chaque étape.",
    },
    "no_emotion.values.one": {
        "en": "No emotion on the only step: score how the customer feels there.",
        "fr": "Aucune émotion sur l’unique étape : notez ce que ressent le client.",
    },
    "emotion_without_evidence": {
        "en": "Step “{step}” has an emotion ({value}) but no evidence: back it with survey "
        "answers or mark it as assumed.",
        "fr": "L’étape « {step} » a une émotion ({value}) mais aucune preuve : appuyez-la sur "
        "des réponses d’enquête ou dites qu’elle est supposée.",
    },
    "emotion_without_evidence.assumed": {
        "en": "The {n} emotions are assumed: no evidence backs them; measure them "
        "(EmotionCurve(evidence=...)).",
        "fr": "Les {n} émotions sont supposées : aucune preuve ne les appuie ; mesurez-les "
        "(EmotionCurve(evidence=...)).",
    },
    "emotion_without_evidence.assumed.one": {
        "en": "The one emotion is assumed: no evidence backs it; measure it "
        "(EmotionCurve(evidence=...)).",
        "fr": "L’unique émotion est supposée : aucune preuve ne l’appuie ; mesurez-la "
        "(EmotionCurve(evidence=...)).",
    },
    "pain_without_owner": {
        "en": "Step “{step}” has a pain (“{pain}”) but neither an owner nor an opportunity: "
        "say who acts on it.",
        "fr": "L’étape « {step} » a un irritant (« {pain} ») mais ni responsable ni "
        "opportunité : dites qui s’en charge.",
    },
    "company_side_label": {
        "en": "Step “{step}” is written from the company’s side (“{words}”): what does the "
        "customer do or feel here?",
        "fr": "L’étape « {step} » est écrite du côté de l’entreprise (« {words} ») : que fait "
        "ou ressent le client ici ?",
    },
    "unused_channel": {
        "en": "{n} channels of lane “{lane}” are used by no step: {channels}.",
        "fr": "{n} canaux de la ligne « {lane} » ne sont utilisés par aucune étape : {channels}.",
    },
    "unused_channel.one": {
        "en": "One channel of lane “{lane}” is used by no step: {channels}.",
        "fr": "Un canal de la ligne « {lane} » n’est utilisé par aucune étape : {channels}.",
    },
}

_ROLE_ARGUMENTS = ("stage", "step", "lanes", "emotion", "persona", "scale")
# Long labels are cut in messages; the full label is in the finding's step column.
_SHOWN = 80


def normalize(text: Any) -> str:
    """Text as the word lists compare it: lower case, no accents, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def _phrases(*lists: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Listed phrases as the labels are compared: normalised words, each phrase once."""
    return tuple(dict.fromkeys(tuple(normalize(p).split()) for words in lists for p in words))


_COMPANY_SIDE = _phrases(COMPANY_SIDE_EN, COMPANY_SIDE_FR)
_CUSTOMER_SIDE = _phrases(CUSTOMER_SIDE_EN, CUSTOMER_SIDE_FR)
_BREAKS = frozenset(normalize(w) for w in CLAUSE_BREAKS)


def _starts(words: list[str], phrase: tuple[str, ...]) -> list[int]:
    """Where ``phrase`` begins among ``words`` (as whole words)."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == phrase]


def _clauses(words: list[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for word in words:
        if word in _BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(word)
    return clauses


def _customer_side_before(clause: list[str], at: int) -> bool:
    """Whether a customer-side phrase ends before word ``at`` of the clause."""
    return any(i + len(p) <= at for p in _CUSTOMER_SIDE for i in _starts(clause, p))


def company_side_words(label: Any) -> str | None:
    """The first listed company-side wording a step label holds (as whole words) and that
    no customer-side verb of its clause comes before, if any."""
    # Punctuation ends a clause too ("Check documents, approve loan"): split before it goes.
    parts = re.split(r"[,;:/\u2013\u2014]", str(label))
    clauses = [clause for part in parts for clause in _clauses(normalize(part).split())]
    for phrase in _COMPANY_SIDE:
        for clause in clauses:
            if any(not _customer_side_before(clause, at) for at in _starts(clause, phrase)):
                return " ".join(phrase)
    return None


def check(m_or_df: Any, *, lang: str | None = None, **roles: Any) -> pd.DataFrame:
    """What a journey map still lacks, one row per finding.

    Parameters
    ----------
    m_or_df
        A :class:`~cjm_widgets.JourneyMap`, an :class:`~cjm_widgets.EmotionCurve`, or a steps
        table (then ``stage=``, ``step=``, ``lanes=``, ``emotion=``, ``persona=`` and
        ``scale=`` are read as :class:`~cjm_widgets.JourneyMap` reads them).
    lang
        The messages' language, ``"en"`` or ``"fr"`` (or a tag such as ``"fr-FR"``); by
        default a widget's own ``lang``, else English.
    **roles
        For a table only: the role arguments of :class:`~cjm_widgets.JourneyMap`.

    Returns
    -------
    pandas.DataFrame
        Columns ``severity`` (error, warning, info), ``rule`` (an id of :data:`RULES`),
        ``persona``, ``stage``, ``step`` (``None`` for a finding about the whole map or a
        whole persona) and ``message``. Errors come first, then the rest in map order
        (persona, stage, step); empty, with these columns, when nothing is missing.

    Raises
    ------
    InvalidArgumentError
        For an unknown ``lang``, a role argument given with a widget, or an unknown argument.
    """
    return _findings(m_or_df, lang, roles).table()


def located(m_or_df: Any, lang: str = "en") -> tuple[pd.DataFrame, list[int | None]]:
    """:func:`check`'s findings and, for each, the position of its step's row in the table
    (``None`` for a finding about the whole map or a persona): what a view needs to select
    the step a finding names."""
    found = _findings(m_or_df, lang, {})
    return found.table(), found.positions()


def _findings(m_or_df: Any, lang: str | None, roles: dict[str, Any]) -> _Findings:
    from .widgets.base import Described

    chosen = language(lang)
    if chosen is None and isinstance(m_or_df, Described):
        chosen = m_or_df.lang
    lang = chosen or "en"
    frame, spec_roles, lanes, moments, measured = _read(m_or_df, roles)
    found = _Findings(frame, spec_roles, lang)
    _run_rules(found, frame, spec_roles, lanes, moments, measured)
    return found


# -- reading the input ----------------------------------------------------------------


def _read(
    m_or_df: Any, roles: dict[str, Any]
) -> tuple[pd.DataFrame, Roles, list[Lane], list[Hashable], np.ndarray | None]:
    """The table, its roles, its lanes, its moment columns and, for a curve with evidence,
    whether evidence backs each row."""
    from .widgets import EmotionCurve, JourneyMap

    unknown = [name for name in roles if name not in _ROLE_ARGUMENTS]
    if unknown:
        raise InvalidArgumentError(
            f"check() takes no argument {unknown[0]!r}; its role arguments are "
            f"{', '.join(_ROLE_ARGUMENTS)}"
        )
    if isinstance(m_or_df, (JourneyMap, EmotionCurve)):
        if roles:
            raise InvalidArgumentError(
                f"{next(iter(roles))}= is for a table; a {type(m_or_df).__name__} has its roles"
            )
        frame = m_or_df.data
        spec = m_or_df._spec
        if isinstance(m_or_df, JourneyMap):
            lanes = list(spec.lanes)
            return frame, spec.roles, lanes, _moment_columns(lanes), None
        return _read_curve(m_or_df, frame)
    frame = to_pandas(m_or_df)
    declared = Roles(
        roles.get("stage", "stage"),
        roles.get("step", "step"),
        roles.get("emotion", "emotion"),
        roles.get("persona"),
        check_scale(roles.get("scale", (-3, 3))),
    )
    # As JourneyMap reads a table: the same roles, checks and lane kinds.
    found = check_roles(frame, declared, emotion_explicit=declared.emotion != "emotion")
    check_frame(frame, found)
    lanes = resolve_lanes(frame, found, roles.get("lanes"))
    return frame, found, lanes, _moment_columns(lanes), None


def _read_curve(
    curve: Any, frame: pd.DataFrame
) -> tuple[pd.DataFrame, Roles, list[Lane], list[Hashable], np.ndarray | None]:
    spec = curve._curve_spec
    roles = spec.roles
    evidence_columns = set()
    if spec.evidence is not None and spec.evidence.columns is not None:
        evidence_columns = set(spec.evidence.columns.values())
    # The curve draws few columns; the others are read as a map would read them, so a
    # curve's KPI columns count as numbers (its evidence columns do not: they are emotion).
    rest = [c for c in frame.columns if c not in roles.structural and c not in evidence_columns]
    try:
        lanes = resolve_lanes(frame, roles, rest)
    except CJMError:
        lanes = list(spec.lanes)
    moments = _moment_columns(lanes)
    if spec.moment is not None and spec.moment not in moments:
        moments.append(spec.moment)
    measured = None
    if spec.evidence is not None:
        counts = spec.evidence.per_row(frame, roles)["n"]
        measured = np.nan_to_num(counts, nan=0.0) > 0
    return frame, roles, lanes, moments, measured


def _moment_columns(lanes: Iterable[Lane]) -> list[Hashable]:
    return [lane.column for lane in lanes if lane.kind == "moment"]


# -- findings -------------------------------------------------------------------------


# Bidi controls: a label holding one (U+202E...) would reverse the rest of the message.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(value: Any) -> str:
    """A label as a message quotes it: on one line, cut when long; a label with bidi controls
    is isolated (FSI … PDI), so its direction stops where the label does."""
    text = " ".join(str(plain(value)).split())
    text = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    return f"\u2068{text}\u2069" if _BIDI.search(text) else text


def _blank(value: Any) -> bool:
    return is_missing(value) or (isinstance(value, str) and value.strip() == "")


class _Findings:
    """Findings as they are found, each with its place in the map for sorting."""

    def __init__(self, frame: pd.DataFrame, roles: Roles, lang: str) -> None:
        self.frame = frame
        self.lang = lang
        self.roles = roles
        stages = {stage: i for i, stage in enumerate(stage_order(frame, roles))}
        self.stage_rank = [stages.get(s, len(stages)) for s in frame[roles.stage].tolist()]
        personas = (
            pd.factorize(frame[roles.persona])[0]
            if roles.persona is not None
            else np.zeros(len(frame), dtype=np.int64)
        )
        self.persona_rank = personas.tolist()
        self.rows: list[tuple[tuple[Any, ...], dict[str, Any], int | None]] = []

    def add(
        self,
        rule: str,
        *,
        row: int | None = None,
        persona: Any = None,
        persona_rank: int = -1,
        key: str | None = None,
        severity: str | None = None,
        **values: Any,
    ) -> None:
        level = severity or RULES[rule]
        # A count of one has a message of its own ("Only one step", not "Only 1 steps").
        name = key or rule
        if values.get("n") == 1 and f"{name}.one" in MESSAGES:
            name = f"{name}.one"
        template = MESSAGES[name][self.lang]
        finding = {
            "severity": level,
            "rule": rule,
            "persona": persona,
            "stage": None,
            "step": None,
            # Values go in as arguments, so braces or % in a label are never read as a template.
            "message": template.format(**{k: _shown(v) for k, v in values.items()}),
        }
        place: tuple[int, ...] = (persona_rank, -1, -1)
        if row is not None:
            place = (self.persona_rank[row], self.stage_rank[row], row)
            finding["persona"] = self._cell(row, self.roles.persona)
            finding["stage"] = self._cell(row, self.roles.stage)
            finding["step"] = self._cell(row, self.roles.step)
        # Errors first (what the map must have), then everything else where it sits in the map.
        order = (
            level != "error",
            *place,
            SEVERITIES.index(level),
            list(RULES).index(rule),
        )
        self.rows.append((order, finding, row))

    def _cell(self, row: int, column: Hashable | None) -> Any:
        if column is None:
            return None
        return plain(self.frame[column].iloc[row])

    def _ordered(self) -> list[tuple[tuple[Any, ...], dict[str, Any], int | None]]:
        return sorted(self.rows, key=lambda item: item[0])

    def positions(self) -> list[int | None]:
        """Each finding's row position, in the table's order."""
        return [row for _, _, row in self._ordered()]

    def table(self) -> pd.DataFrame:
        ordered = [finding for _, finding, _ in self._ordered()]
        if not ordered:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
        return pd.DataFrame(ordered, columns=list(COLUMNS), dtype=object)


def _groups(frame: pd.DataFrame, roles: Roles) -> list[tuple[Any, int, np.ndarray]]:
    """Each persona (``None`` without personas), its rank and its rows' positions."""
    if roles.persona is None:
        return [(None, -1, np.arange(len(frame)))]
    codes, uniques = pd.factorize(frame[roles.persona])
    return [(plain(p), i, np.flatnonzero(codes == i)) for i, p in enumerate(uniques)]


def _run_rules(
    found: _Findings,
    frame: pd.DataFrame,
    roles: Roles,
    lanes: list[Lane],
    moments: list[Hashable],
    measured: np.ndarray | None,
) -> None:
    groups = _groups(frame, roles)
    if roles.persona is None:
        found.add("no_persona")

    for persona, rank, rows in groups:
        if len(rows) < MIN_STEPS:
            found.add("too_coarse", persona=persona, persona_rank=rank, n=len(rows))
        stages = frame[roles.stage].iloc[rows].tolist()
        counts: dict[Any, list[int]] = {}
        for position, stage in zip(rows.tolist(), stages, strict=True):
            counts.setdefault(stage, []).append(position)
        for stage, positions in counts.items():
            if len(positions) == 1:
                step = frame[roles.step].iloc[positions[0]]
                found.add("single_step_stage", row=positions[0], stage=stage, step=step)

    if not moments:
        found.add("no_moment_of_truth", key="no_moment_of_truth.lane")
    else:
        marked = np.zeros(len(frame), dtype=bool)
        for column in moments:
            marked |= np.array([moment_or_text(v) is not None for v in frame[column].tolist()])
        for persona, rank, rows in groups:
            if not marked[rows].any():
                found.add("no_moment_of_truth", persona=persona, persona_rank=rank, n=len(rows))

    numbers = [lane.column for lane in lanes if lane.kind == "number"]
    if not numbers:
        found.add("no_numbers")
    else:
        empty = frame[numbers].isna().all(axis=1).to_numpy()
        for row in np.flatnonzero(empty).tolist():
            found.add(
                "step_without_number", row=row, step=frame[roles.step].iloc[row], n=len(numbers)
            )

    _emotions(found, frame, roles, groups, measured)
    _pains(found, frame, roles)

    for row, label in enumerate(frame[roles.step].tolist()):
        words = company_side_words(label)
        if words is not None:
            found.add("company_side_label", row=row, step=label, words=words)

    for lane in lanes:
        if lane.kind != "channel":
            continue
        series = frame[lane.column]
        if not isinstance(series.dtype, pd.CategoricalDtype):
            continue
        used = {item for v in series.dropna().tolist() for item in channel_items(v)}
        used |= set(series.dropna().tolist())
        unused = [c for c in series.cat.categories if c not in used]
        if unused:
            shown = ", ".join(_shown(c) for c in unused)
            found.add(
                "unused_channel",
                lane=lane.label or lane.column,
                n=len(unused),
                channels=shown,
            )


def _emotions(
    found: _Findings,
    frame: pd.DataFrame,
    roles: Roles,
    groups: list[tuple[Any, int, np.ndarray]],
    measured: np.ndarray | None,
) -> None:
    if roles.emotion is None:
        found.add("no_emotion")
        return
    values = frame[roles.emotion]
    scored = values.notna().to_numpy()
    for persona, rank, rows in groups:
        if not scored[rows].any():
            found.add(
                "no_emotion",
                key="no_emotion.values",
                persona=persona,
                persona_rank=rank,
                n=len(rows),
            )
    if not scored.any():
        return
    if measured is None or not measured.any():
        found.add(
            "emotion_without_evidence",
            key="emotion_without_evidence.assumed",
            severity="info",
            n=int(scored.sum()),
        )
        return
    for row in np.flatnonzero(scored & ~measured).tolist():
        found.add(
            "emotion_without_evidence",
            row=row,
            step=frame[roles.step].iloc[row],
            value=f"{float(values.iloc[row]):g}",
        )


def _pains(found: _Findings, frame: pd.DataFrame, roles: Roles) -> None:
    columns = text_columns(frame, roles)
    pain = columns.get("pain")
    if pain is None:
        return
    others = [columns[r] for r in ("owner", "opportunity") if r in columns]
    for row, value in enumerate(frame[pain].tolist()):
        if _blank(value) or any(not _blank(frame[c].iloc[row]) for c in others):
            continue
        found.add("pain_without_owner", row=row, step=frame[roles.step].iloc[row], pain=value)
