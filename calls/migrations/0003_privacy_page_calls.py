"""The privacy page says what an application to a call for projects collects, who sees it and
how long it is kept (``portal/legal_defaults.py``).

The texts are frozen here. A page staff have edited since it was last written is left as they
wrote it: they update it themselves. The page is the site's (``portal``); the paragraphs are this
app's, so the update comes with the app.
"""

from django.db import migrations

BEFORE = {'body': "Le Département de l'Essonne est responsable des traitements de données personnelles "
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
         "Un message envoyé à l'adresse électronique indiquée demande d'abord de la confirmer\xa0: "
         "tant qu'elle ne l'est pas, l'inscription ne réserve aucune place et la demande n'est "
         'transmise à personne. Ce message ne reprend rien de ce qui a été saisi dans le '
         'formulaire.\n'
         '\n'
         'Ces données ne sont jamais publiées ni cédées. Seuls les agents du CRESI ou de la '
         "mission Europe y ont accès, une fois l'adresse confirmée.\n"
         '\n'
         '## Base légale\n'
         '\n'
         'Votre consentement, recueilli dans chaque formulaire, et la mission de service public du '
         'Département.\n'
         '\n'
         '## Durée de conservation\n'
         '\n'
         'Les inscriptions sont supprimées douze mois après la formation\xa0; les demandes '
         "d'accompagnement, douze mois après leur clôture. Une inscription ou une demande dont "
         "l'adresse n'a pas été confirmée dans les 24\xa0heures (pour une formation, au plus tard "
         'le dernier jour des inscriptions) est supprimée le lendemain au plus tard.\n'
         '\n'
         "Le suivi des messages envoyés par le portail (leur date et, en cas d'échec, la réponse "
         "du serveur de messagerie, qui peut citer l'adresse du destinataire) est conservé 30\xa0"
         'jours.\n'
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
 'body_en': "The Département de l'Essonne is the controller of the personal data processed on this "
            'portal.\n'
            '\n'
            '## What is collected, and why\n'
            '\n'
            '- Registration for a CRESI training day: name, e-mail address, organisation and, if '
            'you wish, phone number, to organise the training and keep you informed.\n'
            '- Support request to Mission Europe: organisation name, contact person, e-mail '
            'address, optional phone number and project description, to answer and support you.\n'
            '\n'
            'A message sent to the e-mail address given first asks to confirm it: until it is, the '
            'registration holds no place and the request reaches no one. This message repeats '
            'nothing typed in the form.\n'
            '\n'
            'This data is never published or passed on. Only CRESI or Mission Europe staff can see '
            'it, once the address is confirmed.\n'
            '\n'
            '## Legal basis\n'
            '\n'
            "Your consent, given in each form, and the Département's public service mission.\n"
            '\n'
            '## How long it is kept\n'
            '\n'
            'Registrations are deleted twelve months after the training; support requests twelve '
            'months after they are closed. A registration or request whose address was not '
            'confirmed within 24 hours (for a training, by the last day of registrations at the '
            'latest) is deleted the next day at the latest.\n'
            '\n'
            'The record of the messages the portal sends (their date and, if sending failed, the '
            "mail server's answer, which may quote the recipient's address) is kept 30 days.\n"
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
            'no data about visitors.'}

