"""A retail journey (a stroller bought online), its events, survey answers and feelings."""

from __future__ import annotations

import pandas as pd

STAGES = ["Awareness", "Consideration", "Decision", "Purchase", "Retention"]

# stage, step, action, channel, thought, emotion, pain, gain, opportunity, owner, reach, csat, mot
_PARENT = [
    (
        "Awareness",
        "Sees a friend's post",
        "Scrolls social feed",
        "social",
        "That stroller looks practical",
        1,
        None,
        "Trusted recommendation",
        None,
        "Marketing",
        12000,
        None,
        None,
    ),
    (
        "Awareness",
        "Searches the product",
        "Types the brand name",
        "web",
        "Is it sold near me?",
        0,
        "Ads crowd the results",
        None,
        "Own the search results page",
        "Marketing",
        8400,
        None,
        None,
    ),
    (
        "Consideration",
        "Compares models",
        "Opens three product pages",
        "web\napp",
        "Which one fits in my car?",
        -1,
        "Sizes hidden in a PDF\nNo side-by-side view",
        None,
        "Comparison table with car-boot fit",
        "E-commerce",
        5100,
        3.4,
        "one-off",
    ),
    (
        "Consideration",
        "Reads reviews",
        "Filters reviews by 'parent'",
        "web",
        "Do real parents like it?",
        1,
        None,
        "Photos from buyers",
        None,
        "E-commerce",
        4700,
        4.1,
        None,
    ),
    (
        "Decision",
        "Checks stock in store",
        "Uses store locator",
        "app",
        "I want to try it first",
        -1,
        "Stock shown as 'limited'",
        None,
        "Live stock per store",
        "Stores",
        2600,
        3.1,
        None,
    ),
    (
        "Decision",
        "Tries it in store",
        "Folds and lifts the stroller",
        "store",
        "Easier than I thought",
        2,
        None,
        "Staff demo",
        None,
        "Stores",
        1900,
        4.5,
        "one-off",
    ),
    (
        "Purchase",
        "Pays at the till",
        "Pays by card",
        "store",
        "Queue is long",
        -2,
        "15 minutes in line",
        None,
        "Mobile checkout for staff",
        "Stores",
        1500,
        2.8,
        None,
    ),
    (
        "Purchase",
        "Gets the receipt",
        "Chooses an e-receipt",
        "email",
        "Good, no paper",
        1,
        None,
        "Receipt by email",
        None,
        "IT",
        1500,
        4.0,
        None,
    ),
    (
        "Retention",
        "Registers the warranty",
        "Fills the online form",
        "web",
        "Why ask all this again?",
        -2,
        "Form asks for data we already gave",
        None,
        "Pre-filled warranty from the receipt",
        "Customer service",
        600,
        2.5,
        "cross-journey",
    ),
    (
        "Retention",
        "Gets a care tip",
        "Opens the follow-up email",
        "email",
        "Helpful",
        1,
        None,
        "Useful tips",
        None,
        "CRM",
        450,
        4.2,
        None,
    ),
]

_BARGAIN = [
    (
        "Awareness",
        "Sees a price drop alert",
        "Gets a deal-site notification",
        "app",
        "Is this the lowest price?",
        1,
        None,
        "Alert at the right time",
        None,
        "Marketing",
        9000,
        None,
        None,
    ),
    (
        "Consideration",
        "Compares prices",
        "Checks three sites",
        "web",
        "Shipping adds up",
        -1,
        "Shipping costs shown late",
        None,
        "Show delivery cost upfront",
        "E-commerce",
        6200,
        3.0,
        "one-off",
    ),
    (
        "Consideration",
        "Looks for a coupon",
        "Searches coupon codes",
        "web",
        "There must be a code",
        -1,
        "Expired codes",
        None,
        "Loyalty code on sign-up",
        "CRM",
        3900,
        2.9,
        None,
    ),
    (
        "Decision",
        "Asks chat about delivery",
        "Opens live chat",
        "chat",
        "Will it arrive by Friday?",
        0,
        "Bot cannot answer dates",
        "Quick reply",
        "Delivery date in chat",
        "Customer service",
        1200,
        3.3,
        None,
    ),
    (
        "Purchase",
        "Checks out online",
        "Pays with a wallet",
        "web",
        "Fast",
        2,
        None,
        "One-click pay",
        None,
        "E-commerce",
        1800,
        4.6,
        None,
    ),
    (
        "Purchase",
        "Tracks the parcel",
        "Follows the tracking link",
        "email\napp",
        "Where is it?",
        -1,
        "Tracking stuck for 2 days",
        None,
        "Proactive delay message",
        "Logistics",
        1750,
        2.7,
        "cross-journey",
    ),
    (
        "Retention",
        "Leaves a review",
        "Rates 4 stars",
        "web",
        "Good value",
        1,
        None,
        "Review reward points",
        None,
        "CRM",
        700,
        4.0,
        None,
    ),
]

_COLUMNS = [
    "stage",
    "step",
    "action",
    "channel",
    "thought",
    "emotion",
    "pain",
    "gain",
    "opportunity",
    "owner",
    "reach",
    "csat",
    "moment_of_truth",
]


def retail_journey() -> pd.DataFrame:
    """A retail journey for two personas, with every lane kind filled in.

    One row per step and persona: stage, step, action, channel, thought, emotion
    (−3…+3), pain, gain, opportunity, owner, reach (customers), csat (1–5) and
    moment_of_truth (``one-off`` or ``cross-journey``).
    """
    rows = [("Busy parent", *row) for row in _PARENT] + [
        ("Bargain hunter", *row) for row in _BARGAIN
    ]
    frame = pd.DataFrame(rows, columns=["persona", *_COLUMNS])
    frame["stage"] = pd.Categorical(frame["stage"], categories=STAGES, ordered=True)
    frame["emotion"] = frame["emotion"].astype("int64")
    frame["csat"] = frame["csat"].astype("float64")
    return frame


