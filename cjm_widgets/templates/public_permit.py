"""A public service: a homeowner applies for a building permit to extend a house."""

from __future__ import annotations

# Each row keeps its text on one line per language, so the rows read as a table.
# ruff: noqa: E501
from ._build import TEXTS, Row, Template

# step | action | thought | pain | gain | opportunity | owner
# fmt: off
_ROWS = (
    Row(0, "web", 0, 2, "",
        "Wonders whether a permit is needed | Searches 'extension 30 m2 permit' | Do I even need a permit for this? | Rules differ by floor area and zone | | Two-question checker: permit or simple notice | Digital services",
        "Se demande s'il faut un permis | Cherche « extension 30 m2 permis » | Faut-il vraiment un permis pour ça ? | Règles différentes selon la surface et la zone | | Questionnaire en deux questions : permis ou déclaration | Services numériques"),
    Row(0, "web", -2, 5, "o",
        "Reads the local zoning plan | Opens the town's planning documents | I understand none of this | Zoning plan is a 300-page PDF | | Zoning rules for one address, in plain words | Planning department",
        "Lit le plan local d'urbanisme | Ouvre les documents d'urbanisme de la commune | Je n'y comprends rien | Le PLU est un PDF de 300 pages | | Règles d'une adresse, en langage clair | Service urbanisme"),
    Row(0, "phone", -1, 3, "",
        "Calls the town hall | Asks which rules apply to his plot | Hold music for twenty minutes | Phone line open two mornings a week | | Call-back slot booked online | Planning department",
        "Appelle la mairie | Demande quelles règles s'appliquent à son terrain | Vingt minutes de musique d'attente | Permanence téléphonique deux matinées par semaine | | Rappel sur rendez-vous pris en ligne | Service urbanisme"),
    Row(0, "town hall", 2, 1, "",
        "Meets a planning adviser | Shows his sketch at the counter | Now I know what is allowed | | Clear advice on height and distances | | Planning department",
        "Rencontre un conseiller en urbanisme | Montre son croquis au guichet | Maintenant je sais ce qui est permis | | Conseils clairs sur hauteur et distances | | Service urbanisme"),
    Row(1, "web", 0, 2, "",
        "Finds the application form | Downloads form 13406 | Which form is mine? | Three forms with near-identical titles | | Form chosen from his answers | Digital services",
        "Trouve le formulaire | Télécharge le Cerfa 13406 | Lequel est le mien ? | Trois formulaires aux titres presque identiques | | Formulaire proposé selon ses réponses | Services numériques"),
    Row(1, "web", -2, 21, "x",
        "Gathers the plans | Hires a draughtsman for the drawings | Plans, sections, facades: it costs a fortune | Eight documents, each with its own rules | | Checklist with an example of each plan | Planning department",
        "Rassemble les plans | Fait faire les dessins par un dessinateur | Plans, coupes, façades : ça coûte une fortune | Huit pièces, chacune avec ses règles | | Liste des pièces avec un exemple de chaque plan | Service urbanisme"),
    Row(1, "web", -1, 4, "",
        "Takes photos of the site | Photographs the house from the street | Is this angle what they want? | Photo requirements unclear | | Sample photos showing the expected angles | Digital services",
        "Photographie le terrain | Prend la maison depuis la rue | C'est cet angle qu'ils veulent ? | Exigences floues pour les photos | | Photos d'exemple avec les angles attendus | Services numériques"),
    Row(1, "in person", 1, 6, "",
        "Talks to the neighbours | Shows them the plans over coffee | Better they hear it from me | | Neighbours support the project | | Homeowner",
        "En parle aux voisins | Leur montre les plans autour d'un café | Mieux vaut qu'ils l'apprennent par moi | | Voisins favorables au projet | | Propriétaire"),
    Row(2, "web", 1, 1, "",
        "Creates an account on the online portal | Signs in with his national login | At least no new password | | Single national login | | Digital services",
        "Crée son compte sur le portail en ligne | Se connecte avec FranceConnect | Au moins pas de nouveau mot de passe | | Identifiant national unique | | Services numériques"),
    Row(2, "web", -2, 1, "o",
        "Uploads the documents | Sends eight PDF files | Upload failed, file too large | 10 MB limit per file | | Larger files and automatic compression | Digital services",
        "Dépose les pièces | Envoie huit fichiers PDF | Échec de l'envoi, fichier trop lourd | Limite de 10 Mo par fichier | | Fichiers plus lourds et compression automatique | Services numériques"),
    Row(2, "email", 1, 0, "",
        "Receives the filing receipt | Opens the acknowledgement e-mail | Good, it is registered with a number | | File number and legal deadline given | | Planning department",
        "Reçoit le récépissé de dépôt | Ouvre l'accusé de réception | Bien, c'est enregistré avec un numéro | | Numéro de dossier et délai légal indiqués | | Service urbanisme"),
    Row(2, "town hall", 0, 1, "",
        "Puts up the filing notice | Asks at the counter whether it must be posted | One more step nobody mentioned | Rule found by chance | | Reminder in the receipt | Planning department",
        "Affiche l'avis de dépôt | Demande au guichet s'il faut l'afficher | Encore une étape dont personne n'a parlé | Règle découverte par hasard | | Rappel dans le récépissé | Service urbanisme"),
    Row(3, "mail", -2, 30, "x",
        "Gets a request for missing documents | Reads a registered letter | Why not say so on day one? | Missing item flagged after a month; the clock restarts | | Completeness checked at upload | Planning department",
        "Reçoit une demande de pièces complémentaires | Lit un courrier recommandé | Pourquoi ne pas l'avoir dit le premier jour ? | Pièce manquante signalée après un mois, le délai repart | | Complétude vérifiée dès le dépôt | Service urbanisme"),
    Row(3, "web", 0, 3, "",
        "Sends the missing plan | Adds the document on the portal | Hopefully that's all | | Upload accepted the same day | | Digital services",
        "Envoie le plan manquant | Ajoute la pièce sur le portail | Pourvu que ce soit tout | | Ajout accepté le jour même | | Services numériques"),
    Row(3, "web", -1, 45, "",
        "Follows the application | Checks the portal every week | Nothing moves, is anyone on it? | Status stays 'being examined' for weeks | | Dated steps and the name of the case officer | Planning department",
        "Suit son dossier | Consulte le portail chaque semaine | Rien ne bouge, quelqu'un s'en occupe ? | Statut « en cours d'examen » pendant des semaines | | Étapes datées et nom de l'instructeur | Service urbanisme"),
    Row(3, "phone", 1, 1, "",
        "Asks the case officer a question | Calls about the roof colour | Helpful, and quicker than I feared | | Answer in one call | | Planning department",
        "Pose une question à l'instructeur | Appelle au sujet de la couleur du toit | Aimable, et plus rapide que je ne craignais | | Réponse en un appel | | Service urbanisme"),
    Row(4, "mail", 2, 2, "o",
        "Receives the permit | Reads the decision letter | Granted! We can start | Conditions written in legal terms | Project allowed with minor conditions | Summary of conditions in plain words | Planning department",
        "Reçoit son permis | Lit l'arrêté | Accordé ! On peut commencer | Prescriptions rédigées en langage juridique | Projet accepté avec de légères prescriptions | Résumé des prescriptions en langage clair | Service urbanisme"),
    Row(4, "town hall", -1, 2, "",
        "Posts the permit on the site | Buys and fills in the site panel | Why must I buy a panel? | Panel format rules are strict and unexplained | | Panel template to print | Planning department",
        "Affiche le permis sur le terrain | Achète et remplit le panneau de chantier | Pourquoi dois-je acheter un panneau ? | Règles de format strictes et non expliquées | | Modèle de panneau à imprimer | Service urbanisme"),
    Row(4, "web", -1, 60, "",
        "Waits out the appeal period | Counts two months before building | Two more months of waiting | Builder's slot may be lost | | Clear end date shown on the portal | Digital services",
        "Attend la fin du délai de recours | Compte deux mois avant de construire | Encore deux mois d'attente | Risque de perdre le créneau de l'artisan | | Date de fin affichée sur le portail | Services numériques"),
    Row(5, "web", 0, 1, "",
        "Declares the start of works | Fills in the opening notice online | Another form, but short | | Two-minute online notice | | Digital services",
        "Déclare l'ouverture du chantier | Remplit la déclaration en ligne | Encore un formulaire, mais court | | Déclaration en ligne en deux minutes | | Services numériques"),
    Row(5, "web", 0, 1, "",
        "Declares the end of works | Files the completion notice | Is the house finished in their eyes? | Unclear what counts as complete | | Completion checklist | Planning department",
        "Déclare l'achèvement des travaux | Dépose la déclaration d'achèvement | Pour eux, la maison est-elle finie ? | Flou sur ce qui compte comme achevé | | Liste de contrôle de fin de travaux | Service urbanisme"),
    Row(5, "mail", 1, 90, "",
        "Receives the certificate of conformity | Files the letter with the house deeds | Done, at last, and it is all in order | Certificate arrives months later | Proof for a future sale | Automatic certificate when no visit is needed | Planning department",
        "Reçoit l'attestation de conformité | Range le courrier avec l'acte de propriété | Terminé, enfin, et tout est en règle | Attestation reçue des mois plus tard | Preuve utile pour une future vente | Attestation automatique sans visite nécessaire | Service urbanisme"),
)
# fmt: on

TEMPLATE = Template(
    name="public_permit",
    stages={
        "en": ("Finding out", "Preparing the file", "Applying", "Waiting", "Decision", "Building"),
        "fr": (
            "S'informer",
            "Préparer le dossier",
            "Déposer",
            "Attendre",
            "Décision",
            "Construire",
        ),
    },
    personas={
        "en": ("Homeowner extending the house",),
        "fr": ("Propriétaire qui agrandit sa maison",),
    },
    texts=TEXTS,
    # Median days applicants spend at the step.
    number={"en": "median_days", "fr": "jours_médians"},
    rows=(_ROWS,),
    channels_fr={"town hall": "mairie", "in person": "en personne"},
)
