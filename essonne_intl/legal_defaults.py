"""The legal pages' first text, seeded by a migration and shown until staff save their own."""

NBSP = "\u00a0"

PAGES = [
    {
        "key": "legal-notice",
        "title": "Mentions légales",
        "title_en": "Legal notice",
        "body": f"""## Éditeur

Département de l'Essonne, hôtel du Département, boulevard de France, 91012 Évry-Courcouronnes Cedex.
Téléphone{NBSP}: 01 60 91 91 91

## Directeur de la publication

Le président ou la présidente du conseil départemental de l'Essonne.

## Hébergement

Le portail est hébergé sur l'infrastructure du Département de l'Essonne, en France.

## Réutilisation des contenus

Les données publiées sur les subventions sont des données ouvertes, réutilisables sous Licence Ouverte 2.0 (Etalab). Les textes et images du portail ne peuvent être reproduits sans l'accord du Département.""",
        "body_en": """## Publisher

Département de l'Essonne, hôtel du Département, boulevard de France, 91012 Évry-Courcouronnes Cedex, France.
Phone: +33 1 60 91 91 91

## Director of publication

The president of the conseil départemental de l'Essonne.

## Hosting

The portal is hosted on the infrastructure of the Département de l'Essonne, in France.

## Reuse

The subsidy data published here is open data, reusable under the Licence Ouverte 2.0 (Etalab). The portal's texts and images may not be reproduced without the Département's consent.""",
    },
    {
        "key": "privacy",
        "title": "Données personnelles",
        "title_en": "Personal data",
        "body": f"""Le Département de l'Essonne est responsable des traitements de données personnelles réalisés sur ce portail.

## Ce qui est collecté, et pourquoi

- Inscription à une formation du CRESI{NBSP}: nom, adresse électronique, structure et, si vous le souhaitez, téléphone, pour organiser la formation et vous en informer.
- Demande d'accompagnement de la mission Europe{NBSP}: nom de la structure, personne à contacter, adresse électronique, téléphone facultatif et description du projet, pour vous répondre et vous accompagner.

Ces données ne sont jamais publiées ni cédées. Seuls les agents du CRESI ou de la mission Europe y ont accès.

## Base légale

Votre consentement, recueilli dans chaque formulaire, et la mission de service public du Département.

## Durée de conservation

Les inscriptions sont supprimées douze mois après la formation{NBSP}; les demandes d'accompagnement, douze mois après leur clôture.

## Vos droits

Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation et d'opposition. Pour l'exercer, écrivez au délégué à la protection des données du Département{NBSP}: dpo@essonne.fr. Vous pouvez aussi adresser une réclamation à la CNIL (https://www.cnil.fr).

## Mesure d'audience et cookies

Ce portail ne dépose aucun cookie de mesure d'audience ni de suivi. Les compteurs de vues des pages ne conservent aucune donnée sur les visiteurs.""",
        "body_en": """The Département de l'Essonne is the controller of the personal data processed on this portal.

## What is collected, and why

- Registration for a CRESI training day: name, e-mail address, organisation and, if you wish, phone number, to organise the training and keep you informed.
- Support request to the mission Europe: organisation name, contact person, e-mail address, optional phone number and project description, to answer and support you.

This data is never published or passed on. Only CRESI or mission Europe staff can see it.

## Legal basis

Your consent, given in each form, and the Département's public service mission.

## How long it is kept

Registrations are deleted twelve months after the training; support requests twelve months after they are closed.

## Your rights

You have the right to access, correct, erase, restrict and object. To exercise them, write to the Département's data protection officer: dpo@essonne.fr. You may also complain to the CNIL (https://www.cnil.fr).

## Audience measurement and cookies

This portal sets no audience-measurement or tracking cookie. Page view counters keep no data about visitors.""",
    },
    {
        "key": "accessibility",
        "title": "Déclaration d'accessibilité",
        "title_en": "Accessibility statement",
        "body": f"""Le Département de l'Essonne s'engage à rendre ce portail accessible conformément à l'article 47 de la loi n°{NBSP}2005-102 du 11 février 2005.

## État de conformité

Ce portail est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1. Chaque type de page est vérifié automatiquement avec axe-core{NBSP}; l'audit complet par un organisme indépendant reste à réaliser.

## Aménagements

- Un lien d'évitement mène directement au contenu.
- Les boutons «{NBSP}Agrandir / Diminuer la taille du texte{NBSP}» adaptent la taille des caractères, sans cookie.
- La carte des zones partenaires et les graphiques sont accompagnés de leur équivalent textuel (liste et tableaux).

## Signaler un problème

Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à relations-internationales@essonne.fr en décrivant la page et la difficulté{NBSP}: nous vous répondrons et vous proposerons une alternative accessible.

## Voies de recours

Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (https://formulaire.defenseurdesdroits.fr) ou lui écrire gratuitement, sans timbre{NBSP}: Défenseur des droits, libre réponse 71120, 75342 Paris CEDEX 07.""",
        "body_en": """The Département de l'Essonne is committed to making this portal accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005.

## Conformity status

This portal partially conforms to the French accessibility framework (RGAA), version 4.1. Every page type is checked automatically with axe-core; a full audit by an independent body is still to be carried out.

## Features

- A skip link leads straight to the content.
- The "Enlarge / Reduce text size" buttons change the text size, without any cookie.
- The map of partner zones and the charts come with a text equivalent (list and tables).

## Report a problem

If you cannot access some content or service, write to relations-internationales@essonne.fr describing the page and the difficulty: we will answer and offer an accessible alternative.

## Remedies

If you do not get a satisfactory answer, you may refer the matter to the Défenseur des droits (https://formulaire.defenseurdesdroits.fr).""",
    },
]

PAGES_BY_KEY = {page["key"]: page for page in PAGES}