def retail_events(customers: int = 2000, seed: int = 7) -> pd.DataFrame:
    """A synthetic event log for the busy parent's journey in :func:`retail_journey`.

    Columns ``customer_id``, ``session_id``, ``step``, ``channel`` and ``timestamp``: each
    customer walks the steps in order and may leave at any of them, more often where the
    template has a pain point; a second session starts after the store visit.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    steps = [row[1] for row in _PARENT]
    channels = [row[3].split("\n")[0] for row in _PARENT]
    stay = np.array([0.92 if row[6] is None else 0.75 for row in _PARENT])
    rows = []
    start = pd.Timestamp("2026-03-02 08:00")
    for c in range(customers):
        t = start + pd.Timedelta(minutes=float(rng.integers(0, 60 * 24 * 28)))
        session = 1
        for k, (name, channel) in enumerate(zip(steps, channels, strict=True)):
            if k and rng.random() > stay[k]:
                break
            if name == "Pays at the till":
                session = 2
                t += pd.Timedelta(hours=float(rng.uniform(20, 72)))
            rows.append((f"c{c:05d}", f"c{c:05d}-s{session}", name, channel, t))
            t += pd.Timedelta(seconds=float(rng.gamma(2.0, 90.0 if k < 6 else 600.0)))
    return pd.DataFrame(rows, columns=["customer_id", "session_id", "step", "channel", "timestamp"])


def retail_survey(answers: int = 900, seed: int = 11) -> pd.DataFrame:
    """Synthetic CSAT answers (1–5) for some steps of the busy parent's journey."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rated = [row for row in _PARENT if row[11] is not None]
    weights = np.linspace(3, 1, len(rated))
    picks = rng.choice(len(rated), size=answers, p=weights / weights.sum())
    scores = [int(np.clip(round(rng.normal(rated[i][11], 0.9)), 1, 5)) for i in picks]
    return pd.DataFrame({"step": [rated[i][1] for i in picks], "score": scores})


# What customers said they felt, where it differs from the team's guess in retail_journey().
_FELT = {
    ("Busy parent", "Compares models"): -2.0,
    ("Busy parent", "Reads reviews"): 1.2,
    ("Busy parent", "Checks stock in store"): -1.6,
    ("Busy parent", "Tries it in store"): 2.2,
    ("Busy parent", "Pays at the till"): -0.4,
    ("Bargain hunter", "Compares prices"): 0.6,
    ("Bargain hunter", "Looks for a coupon"): -2.1,
    ("Bargain hunter", "Checks out online"): 0.8,
}


def retail_feelings(per_step: int = 60, seed: int = 5) -> pd.DataFrame:
    """Synthetic answers to "how did you feel at this step?" on the −3…+3 scale.

    Columns ``persona``, ``step`` and ``score``; some steps of each persona in
    :func:`retail_journey` are asked about, with fewer answers late in the journey.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    rows: list[tuple[str, str, int]] = []
    for k, ((persona, step), felt) in enumerate(_FELT.items()):
        count = max(8, int(per_step * (1 - 0.12 * (k % 5))))
        scores = np.clip(np.round(rng.normal(felt, 1.1, count)), -3, 3).astype(int)
        rows.extend((persona, step, int(s)) for s in scores)
    return pd.DataFrame(rows, columns=["persona", "step", "score"])


# How much each step of the busy parent's journey weighs on the overall rating, and how
# important customers say it is (1–5): the drivers a key-driver analysis should find.
_WEIGHT = {
    "Sees a friend's post": 0.05,
    "Searches the product": 0.15,
    "Compares models": 0.60,
    "Reads reviews": 0.10,
    "Checks stock in store": 0.45,
    "Tries it in store": 0.30,
    "Pays at the till": 0.25,
    "Gets the receipt": 0.0,
    "Registers the warranty": 0.20,
    "Gets a care tip": 0.05,
}


def retail_driver_survey(respondents: int = 800, seed: int = 13) -> pd.DataFrame:
    """Synthetic relationship-survey answers for the busy parent's journey, in long form.

    One row per respondent and step: ``respondent``, ``step``, ``satisfaction`` (1–5, "how
    satisfied were you with this step?", missing for about 4 % of answers), ``importance``
    (1–5, "how important is this step to you?") and ``overall`` (0–10, the respondent's
    overall satisfaction, the same on each of their rows). The overall rating depends on
    some steps more than others, so a key-driver analysis has drivers to find.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    steps = [row[1] for row in _PARENT]
    weights = np.array([_WEIGHT[s] for s in steps])
    # Satisfaction per step shares a common mood, so drivers correlate as in real surveys.
    mood = rng.normal(0, 0.4, (respondents, 1))
    base = np.array([3.2 if row[6] is not None else 3.9 for row in _PARENT])
    sat = np.clip(np.round(base + mood + rng.normal(0, 0.9, (respondents, len(steps)))), 1, 5)
    overall = np.clip(
        np.round(0.9 * (sat - 3) @ weights + 6.5 + rng.normal(0, 1.0, respondents)), 0, 10
    )
    stated = np.clip(np.round(2.5 + 5 * weights + rng.normal(0, 0.8, sat.shape)), 1, 5)
    missing = rng.random(sat.shape) < 0.04
    frame = pd.DataFrame(
        {
            "respondent": np.repeat([f"r{i:04d}" for i in range(respondents)], len(steps)),
            "step": np.tile(steps, respondents),
            "satisfaction": np.where(missing, np.nan, sat).ravel(),
            "importance": stated.ravel().astype("int64"),
            "overall": np.repeat(overall, len(steps)),
        }
    )
    return frame
