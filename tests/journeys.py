"""Journeys a new user would bring: French text, 30+ steps, two personas, and payloads."""

from __future__ import annotations

import pandas as pd

#: Hostile text for every field: markup and script, what ends a <script> or <style>, Mermaid
#: syntax, names of Object.prototype members, entities, comments and a line break.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    "</script><script>window.__pwned = 1</script>",
    "</style><b>bold</b>",
    'a: b; c #35; %%{init: {"theme":"dark"}}%%',
    "constructor",
    "__proto__",
    '"\'><svg onload="window.__pwned = 1">',
    "a & b &amp; &lt; <!-- x -->",
    "line\nbreak",
]

STAGES = ["Découvrir", "Comparer", "Acheter", "Recevoir", "Être aidé"]


def french_journey(steps: int = 32, payloads: bool = False) -> pd.DataFrame:
    """``steps`` steps over five stages for « Camille » and fewer for « Léo » (one row per
    step and persona), with every lane kind; ``payloads`` puts hostile text in every field."""
    rows = []
    for persona, count in (("Camille", steps), ("Léo", steps - 7)):
        for i in range(count):
            stage = STAGES[min(4, i * 5 // count)]
            step = f"Étape {i + 1} : vérifie l’offre"
            pain = "Délai trop long\nFrais cachés" if i % 4 == 1 else None
            if payloads:
                hostile = PAYLOADS[i % len(PAYLOADS)]
                stage = f"{stage} {PAYLOADS[STAGES.index(stage) % len(PAYLOADS)]}"
                step = f"{step} {hostile}"
                pain = hostile
            rows.append(
                {
                    "persona": persona,
                    "stage": stage,
                    "step": step,
                    "channel": ["web", "app", "magasin", "téléphone"][i % 4],
                    "emotion": float((i * 3) % 7 - 3) if i % 9 else float("nan"),
                    "pain": pain,
                    "visites": 1000 - 20 * i,
                    "moment_of_truth": "ponctuel" if i % 11 == 3 else None,
                }
            )
    return pd.DataFrame(rows)
