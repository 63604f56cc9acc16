"""Writes the bike-share case the teaching notebooks use, in French and English.

Run ``python example_notebooks/teach/make_case.py`` to write again, from the rows below,
each language's steps table, event log and survey answers (seeded: the same files each time).
The numbers on the map come from the event log, as notebook 5 computes them.
"""

# Each row keeps its text on one line per language, so the rows read as a table.
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cjm_widgets.analytics import step_metrics

HERE = Path(__file__).parent

STAGES = {
    "en": ("Discover", "Sign up", "First ride", "Everyday use", "Renew"),
    "fr": ("Découvrir", "S'abonner", "Premier trajet", "Au quotidien", "Renouveler"),
}
PERSONAS = {
    "en": ("Student without a car", "Commuter"),
    "fr": ("Étudiante sans voiture", "Salarié pendulaire"),
}
CHANNELS_FR = {
    "street": "dans la rue",
    "app": "appli",
    "web": "web",
    "kiosk": "borne",
    "email": "e-mail",
    "in person": "de vive voix",
}
MOMENTS = {"en": {"o": "one-off", "x": "cross-journey"}, "fr": {"o": "ponctuel", "x": "transversal"}}
COLUMNS = {
    "en": ("channel", "emotion", "pain", "gain", "moment_of_truth", "customer_share"),
    "fr": ("canal", "émotion", "irritant", "gain", "moment_de_vérité", "taux_de_passage"),
}
# What the teacher's notebook adds in notebook 6: an opportunity and an owner per pain.
ADJUST = {"en": ("opportunity", "owner"), "fr": ("opportunité", "responsable")}

# stage, channel, emotion, moment, chance of going on to the next step,
# then per language: step | pain | gain | opportunity | owner
# fmt: off
ROWS = (
    (
        (0, "street", 1, "", 0.95, "Sees the bikes outside campus | | Stations right by the lecture halls | |", "Voit les vélos devant la fac | | Des stations au pied des amphis | |"),
        (0, "web", 0, "", 0.85, "Looks up the prices on her phone | Student price hidden three pages deep | | Student price on the home page | Marketing", "Cherche les tarifs sur son téléphone | Tarif étudiant caché au fond du site | | Tarif étudiant en page d'accueil | Marketing"),
        (0, "web", 1, "", 0.9, "Compares with her bus pass | | Half the price of the bus pass | |", "Compare avec son abonnement de bus | | Moitié prix du bus | |"),
        (1, "app", 0, "", 0.92, "Downloads the app | | Quick download | |", "Télécharge l'appli | | Téléchargement rapide | |"),
        (1, "app", -2, "o", 0.7, "Creates her account | Asked for a scan of her student card | | Check student status online in one click | Customer accounts", "Crée son compte | Doit scanner sa carte d'étudiant | | Vérifier le statut étudiant en un clic | Comptes clients"),
        (1, "app", 1, "", 0.95, "Picks the student plan | | A plan made for her budget | |", "Choisit la formule étudiante | | Une formule à sa mesure | |"),
        (1, "app", -1, "", 0.8, "Pays for the pass | A 150-euro deposit blocked on her card | | No deposit for students | Payments", "Paie l'abonnement | 150 euros de caution bloqués sur sa carte | | Pas de caution pour les étudiants | Paiement"),
        (2, "app", 0, "", 0.95, "Finds a station with bikes | | Live map of free bikes | |", "Trouve une station avec des vélos | | Carte en direct des vélos libres | |"),
        (2, "kiosk", -1, "", 0.88, "Unlocks a bike | The kiosk asks for a code she never received | | Unlock from the app, no code | Stations", "Déverrouille un vélo | La borne demande un code jamais reçu | | Déverrouiller depuis l'appli, sans code | Stations"),
        (2, "kiosk", -3, "x", 0.75, "Returns the bike at a full station | No free dock: rides on to the next station | | Free docks shown before arrival, 15 minutes offered | Station operations", "Rend le vélo à une station pleine | Aucune place libre : doit rouler jusqu'à la suivante | | Places libres affichées avant d'arriver, 15 minutes offertes | Exploitation des stations"),
        (3, "street", 2, "", 0.93, "Rides to class | | Ten minutes instead of thirty by bus | |", "Va en cours à vélo | | Dix minutes au lieu de trente en bus | |"),
        (3, "app", -2, "", 0.85, "Reports a broken bike | No news after reporting it | | Tell her when the bike is fixed | Maintenance", "Signale un vélo cassé | Aucune nouvelle après le signalement | | Prévenir quand le vélo est réparé | Maintenance"),
        (4, "email", 0, "", 0.9, "Gets the renewal reminder | | Reminder a week before the end | |", "Reçoit le rappel de renouvellement | | Rappel une semaine avant la fin | |"),
        (4, "app", 1, "o", 1.0, "Renews for the new term | | One tap, card saved | |", "Renouvelle pour le semestre | | Un clic, carte enregistrée | |"),
    ),
    (
        (0, "in person", 1, "", 0.9, "Hears about it from a colleague | | A tip from someone he trusts | |", "En entend parler par une collègue | | Un conseil de confiance | |"),
        (0, "web", 0, "", 0.8, "Works out his travel time | The journey planner leaves the bikes out | | Bikes in the city's journey planner | Partnerships", "Calcule son temps de trajet | Le calculateur d'itinéraire ignore les vélos | | Vélos dans le calculateur d'itinéraire de la ville | Partenariats"),
        (1, "app", 0, "", 0.92, "Downloads the app | | Quick download | |", "Télécharge l'appli | | Téléchargement rapide | |"),
        (1, "app", -1, "", 0.85, "Creates his account | Two passwords: one for the app, one for the site | | One account for app and site | Customer accounts", "Ouvre son compte | Deux mots de passe : l'appli et le site | | Un seul compte pour l'appli et le site | Comptes clients"),
        (1, "email", -2, "o", 0.7, "Asks his employer to pay half | Needs an invoice in the company's name | | Invoice in the employer's name from the app | Billing", "Demande à son employeur de payer la moitié | Il lui faut une facture au nom de l'entreprise | | Facture au nom de l'employeur depuis l'appli | Facturation"),
        (1, "app", 1, "", 0.95, "Pays for the yearly pass | | Cheaper than parking at the station | |", "Paie l'abonnement annuel | | Moins cher que le parking de la gare | |"),
        (2, "kiosk", 1, "", 0.93, "Takes a bike at the train station | | Station right at the exit | |", "Prend un vélo à la gare | | Station à la sortie de la gare | |"),
        (2, "street", 0, "", 0.9, "Rides to the office | No bike lane on the last kilometre | | Ask the city for a bike lane | Public affairs", "Roule jusqu'au bureau | Pas de piste cyclable sur le dernier kilomètre | | Demander une piste à la ville | Affaires publiques"),
        (2, "kiosk", 1, "", 0.92, "Docks the bike near the office | | Free docks in the morning | |", "Rend le vélo près du bureau | | Des places libres le matin | |"),
        (3, "kiosk", -3, "x", 0.7, "Finds the station empty at 8 am | No bike left: takes the bus and is late | | Refill stations before the morning peak | Station operations", "Trouve la station vide à 8 h | Plus aucun vélo : prend le bus et arrive en retard | | Réapprovisionner les stations avant la pointe du matin | Exploitation des stations"),
        (3, "app", 1, "", 0.9, "Books a bike the night before | | Bike held for him 15 minutes | |", "Réserve un vélo la veille | | Vélo gardé 15 minutes pour lui | |"),
        (4, "email", -1, "", 0.85, "Gets the renewal reminder | Reminder sent after the pass ran out | | Remind a week before the end | Customer relations", "Reçoit le rappel de renouvellement | Rappel envoyé après la fin de l'abonnement | | Rappeler une semaine avant la fin | Relation client"),
        (4, "web", 1, "o", 1.0, "Renews the yearly pass | | Same price as last year | |", "Renouvelle l'abonnement annuel | | Même prix que l'an dernier | |"),
    ),
)
# fmt: on

