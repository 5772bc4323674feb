from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The text the pages were first published with, frozen here: later changes to
# ``portal/legal_defaults.py`` (the fallback shown when a row is missing) must not change what a
# migration writes.
PAGES = [{'key': 'legal-notice',
  'title': 'Mentions légales',
  'title_en': 'Legal notice',
  'body': '## Éditeur\n'
          '\n'
          "Département de l'Essonne, hôtel du Département, boulevard de France, 91012 "
          'Évry-Courcouronnes Cedex.\n'
          'Téléphone\xa0: 01 60 91 91 91\n'
          '\n'
          '## Directeur de la publication\n'
          '\n'
          "Le président ou la présidente du conseil départemental de l'Essonne.\n"
          '\n'
          '## Hébergement\n'
          '\n'
          "Le portail est hébergé sur l'infrastructure du Département de l'Essonne, en France.\n"
          '\n'
          '## Réutilisation des contenus\n'
          '\n'
          'Les données publiées sur les subventions sont des données ouvertes, réutilisables sous '
          'Licence Ouverte 2.0 (Etalab). Les textes et images du portail ne peuvent être '
          "reproduits sans l'accord du Département.",
  'body_en': '## Publisher\n'
             '\n'
             "Département de l'Essonne, hôtel du Département, boulevard de France, 91012 "
             'Évry-Courcouronnes Cedex, France.\n'
             'Phone: +33 1 60 91 91 91\n'
             '\n'
             '## Director of publication\n'
             '\n'
             "The president of the conseil départemental de l'Essonne.\n"
             '\n'
             '## Hosting\n'
             '\n'
             "The portal is hosted on the infrastructure of the Département de l'Essonne, in "
             'France.\n'
             '\n'
             '## Reuse\n'
             '\n'
             'The subsidy data published here is open data, reusable under the Licence Ouverte 2.0 '
             "(Etalab). The portal's texts and images may not be reproduced without the "
             "Département's consent."},
 {'key': 'privacy',
  'title': 'Données personnelles',
  'title_en': 'Personal data',
  'body': "Le Département de l'Essonne est responsable des traitements de données personnelles "
          'réalisés sur ce portail.\n'
          '\n'
          '## Ce qui est collecté, et pourquoi\n'
          '\n'
          '- Inscription à une formation du CRESI\xa0: nom, adresse électronique, structure et, si '
          'vous le souhaitez, téléphone, pour organiser la formation et vous en informer.\n'
          "- Demande d'accompagnement de la mission Europe\xa0: nom de la structure, personne à "
          'contacter, adresse électronique, téléphone facultatif et description du projet, pour '
          'vous répondre et vous accompagner.\n'
          '\n'
          'Ces données ne sont jamais publiées ni cédées. Seuls les agents du CRESI ou de la '
          'mission Europe y ont accès.\n'
          '\n'
          '## Base légale\n'
          '\n'
          'Votre consentement, recueilli dans chaque formulaire, et la mission de service public '
          'du Département.\n'
          '\n'
          '## Durée de conservation\n'
          '\n'
          'Les inscriptions sont supprimées douze mois après la formation\xa0; les demandes '
          "d'accompagnement, douze mois après leur clôture.\n"
          '\n'
          '## Vos droits\n'
          '\n'
          "Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation et "
          "d'opposition. Pour l'exercer, écrivez au délégué à la protection des données du "
          'Département\xa0: dpo@essonne.fr. Vous pouvez aussi adresser une réclamation à la CNIL '
          '(https://www.cnil.fr).\n'
          '\n'
          "## Mesure d'audience et cookies\n"
          '\n'
          "Ce portail ne dépose aucun cookie de mesure d'audience ni de suivi. Les compteurs de "
          'vues des pages ne conservent aucune donnée sur les visiteurs.',
  'body_en': "The Département de l'Essonne is the controller of the personal data processed on "
             'this portal.\n'
             '\n'
             '## What is collected, and why\n'
             '\n'
             '- Registration for a CRESI training day: name, e-mail address, organisation and, if '
             'you wish, phone number, to organise the training and keep you informed.\n'
             '- Support request to Mission Europe: organisation name, contact person, e-mail '
             'address, optional phone number and project description, to answer and support you.\n'
             '\n'
             'This data is never published or passed on. Only CRESI or Mission Europe staff can '
             'see it.\n'
             '\n'
             '## Legal basis\n'
             '\n'
             "Your consent, given in each form, and the Département's public service mission.\n"
             '\n'
             '## How long it is kept\n'
             '\n'
             'Registrations are deleted twelve months after the training; support requests twelve '
             'months after they are closed.\n'
             '\n'
             '## Your rights\n'
             '\n'
             'You have the right to access, correct, erase, restrict and object. To exercise them, '
             "write to the Département's data protection officer: dpo@essonne.fr. You may also "
             'complain to the CNIL (https://www.cnil.fr).\n'
             '\n'
             '## Audience measurement and cookies\n'
             '\n'
             'This portal sets no audience-measurement or tracking cookie. Page view counters keep '
             'no data about visitors.'},
 {'key': 'accessibility',
  'title': "Déclaration d'accessibilité",
  'title_en': 'Accessibility statement',
  'body': "Le Département de l'Essonne s'engage à rendre ce portail accessible conformément à "
          "l'article 47 de la loi n°\xa02005-102 du 11 février 2005. Cette déclaration "
          "d'accessibilité s'applique au portail «\xa0L'Essonne à l'international\xa0».\n"
          '\n'
          '## État de conformité\n'
          '\n'
          "Ce portail est non conforme au référentiel général d'amélioration de l'accessibilité "
          "(RGAA), version 4.1, faute d'un audit de conformité réalisé à ce jour. Il a été conçu "
          'pour le respecter et chaque type de page est vérifié automatiquement.\n'
          '\n'
          '## Résultats des tests\n'
          '\n'
          "Aucun audit RGAA n'a encore été réalisé\xa0: le taux de conformité n'est donc pas "
          'connu. Chaque type de page publique, en français et en anglais, est vérifié à chaque '
          "modification du code avec l'outil axe-core (règles WCAG 2.1 niveaux A et AA), qui ne "
          "relève aucune erreur\xa0; la navigation au clavier est vérifiée sur la page d'accueil, "
          "les zones partenaires et le formulaire d'inscription.\n"
          '\n'
          '## Contenus non accessibles\n'
          '\n'
          '- Certains documents à télécharger du centre de ressources (CRESI), produits par des '
          'partenaires, peuvent ne pas être accessibles\xa0: demandez-en une version accessible à '
          "l'adresse ci-dessous.\n"
          "- Les textes qui n'ont pas de version anglaise s'affichent en français sur le site "
          'anglais.\n'
          '\n'
          '## Aménagements\n'
          '\n'
          "- Un lien d'évitement mène directement au contenu.\n"
          '- Les boutons «\xa0Agrandir / Diminuer la taille du texte\xa0» adaptent la taille des '
          'caractères, sans cookie.\n'
          '- La carte des zones partenaires et les graphiques sont accompagnés de leur équivalent '
          'textuel (liste et tableaux).\n'
          '\n'
          '## Établissement de cette déclaration\n'
          '\n'
          'Cette déclaration a été établie le 28 novembre 2026.\n'
          '\n'
          '- Technologies utilisées\xa0: HTML5, CSS, SVG, JavaScript (facultatif\xa0: le site '
          'fonctionne sans).\n'
          '- Environnement de test\xa0: Chromium (dernière version stable) sous Linux, avec '
          'axe-core.\n'
          '\n'
          "## Retour d'information et contact\n"
          '\n'
          "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à "
          'relations-internationales@essonne.fr en décrivant la page et la difficulté\xa0: nous '
          'vous répondrons et vous proposerons une alternative accessible.\n'
          '\n'
          '## Voies de recours\n'
          '\n'
          "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des "
          'droits (https://formulaire.defenseurdesdroits.fr) ou lui écrire gratuitement, sans '
          'timbre\xa0: Défenseur des droits, libre réponse 71120, 75342 Paris CEDEX 07.',
  'body_en': "The Département de l'Essonne is committed to making this portal accessible, as "
             'required by article 47 of French law no. 2005-102 of 11 February 2005. This '
             'statement applies to the portal "L\'Essonne à l\'international".\n'
             '\n'
             '## Conformity status\n'
             '\n'
             'This portal is not compliant with the French accessibility framework (RGAA), version '
             '4.1, as no conformity audit has been carried out yet. It was built to meet it and '
             'every page type is checked automatically.\n'
             '\n'
             '## Test results\n'
             '\n'
             'No RGAA audit has been carried out yet, so the conformity rate is not known. Every '
             'public page type, in French and English, is checked with axe-core (WCAG 2.1 level A '
             'and AA rules) at every change of the code, which reports no error; keyboard '
             'navigation is checked on the home page, the partner zones and the registration '
             'form.\n'
             '\n'
             '## Non-accessible content\n'
             '\n'
             '- Some documents of the resource centre (CRESI), produced by partners, may not be '
             'accessible: ask for an accessible version at the address below.\n'
             '- Texts without an English version are shown in French on the English site.\n'
             '\n'
             '## Features\n'
             '\n'
             '- A skip link leads straight to the content.\n'
             '- The "Enlarge / Reduce text size" buttons change the text size, without any '
             'cookie.\n'
             '- The map of partner zones and the charts come with a text equivalent (list and '
             'tables).\n'
             '\n'
             '## Preparation of this statement\n'
             '\n'
             'This statement was drawn up on 28 November 2026.\n'
             '\n'
             '- Technologies: HTML5, CSS, SVG, JavaScript (optional: the site works without it).\n'
             '- Test environment: Chromium (latest stable release) on Linux, with axe-core.\n'
             '\n'
             '## Feedback and contact\n'
             '\n'
             'If you cannot access some content or service, write to '
             'relations-internationales@essonne.fr describing the page and the difficulty: we will '
             'answer and offer an accessible alternative.\n'
             '\n'
             '## Remedies\n'
             '\n'
             'If you do not get a satisfactory answer, you may refer the matter to the Défenseur '
             'des droits (https://formulaire.defenseurdesdroits.fr).'}]


