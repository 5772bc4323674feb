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

## Hébergement

Le portail est hébergé sur l'infrastructure du Département de l'Essonne, en France.

## Réutilisation des contenus

Les données publiées sur les subventions sont des données ouvertes, réutilisables sous Licence Ouverte 2.0 (Etalab). Les textes et images du portail ne peuvent être reproduits sans l'accord du Département.""",
        "body_en": """## Publisher

Département de l'Essonne, hôtel du Département, boulevard de France, 91012 Évry-Courcouronnes Cedex, France.
Phone: +33 1 60 91 91 91

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
- Candidature à un appel à projets{NBSP}: adresse électronique, nom, SIRET ou numéro RNA et adresse de la structure, personne à contacter et son téléphone, description et budget du projet, pièces jointes, pour instruire le dossier et, s'il est retenu, établir la décision de subvention (qui, elle, est publiée{NBSP}: bénéficiaire, objet, montant).

Un message envoyé à l'adresse électronique indiquée demande d'abord de la confirmer{NBSP}: tant qu'elle ne l'est pas, l'inscription ne réserve aucune place et la demande n'est transmise à personne. Ce message ne reprend rien de ce qui a été saisi dans le formulaire.

Ces données ne sont jamais publiées ni cédées. Seuls les agents du CRESI ou de la mission Europe y ont accès, une fois l'adresse confirmée{NBSP}; les dossiers de candidature, les seuls agents chargés des appels à projets.

## Base légale

Votre consentement, recueilli dans chaque formulaire, et la mission de service public du Département.

## Durée de conservation

Les inscriptions sont supprimées douze mois après la formation{NBSP}; les demandes d'accompagnement, douze mois après leur clôture. Une inscription ou une demande dont l'adresse n'a pas été confirmée dans les 24{NBSP}heures (pour une formation, au plus tard le dernier jour des inscriptions) est supprimée le lendemain au plus tard.

Les dossiers de candidature aux appels à projets sont supprimés, avec leurs pièces jointes, douze mois après la clôture de l'appel s'ils n'ont pas été déposés, ou ont été jugés non recevables ou refusés{NBSP}; douze mois après la fin du projet s'ils ont été retenus. Les décisions de subvention restent publiées.

Le suivi des messages envoyés par le portail (leur date et, en cas d'échec, la réponse du serveur de messagerie, qui peut citer l'adresse du destinataire) est conservé 30{NBSP}jours.

## Vos droits

Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation et d'opposition. Pour l'exercer, écrivez au délégué à la protection des données du Département{NBSP}: dpo@essonne.fr. Vous pouvez aussi adresser une réclamation à la CNIL (https://www.cnil.fr).

## Mesure d'audience et cookies

Ce portail ne dépose aucun cookie de mesure d'audience ni de suivi. Les compteurs de vues des pages ne conservent aucune donnée sur les visiteurs.""",
        "body_en": """The Département de l'Essonne is the controller of the personal data processed on this portal.

## What is collected, and why

- Registration for a CRESI training day: name, e-mail address, organisation and, if you wish, phone number, to organise the training and keep you informed.
- Support request to Mission Europe: organisation name, contact person, e-mail address, optional phone number and project description, to answer and support you.
- Application to a call for projects: e-mail address, name, SIRET or RNA number and address of the organisation, contact person and their phone number, description and budget of the project, attachments, to review the application and, if it is selected, draw up the subsidy decision (which is published: beneficiary, purpose, amount).

A message sent to the e-mail address given first asks to confirm it: until it is, the registration holds no place and the request reaches no one. This message repeats nothing typed in the form.

This data is never published or passed on. Only CRESI or Mission Europe staff can see it, once the address is confirmed; applications, only the staff in charge of calls for projects.

## Legal basis

Your consent, given in each form, and the Département's public service mission.

## How long it is kept

Registrations are deleted twelve months after the training; support requests twelve months after they are closed. A registration or request whose address was not confirmed within 24 hours (for a training, by the last day of registrations at the latest) is deleted the next day at the latest.

Applications to calls for projects are deleted, with their attachments, twelve months after the call closes if they were not submitted, or were found not admissible or refused; twelve months after the end of the project if they were selected. Subsidy decisions stay published.

The record of the messages the portal sends (their date and, if sending failed, the mail server's answer, which may quote the recipient's address) is kept 30 days.

## Your rights

You have the right to access, correct, erase, restrict and object. To exercise them, write to the Département's data protection officer: dpo@essonne.fr. You may also complain to the CNIL (https://www.cnil.fr).

## Audience measurement and cookies

This portal sets no audience-measurement or tracking cookie. Page view counters keep no data about visitors.""",
    },
    {
        "key": "accessibility",
        "title": "Déclaration d'accessibilité",
        "title_en": "Accessibility statement",
        "body": f"""Le Département de l'Essonne s'engage à rendre ce portail accessible conformément à l'article 47 de la loi n°{NBSP}2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique au portail «{NBSP}L'Essonne à l'international{NBSP}».

## État de conformité

Ce portail est non conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, faute d'un audit de conformité réalisé à ce jour. Il a été conçu pour le respecter et chaque type de page est vérifié automatiquement.

## Résultats des tests

Aucun audit RGAA n'a encore été réalisé{NBSP}: le taux de conformité n'est donc pas connu. Chaque type de page publique, en français et en anglais, est vérifié à chaque modification du code avec l'outil axe-core (règles WCAG 2.1 niveaux A et AA), qui ne relève aucune erreur{NBSP}; la navigation au clavier est vérifiée sur la page d'accueil, les zones partenaires et le formulaire d'inscription.

## Contenus non accessibles

- Certains documents à télécharger du centre de ressources (CRESI), produits par des partenaires, peuvent ne pas être accessibles{NBSP}: demandez-en une version accessible à l'adresse ci-dessous.
- Les textes qui n'ont pas de version anglaise s'affichent en français sur le site anglais.

## Aménagements

- Un lien d'évitement mène directement au contenu.
- Les boutons «{NBSP}Agrandir / Diminuer la taille du texte{NBSP}» adaptent la taille des caractères, sans cookie.
- La carte des zones partenaires et les graphiques sont accompagnés de leur équivalent textuel (liste et tableaux).

## Établissement de cette déclaration

Cette déclaration a été établie le 28 novembre 2026.

- Technologies utilisées{NBSP}: HTML5, CSS, SVG, JavaScript (facultatif{NBSP}: le site fonctionne sans).
- Environnement de test{NBSP}: Chromium (dernière version stable) sous Linux, avec axe-core.

## Retour d'information et contact

Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à relations-internationales@essonne.fr en décrivant la page et la difficulté{NBSP}: nous vous répondrons et vous proposerons une alternative accessible.

## Voies de recours

Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (https://formulaire.defenseurdesdroits.fr) ou lui écrire gratuitement, sans timbre{NBSP}: Défenseur des droits, libre réponse 71120, 75342 Paris CEDEX 07.""",
        "body_en": """The Département de l'Essonne is committed to making this portal accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005. This statement applies to the portal "L'Essonne à l'international".

## Conformity status

This portal is not compliant with the French accessibility framework (RGAA), version 4.1, as no conformity audit has been carried out yet. It was built to meet it and every page type is checked automatically.

## Test results

No RGAA audit has been carried out yet, so the conformity rate is not known. Every public page type, in French and English, is checked with axe-core (WCAG 2.1 level A and AA rules) at every change of the code, which reports no error; keyboard navigation is checked on the home page, the partner zones and the registration form.

## Non-accessible content

- Some documents of the resource centre (CRESI), produced by partners, may not be accessible: ask for an accessible version at the address below.
- Texts without an English version are shown in French on the English site.

## Features

- A skip link leads straight to the content.
- The "Enlarge / Reduce text size" buttons change the text size, without any cookie.
- The map of partner zones and the charts come with a text equivalent (list and tables).

## Preparation of this statement

This statement was drawn up on 28 November 2026.

- Technologies: HTML5, CSS, SVG, JavaScript (optional: the site works without it).
- Test environment: Chromium (latest stable release) on Linux, with axe-core.

## Feedback and contact

If you cannot access some content or service, write to relations-internationales@essonne.fr describing the page and the difficulty: we will answer and offer an accessible alternative.

## Remedies

If you do not get a satisfactory answer, you may refer the matter to the Défenseur des droits (https://formulaire.defenseurdesdroits.fr).""",
    },
]

PAGES_BY_KEY = {page["key"]: page for page in PAGES}