CUSTOMERS = (160, 120)
FILES = {
    "en": ("bikeshare.csv", "bikeshare_events.csv", "bikeshare_answers.csv"),
    "fr": ("velo.csv", "velo_evenements.csv", "velo_reponses.csv"),
}


def fields(row: tuple, lang: str) -> list[str | None]:
    text = row[5] if lang == "en" else row[6]
    return [f.strip() or None for f in text.split("|")]


def events(lang: str) -> pd.DataFrame:
    """Each customer goes through the persona's steps in order, leaving at each one by chance."""
    rng = np.random.default_rng(2026)
    records = []
    start = pd.Timestamp("2026-09-01 08:00")
    for p, (persona, rows) in enumerate(zip(PERSONAS[lang], ROWS, strict=True)):
        for c in range(CUSTOMERS[p]):
            time = start + pd.Timedelta(hours=int(rng.integers(0, 24 * 20)))
            for row in rows:
                records.append((f"{'ab'[p]}{c:03d}", persona, fields(row, lang)[0], time))
                time += pd.Timedelta(minutes=int(rng.integers(2, 600)))
                if rng.random() > row[4]:
                    break
    return pd.DataFrame(records, columns=["customer_id", "persona", "step", "timestamp"])


def answers(lang: str) -> pd.DataFrame:
    """Survey answers on −3…+3 around each step's felt emotion."""
    rng = np.random.default_rng(7)
    records = []
    for persona, rows in zip(PERSONAS[lang], ROWS, strict=True):
        for row in rows:
            n = int(rng.integers(12, 30))
            scores = np.clip(np.rint(row[2] + rng.normal(0.3, 1.0, n)), -3, 3).astype(int)
            records += [(persona, fields(row, lang)[0], int(s)) for s in scores]
    return pd.DataFrame(records, columns=["persona", "step", "score"])


def steps(lang: str, log: pd.DataFrame) -> pd.DataFrame:
    channel, emotion, pain, gain, moment, share = COLUMNS[lang]
    records = []
    for persona, rows in zip(PERSONAS[lang], ROWS, strict=True):
        kpis = step_metrics(log[log["persona"] == persona]).set_index("step")["customer_share"]
        for row in rows:
            step, row_pain, row_gain, _, _ = fields(row, lang)
            records.append(
                {
                    "persona": persona,
                    "stage": STAGES[lang][row[0]],
                    "step": step,
                    channel: CHANNELS_FR.get(row[1], row[1]) if lang == "fr" else row[1],
                    emotion: row[2],
                    pain: row_pain,
                    gain: row_gain,
                    moment: MOMENTS[lang].get(row[3]),
                    share: round(float(kpis[step]), 3),
                }
            )
    return pd.DataFrame(records)


def adjust(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each pain's opportunity and owner, by step label (as the teacher's answer writes them)."""
    opportunities, owners = {}, {}
    for rows in ROWS:
        for row in rows:
            step, pain, _, opportunity, owner = fields(row, lang)
            if pain is not None:
                opportunities[step], owners[step] = opportunity, owner
    return opportunities, owners


def main() -> None:
    for lang, (steps_file, events_file, answers_file) in FILES.items():
        log = events(lang)
        steps(lang, log).to_csv(HERE / lang / steps_file, index=False)
        log.to_csv(HERE / lang / events_file, index=False)
        answers(lang).to_csv(HERE / lang / answers_file, index=False)


if __name__ == "__main__":
    main()
