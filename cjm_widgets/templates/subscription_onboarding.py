"""Onboarding for a subscription: a couple's first weeks with a meal-kit box."""

from __future__ import annotations

# Each row keeps its text on one line per language, so the rows read as a table.
# ruff: noqa: E501
from ._build import TEXTS, Row, Template

# step | action | thought | pain | gain | opportunity | owner
# fmt: off
_ROWS = (
    Row(0, "social", 1, 1.0, "",
        "Sees a first-box offer | Watches a recipe video | Sixty percent off, why not | | Appetising recipes | | Marketing",
        "Voit une offre de première box | Regarde une vidéo de recette | Moins 60 %, pourquoi pas | | Recettes appétissantes | | Marketing"),
    Row(0, "web", 0, 0.62, "",
        "Picks a plan | Chooses two people, three meals a week | How much after the offer? | Full price shown in small print | | Price after the offer shown as clearly as the offer | Marketing",
        "Choisit une formule | Prend deux personnes, trois repas par semaine | Combien après la promo ? | Prix normal écrit en petit | | Prix après l'offre aussi visible que l'offre | Marketing"),
    Row(0, "web", 1, 0.55, "",
        "Sets food preferences | Ticks vegetarian and no coriander | Nice, they ask what we like | | Menu matched to their tastes | | Product",
        "Indique ses préférences | Coche végétarien et sans coriandre | Sympa, ils demandent ce qu'on aime | | Menu adapté à leurs goûts | | Produit"),
    Row(0, "web", -1, 0.48, "o",
        "Enters card details | Reads that the plan renews each week | Can I stop whenever I want? | Cancellation terms hidden in the FAQ | | 'Skip or stop anytime' next to the pay button | Product",
        "Saisit sa carte | Lit que l'abonnement se renouvelle chaque semaine | Je peux arrêter quand je veux ? | Conditions de résiliation cachées dans la FAQ | | « Pause ou arrêt à tout moment » à côté du bouton de paiement | Produit"),
    Row(1, "email", 1, 0.47, "",
        "Reads the welcome e-mail | Opens the e-mail on his phone | Clear: delivery Thursday, 6 to 8 pm | | Delivery day and slot confirmed | | CRM",
        "Lit l'e-mail de bienvenue | L'ouvre sur son téléphone | Clair : livraison jeudi, entre 18 h et 20 h | | Jour et créneau de livraison confirmés | | CRM"),
    Row(1, "app", 1, 0.44, "",
        "Installs the app | Signs in and sees the week's menu | Let's choose the recipes together | | Menu picked in two minutes | | Product",
        "Installe l'appli | Se connecte et voit le menu de la semaine | Choisissons les recettes ensemble | | Menu choisi en deux minutes | | Produit"),
    Row(1, "app", -1, 0.42, "",
        "Picks the first recipes | Swaps a recipe that has nuts | Only six vegetarian recipes this week | Few choices in their diet | | More vegetarian recipes each week | Menu team",
        "Choisit les premières recettes | Remplace une recette avec des noix | Seulement six recettes végétariennes cette semaine | Peu de choix pour leur régime | | Plus de recettes végétariennes chaque semaine | Équipe menus"),
    Row(2, "app", -2, 0.40, "x",
        "Waits for the delivery | Tracks the van in the app | It's 8:30 and still nothing | Delivery late, no warning | | Warning and new time as soon as a van is late | Logistics",
        "Attend la livraison | Suit la camionnette dans l'appli | 20 h 30 et toujours rien | Livraison en retard, sans prévenir | | Alerte et nouvel horaire dès qu'une tournée prend du retard | Logistique"),
    Row(2, "at home", 0, 0.39, "",
        "Unpacks the box | Puts the bags in the fridge | So much packaging | Too much plastic | Everything cold and fresh | Recyclable packaging, announced as such | Operations",
        "Déballe la box | Range les sachets au frigo | Que d'emballages | Trop de plastique | Tout est frais | Emballages recyclables, annoncés comme tels | Opérations"),
    Row(2, "at home", -1, 0.38, "",
        "Finds an ingredient missing | Checks the bag against the recipe card | No lemon, the sauce won't work | Missing ingredient | | Refund in one tap from the app | Operations",
        "Constate un ingrédient manquant | Compare le sachet à la fiche recette | Pas de citron, la sauce ne marchera pas | Ingrédient manquant | | Remboursement en un geste depuis l'appli | Opérations"),
    Row(2, "chat", 1, 0.38, "",
        "Reports the missing lemon | Sends a message in the app chat | They answered fast | | Credit on the next box within minutes | | Customer service",
        "Signale le citron manquant | Écrit dans le chat de l'appli | Ils ont répondu vite | | Avoir sur la prochaine box en quelques minutes | | Service client"),
    Row(2, "app", 2, 0.37, "o",
        "Cooks the first recipe | Follows the step-by-step card | Thirty minutes and it's delicious | | First success in the kitchen together | | Menu team",
        "Cuisine la première recette | Suit la fiche pas à pas | Trente minutes et c'est délicieux | | Premier succès à deux en cuisine | | Équipe menus"),
    Row(3, "app", 1, 0.36, "",
        "Rates the recipes | Gives stars to three meals | Maybe they'll learn what we like | | Ratings shape next week's suggestions | | Product",
        "Note les recettes | Donne des étoiles à trois repas | Ils vont peut-être apprendre nos goûts | | Les notes orientent les suggestions | | Produit"),
    Row(3, "email", -2, 0.30, "x",
        "Is charged the full price | Sees the second payment at full price | Already? I forgot to choose | Full price charged without a reminder | | Reminder two days before the first full-price box | CRM",
        "Est prélevé au prix normal | Voit le deuxième paiement au prix plein | Déjà ? J'ai oublié de choisir | Prix plein prélevé sans rappel | | Rappel deux jours avant la première box au prix normal | CRM"),
    Row(3, "app", 0, 0.29, "",
        "Looks for how to skip a week | Searches the settings | Where is the pause button? | Pause buried in account settings | | Skip a week from the home screen | Product",
        "Cherche à sauter une semaine | Fouille les réglages | Où est le bouton pause ? | Pause cachée dans les réglages du compte | | Sauter une semaine depuis l'accueil | Produit"),
    Row(3, "app", 1, 0.28, "",
        "Skips a week for a holiday | Pauses one delivery | Good, no box while we are away | | Pause in two taps | | Product",
        "Saute une semaine pour les vacances | Suspend une livraison | Bien, pas de box pendant notre absence | | Pause en deux gestes | | Produit"),
    Row(4, "app", 1, 0.27, "",
        "Comes back to the menu | Chooses recipes after the break | The suggestions fit us better now | | Suggestions from their ratings | | Product",
        "Revient au menu | Choisit ses recettes après la pause | Les suggestions nous ressemblent davantage | | Suggestions tirées de leurs notes | | Produit"),
    Row(4, "app", 0, 0.26, "",
        "Wonders about the price | Compares the box with the supermarket | Is it worth it at full price? | Value unclear after the offer | | Cost per meal and time saved shown each month | Marketing",
        "S'interroge sur le prix | Compare la box avec le supermarché | Ça vaut le coup au prix normal ? | Valeur floue après l'offre | | Coût par repas et temps gagné affichés chaque mois | Marketing"),
    Row(4, "app", 1, 0.25, "",
        "Changes to two meals a week | Lowers the plan in the app | Two meals suit our week better | | Plan change takes effect next week | | Product",
        "Passe à deux repas par semaine | Réduit la formule dans l'appli | Deux repas, ça colle mieux à notre semaine | | Changement effectif la semaine suivante | | Produit"),
    Row(4, "email", 2, 0.24, "",
        "Gets a one-month recap | Reads how many meals they cooked | Twelve meals, no food waste | | Progress they can be proud of | | CRM",
        "Reçoit le bilan du premier mois | Lit combien de repas ils ont cuisinés | Douze repas, zéro gaspillage | | Des progrès dont ils sont fiers | | CRM"),
    Row(4, "social", 1, 0.23, "",
        "Invites a friend | Shares a referral code | A free box for each of us | Code only works for new addresses | | Referral that works between flatmates | Marketing",
        "Parraine un ami | Partage un code de parrainage | Une box offerte chacun | Le code ne marche que pour une nouvelle adresse | | Parrainage possible entre colocataires | Marketing"),
)
# fmt: on

TEMPLATE = Template(
    name="subscription_onboarding",
    stages={
        "en": ("Sign-up", "Before the first box", "First box", "First weeks", "Settling in"),
        "fr": (
            "Inscription",
            "Avant la première box",
            "Première box",
            "Premières semaines",
            "Installation",
        ),
    },
    personas={"en": ("Young couple",), "fr": ("Jeune couple",)},
    texts=TEXTS,
    # Share of the couples who signed up still subscribed at the step.
    number={"en": "active_share", "fr": "part_actifs"},
    rows=(_ROWS,),
    whole_numbers=False,
    channels_fr={"at home": "à domicile"},
)