AFTER = {'body': "Le Département de l'Essonne est responsable des traitements de données personnelles "
         'réalisés sur ce portail.\n'
         '\n'
         '## Ce qui est collecté, et pourquoi\n'
         '\n'
         '- Inscription à une formation du CRESI\xa0: nom, adresse électronique, structure et, si '
         'vous le souhaitez, téléphone, pour organiser la formation et vous en informer.\n'
         "- Demande d'accompagnement de la mission Europe\xa0: nom de la structure, personne à "
         'contacter, adresse électronique, téléphone facultatif et description du projet, pour '
         'vous répondre et vous accompagner.\n'
         '- Candidature à un appel à projets\xa0: adresse électronique, nom, SIRET ou numéro RNA '
         'et adresse de la structure, personne à contacter et son téléphone, description et budget '
         "du projet, pièces jointes, pour instruire le dossier et, s'il est retenu, établir la "
         'décision de subvention (qui, elle, est publiée\xa0: bénéficiaire, objet, montant).\n'
         '\n'
         "Un message envoyé à l'adresse électronique indiquée demande d'abord de la confirmer\xa0: "
         "tant qu'elle ne l'est pas, l'inscription ne réserve aucune place et la demande n'est "
         'transmise à personne. Ce message ne reprend rien de ce qui a été saisi dans le '
         'formulaire.\n'
         '\n'
         'Ces données ne sont jamais publiées ni cédées. Seuls les agents du CRESI ou de la '
         "mission Europe y ont accès, une fois l'adresse confirmée\xa0; les dossiers de "
         'candidature, les seuls agents chargés des appels à projets.\n'
         '\n'
         '## Base légale\n'
         '\n'
         'Votre consentement, recueilli dans chaque formulaire, et la mission de service public du '
         'Département.\n'
         '\n'
         '## Durée de conservation\n'
         '\n'
         'Les inscriptions sont supprimées douze mois après la formation\xa0; les demandes '
         "d'accompagnement, douze mois après leur clôture. Une inscription ou une demande dont "
         "l'adresse n'a pas été confirmée dans les 24\xa0heures (pour une formation, au plus tard "
         'le dernier jour des inscriptions) est supprimée le lendemain au plus tard.\n'
         '\n'
         'Les dossiers de candidature aux appels à projets sont supprimés, avec leurs pièces '
         "jointes, douze mois après la clôture de l'appel s'ils n'ont pas été déposés, ou ont été "
         "jugés non recevables ou refusés\xa0; douze mois après la fin du projet s'ils ont été "
         'retenus. Les décisions de subvention restent publiées.\n'
         '\n'
         "Le suivi des messages envoyés par le portail (leur date et, en cas d'échec, la réponse "
         "du serveur de messagerie, qui peut citer l'adresse du destinataire) est conservé 30\xa0"
         'jours.\n'
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
 'body_en': "The Département de l'Essonne is the controller of the personal data processed on this "
            'portal.\n'
            '\n'
            '## What is collected, and why\n'
            '\n'
            '- Registration for a CRESI training day: name, e-mail address, organisation and, if '
            'you wish, phone number, to organise the training and keep you informed.\n'
            '- Support request to Mission Europe: organisation name, contact person, e-mail '
            'address, optional phone number and project description, to answer and support you.\n'
            '- Application to a call for projects: e-mail address, name, SIRET or RNA number and '
            'address of the organisation, contact person and their phone number, description and '
            'budget of the project, attachments, to review the application and, if it is selected, '
            'draw up the subsidy decision (which is published: beneficiary, purpose, amount).\n'
            '\n'
            'A message sent to the e-mail address given first asks to confirm it: until it is, the '
            'registration holds no place and the request reaches no one. This message repeats '
            'nothing typed in the form.\n'
            '\n'
            'This data is never published or passed on. Only CRESI or Mission Europe staff can see '
            'it, once the address is confirmed; applications, only the staff in charge of calls '
            'for projects.\n'
            '\n'
            '## Legal basis\n'
            '\n'
            "Your consent, given in each form, and the Département's public service mission.\n"
            '\n'
            '## How long it is kept\n'
            '\n'
            'Registrations are deleted twelve months after the training; support requests twelve '
            'months after they are closed. A registration or request whose address was not '
            'confirmed within 24 hours (for a training, by the last day of registrations at the '
            'latest) is deleted the next day at the latest.\n'
            '\n'
            'Applications to calls for projects are deleted, with their attachments, twelve months '
            'after the call closes if they were not submitted, or were found not admissible or '
            'refused; twelve months after the end of the project if they were selected. Subsidy '
            'decisions stay published.\n'
            '\n'
            'The record of the messages the portal sends (their date and, if sending failed, the '
            "mail server's answer, which may quote the recipient's address) is kept 30 days.\n"
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
            'no data about visitors.'}


def update_privacy_page(apps, schema_editor, old=BEFORE, new=AFTER):
    LegalPage = apps.get_model("portal", "LegalPage")
    for field in ("body", "body_en"):
        LegalPage.objects.filter(key="privacy", **{field: old[field]}).update(**{field: new[field]})


def restore_privacy_page(apps, schema_editor):
    update_privacy_page(apps, schema_editor, old=AFTER, new=BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0002_calls_group"),
        ("portal", "0003_privacy_page_confirmed_addresses"),
    ]

    operations = [migrations.RunPython(update_privacy_page, restore_privacy_page)]
