"""A service blueprint: a hotel stay, with what the guest sees and does and, under the line of
interaction, what staff do in front of the guest, behind the scenes and in support systems.

Its columns name the blueprint's groups in both languages (``evidence`` / ``preuve physique``,
``action``, ``frontstage`` / ``front office``, ``backstage`` / ``back office``, ``support``),
so ``JourneyMap(templates.load("service_blueprint"), persona="persona", blueprint=True)``
draws every group and the three lines (see :mod:`cjm_widgets.table.groups`)."""

# Each row keeps its text on one line per language, so the rows read as a table.
# ruff: noqa: E501

from __future__ import annotations

from ._build import TEXTS, Row, Template

# The usual text lanes, then what the hotel does: in front of the guest, behind the scenes and
# in its systems (French teams say front office and back office), then the physical evidence
# the guest sees and touches.
_TEXTS = {
    "en": (*TEXTS["en"], "frontstage", "backstage", "support", "evidence"),
    "fr": (*TEXTS["fr"], "front office", "back office", "support", "preuve physique"),
}

# step | action | thought | pain | gain | opportunity | owner | frontstage | backstage | support
# | evidence
# fmt: off
_ROWS = (
    Row(0, "web", 0, 3.6, "",
        "Compares hotels | Opens a booking site and the hotel's own site | Same room, two prices? | Prices differ between sites | | Best price shown on the hotel's site | Revenue management | Hotel website | Rates loaded into each channel | Channel manager | Hotel website and booking-site listings",
        "Compare les hôtels | Ouvre un comparateur et le site de l'hôtel | Même chambre, deux prix ? | Prix différents selon les sites | | Meilleur prix affiché sur le site de l'hôtel | Revenue management | Site de l'hôtel | Tarifs chargés sur chaque canal | Gestionnaire de canaux | Site de l'hôtel et annonces des comparateurs"),
    Row(0, "web", 1, 4.1, "o",
        "Books a room | Pays a deposit online | Booked, the dates are right | | Instant confirmation | | Reservations | Booking page | Reservation checked against the room plan | Property management system | Booking page with room photos",
        "Réserve une chambre | Verse un acompte en ligne | Réservé, les dates sont bonnes | | Confirmation immédiate | | Réservations | Page de réservation | Réservation contrôlée sur le planning des chambres | Logiciel de gestion hôtelière | Page de réservation avec photos des chambres"),
    Row(0, "email", 1, 4.0, "",
        "Reads the confirmation | Opens the e-mail | Parking is included, good | | All practical details in one e-mail | | Reservations | Confirmation e-mail | Template updated for the season | E-mail platform | Confirmation e-mail",
        "Lit la confirmation | Ouvre l'e-mail | Le parking est compris, parfait | | Toutes les infos pratiques dans un e-mail | | Réservations | E-mail de confirmation | Modèle mis à jour pour la saison | Plateforme d'e-mails | E-mail de confirmation"),
    Row(0, "email", -1, 3.2, "",
        "Asks for a late arrival | Replies to the confirmation | Will anyone be there at midnight? | Reply only the next day | | Late-arrival option in the booking | Reservations | Reservations inbox | Night porter told of the late arrival | Shared logbook | Reply e-mail",
        "Prévient d'une arrivée tardive | Répond à la confirmation | Y aura-t-il quelqu'un à minuit ? | Réponse seulement le lendemain | | Option « arrivée tardive » à la réservation | Réservations | Boîte mail des réservations | Veilleur de nuit prévenu | Cahier de consignes partagé | E-mail de réponse"),
    Row(1, "app", 0, 3.5, "",
        "Finds the hotel | Follows the map app | Where do I park? | Car park entrance not signposted | | Car park directions in the pre-arrival e-mail | Operations | Signs at the entrance | | Map listing | Signs and car park entrance",
        "Trouve l'hôtel | Suit l'appli de navigation | Où est-ce que je me gare ? | Entrée du parking non signalée | | Accès au parking dans l'e-mail avant l'arrivée | Exploitation | Panneaux à l'entrée | | Fiche cartographique | Panneaux et entrée du parking"),
    Row(1, "on site", -2, 2.6, "x",
        "Checks in | Gives name and card at the desk | I've been travelling all day, please be quick | Twenty minutes of queue at peak time | | Online check-in and key pick-up | Front office | Receptionist greets the guest | Room status checked with housekeeping | Property management system | Lobby, desk and queue",
        "Fait son enregistrement | Donne son nom et sa carte à l'accueil | J'ai voyagé toute la journée, vite s'il vous plaît | Vingt minutes d'attente aux heures de pointe | | Enregistrement en ligne et retrait de clé | Réception | Le réceptionniste accueille le client | État de la chambre vérifié avec l'étage | Logiciel de gestion hôtelière | Hall, comptoir et file d'attente"),
    Row(1, "on site", 1, 4.2, "",
        "Gets the room key | Takes the card key | Room on a quiet floor, as asked | | Request honoured | | Front office | Key handed over with directions | Key encoded | Key card system | Key card and its sleeve",
        "Reçoit la clé | Prend la carte-clé | Chambre à un étage calme, comme demandé | | Demande respectée | | Réception | Remise de la clé avec indications | Clé encodée | Système de cartes-clés | Carte-clé et sa pochette"),
    Row(1, "on site", 2, 4.5, "",
        "Enters the room | Opens the door and looks around | Clean, bright and warm | | Welcome note with her name | | Housekeeping | Welcome note in the room | Room cleaned and inspected | Housekeeping checklist | Room, bed and welcome note",
        "Entre dans la chambre | Ouvre la porte et fait le tour | Propre, lumineuse et chauffée | | Mot d'accueil à son nom | | Étages | Mot d'accueil dans la chambre | Chambre nettoyée et contrôlée | Liste de contrôle des étages | Chambre, lit et mot d'accueil"),
    Row(2, "app", -1, 3.0, "",
        "Connects to the Wi-Fi | Looks for the password | Where is the code? | Code printed in a folder | | Code on the key card sleeve | IT | Card in the room folder | Weekly code change | Wi-Fi network | Room folder",
        "Se connecte au Wi-Fi | Cherche le mot de passe | Où est le code ? | Code imprimé dans un classeur | | Code sur la pochette de la carte-clé | Informatique | Fiche dans le classeur de chambre | Code changé chaque semaine | Réseau Wi-Fi | Classeur de chambre"),
    Row(2, "phone", 1, 4.0, "",
        "Orders room service | Calls from the room phone | Dinner in bed, perfect | | Hot meal in 25 minutes | | Restaurant | Order taker on the phone | Kitchen prepares the order | Ordering system | Room phone, menu and tray",
        "Commande en chambre | Appelle depuis le téléphone de la chambre | Dîner au lit, parfait | | Repas chaud en 25 minutes | | Restaurant | Prise de commande au téléphone | La cuisine prépare la commande | Logiciel de commandes | Téléphone de la chambre, carte et plateau"),
    Row(2, "on site", -2, 2.4, "x",
        "Sleeps badly | Hears noise from the corridor | Not what I came for | Corridor noise after midnight | | Quiet-hours patrol and door closers | Operations | | Night porter rounds | Maintenance plan | Corridor doors",
        "Dort mal | Entend du bruit dans le couloir | Ce n'est pas pour ça que je suis venue | Bruit dans le couloir après minuit | | Rondes calmes et ferme-portes | Exploitation | | Rondes du veilleur de nuit | Plan de maintenance | Portes du couloir"),
    Row(2, "on site", 1, 4.0, "",
        "Has breakfast | Picks from the buffet | Fresh bread, good coffee | Buffet crowded at 8 | Local products | Breakfast time slots | Restaurant | Buffet staff refill and greet | Kitchen bakes and restocks | Stock ordering | Buffet and dining room",
        "Prend le petit-déjeuner | Se sert au buffet | Pain frais, bon café | Buffet bondé à 8 h | Produits locaux | Créneaux pour le petit-déjeuner | Restaurant | Le personnel regarnit et salue | La cuisine cuit et réapprovisionne | Commandes de stock | Buffet et salle du petit-déjeuner"),
    Row(2, "on site", -1, 3.1, "",
        "Reports the noise | Tells the receptionist | Will they do anything? | Told it is 'a busy night' | | Apology and a gesture the desk can offer | Front office | Receptionist listens | Note passed to the duty manager | Guest incident log | Front desk",
        "Signale le bruit | Le dit au réceptionniste | Vont-ils faire quelque chose ? | On lui répond que « c'était une nuit chargée » | | Excuses et geste commercial à la main de l'accueil | Réception | Le réceptionniste écoute | Note transmise au responsable de permanence | Registre des incidents clients | Comptoir de l'accueil"),
    Row(2, "app", 2, 4.6, "",
        "Gets a room change | Reads the hotel's message | They listened, a quieter room tonight | | Problem solved the same day | | Front office | Message from the duty manager | Bags moved by housekeeping | Property management system | Message in the app",
        "Obtient une autre chambre | Lit le message de l'hôtel | Ils m'ont écoutée, chambre plus calme ce soir | | Problème réglé dans la journée | | Réception | Message du responsable de permanence | Bagages déplacés par les étages | Logiciel de gestion hôtelière | Message dans l'appli"),
    Row(3, "on site", 0, 3.6, "",
        "Checks the bill | Reads the bill at the desk | What is this minibar charge? | Minibar charge she did not take | | Bill sent by e-mail the night before | Front office | Receptionist prints the bill | Minibar counted by housekeeping | Point of sale | Printed bill",
        "Vérifie la note | Lit la note à l'accueil | C'est quoi, ce minibar ? | Minibar facturé sans consommation | | Note envoyée par e-mail la veille | Réception | Le réceptionniste imprime la note | Minibar compté par les étages | Caisse | Note imprimée"),
    Row(3, "on site", 1, 4.1, "o",
        "Checks out | Pays and returns the key | Quick, and the charge was removed | | Charge removed without argument | | Front office | Receptionist corrects the bill | Correction recorded | Property management system | Corrected bill and receipt",
        "Quitte l'hôtel | Règle et rend la clé | Rapide, et le minibar a été retiré | | Correction sans discussion | | Réception | Le réceptionniste corrige la note | Correction enregistrée | Logiciel de gestion hôtelière | Note corrigée et reçu"),
    Row(3, "on site", 1, 4.0, "",
        "Leaves her bags | Asks to store luggage until the evening | I can visit the town without bags | | Free luggage room | | Front office | Porter tags the bags | | Luggage room | Luggage tags",
        "Dépose ses bagages | Demande à laisser ses valises jusqu'au soir | Je peux visiter la ville sans valises | | Bagagerie gratuite | | Réception | Le bagagiste étiquette les valises | | Bagagerie | Étiquettes de bagages"),
    Row(4, "email", 0, 3.4, "",
        "Receives the invoice | Downloads the PDF | I need it for my expense report | Company name missing on the invoice | | Company details asked at booking | Accounting | | Invoice generated overnight | Accounting software | PDF invoice",
        "Reçoit la facture | Télécharge le PDF | Il me la faut pour ma note de frais | Nom de l'entreprise absent de la facture | | Coordonnées de l'entreprise demandées à la réservation | Comptabilité | | Facture générée dans la nuit | Logiciel comptable | Facture PDF"),
    Row(4, "email", 1, 3.9, "",
        "Answers the satisfaction survey | Rates the stay | They should know about the noise, and the fix | Survey is 25 questions long | | Five-question survey | Quality | Survey e-mail | Answers read each week | Survey tool | Survey e-mail",
        "Répond à l'enquête de satisfaction | Note le séjour | Ils doivent savoir pour le bruit, et pour la solution | Enquête de 25 questions | | Enquête en cinq questions | Qualité | E-mail d'enquête | Réponses lues chaque semaine | Outil d'enquête | E-mail d'enquête"),
    Row(4, "web", 1, 4.2, "",
        "Writes a public review | Posts on a review site | Honest: one bad night, well handled | | Manager's personal reply | | Quality | Public reply from the manager | Review discussed at the team meeting | Review monitoring | Review page",
        "Publie un avis | Poste sur un site d'avis | Honnête : une mauvaise nuit, bien rattrapée | | Réponse personnelle du directeur | | Qualité | Réponse publique du directeur | Avis discuté en réunion d'équipe | Veille des avis | Page d'avis"),
    Row(4, "email", 0, 3.5, "",
        "Receives a return offer | Reads an offer for her next stay | Tempting, if I'm back in town | Offer ends before her next trip | | Offer valid for a year | Marketing | Loyalty e-mail | Guest profile kept | Customer database | Offer e-mail",
        "Reçoit une offre de retour | Lit une offre pour son prochain séjour | Tentant, si je reviens en ville | L'offre expire avant son prochain déplacement | | Offre valable un an | Marketing | E-mail de fidélité | Profil client conservé | Base clients | E-mail d'offre"),
)
# fmt: on

TEMPLATE = Template(
    name="service_blueprint",
    stages={
        "en": ("Booking", "Arrival", "Stay", "Departure", "After the stay"),
        "fr": ("Réservation", "Arrivée", "Séjour", "Départ", "Après le séjour"),
    },
    personas={"en": ("Business traveller",), "fr": ("Voyageuse d'affaires",)},
    texts=_TEXTS,
    # Mean satisfaction (1–5) measured at the step.
    number={"en": "csat", "fr": "satisfaction"},
    rows=(_ROWS,),
    whole_numbers=False,
    channels_fr={"on site": "sur place"},
)