def seed(apps, schema_editor):
    LegalPage = apps.get_model("portal", "LegalPage")
    for page in PAGES:
        LegalPage.objects.get_or_create(key=page["key"], defaults=page)
    # Editors change the legal pages; permissions are made now so the group gets them in this run.
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name="Éditeurs")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="portal",
            codename__in=["change_legalpage", "view_legalpage"],
        )
    )


class Migration(migrations.Migration):
    """The legal pages, seeded. These were migrations of ``essonne_intl`` before it became
    configuration only: a database that applied them counts this one as applied (``replaces``)
    and keeps its table and rows, which ``0002`` renames."""

    initial = True
    replaces = [
        ("essonne_intl", "0002_legal_pages"),
        ("essonne_intl", "0003_seed_legal_pages"),
        ("essonne_intl", "0004_help_text_typography"),
    ]
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegalPage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(choices=[("legal-notice", "Mentions légales"), ("privacy", "Données personnelles"), ("accessibility", "Déclaration d'accessibilité")], max_length=20, unique=True, verbose_name="page")),
                ("title", models.CharField(max_length=200, verbose_name="titre")),
                ("title_en", models.CharField(blank=True, max_length=200, verbose_name="titre en anglais")),
                ("body", models.TextField(help_text="Paragraphes séparés par une ligne vide\xa0; «\xa0##\xa0» en début de ligne pour un intertitre, «\xa0-\xa0» pour une liste. Les adresses web et électroniques deviennent des liens.", verbose_name="texte")),
                ("body_en", models.TextField(blank=True, verbose_name="texte en anglais")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="mis à jour le")),
            ],
            options={
                "verbose_name": "page légale",
                "verbose_name_plural": "pages légales",
                "ordering": ["key"],
                "db_table": "essonne_intl_legalpage",
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
