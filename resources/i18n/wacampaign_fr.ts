<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActivityForm</name>
    <message>
        <location filename="../../ui/activity_view.ui" line="+9"/>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Webhook events</source>
        <translation>Événements webhook</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind of event</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search message SID or status</source>
        <translation>Rechercher un SID de message ou un statut</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select an event to see what Twilio sent.</source>
        <translation>Sélectionnez un événement pour voir ce que Twilio a envoyé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>App log</source>
        <translation>Journal de l&apos;application</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter log lines</source>
        <translation>Filtrer les lignes du journal</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/activity/view.py" line="+32"/>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status callbacks</source>
        <translation>Retours de statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming messages</source>
        <translation>Messages entrants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown requests</source>
        <translation>Requêtes inconnues</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>Appliqués</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ignored</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for their message</source>
        <translation>En attente de leur message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received messages</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-outs (STOP)</source>
        <translation>Désinscriptions (STOP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Information and above</source>
        <translation>Informations et plus important</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Log file: %1</source>
        <translation>Fichier journal : %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Events: %1</source>
        <translation>Événements : %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Nothing to show.</source>
        <translation>Rien à afficher.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The log file could not be read: %1</source>
        <translation>Le fichier journal n&apos;a pas pu être lu : %1</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/alerts.py" line="+92"/>
        <source>Show campaign</source>
        <translation>Voir la campagne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (×%1)</source>
        <translation> (×%1)</translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <location line="+67"/>
        <source>Twilio cannot reach this computer: status updates will wait until the tunnel is back.</source>
        <translation>Twilio ne peut pas joindre cet ordinateur : les mises à jour de statut attendront le retour du tunnel.</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>To change it, open %1 → %2 and pick another choice under “%3”.</source>
        <translation>Pour le changer, ouvrez %1 → %2 et choisissez une autre option sous « %3 ».</translation>
    </message>
    <message>
        <source>The ngrok tunnel could not be set up: %1.</source>
        <translation>Le tunnel ngrok n’a pas pu être établi : %1.</translation>
    </message>
    <message>
        <source>Your own public address could not be set up: %1.</source>
        <translation>Votre propre adresse publique n’a pas pu être mise en place : %1.</translation>
    </message>
    <message>
        <source>The public webhook address could not be set up: %1.</source>
        <translation>L’adresse publique des webhooks n’a pas pu être mise en place : %1.</translation>
    </message>
    <message>
        <source>Sending still works and webhooks are received on this computer (%1), but Twilio&apos;s status updates cannot reach it.</source>
        <translation>L’envoi fonctionne toujours et les webhooks sont reçus sur cet ordinateur (%1), mais les mises à jour de statut de Twilio ne peuvent pas l’atteindre.</translation>
    </message>
    <message>
        <source>The database is full</source>
        <translation>La base de données est pleine</translation>
    </message>
    <message>
        <source>The disk holding the database is full, so nothing new can be stored. Webhooks are answered 503 (Twilio retries them) and sending is paused. Free some disk space (File → Storage… → Clean up now, or delete other files); everything resumes by itself.</source>
        <translation>Le disque qui contient la base de données est plein : plus rien ne peut être enregistré. Les webhooks reçoivent une réponse 503 (Twilio les renvoie) et l’envoi est en pause. Libérez de l’espace disque (Fichier → Stockage… → Nettoyer maintenant, ou supprimez d’autres fichiers) ; tout reprend tout seul.</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Campaign paused automatically</source>
        <translation>Campagne mise en pause automatiquement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public webhook address is down</source>
        <translation>L&apos;adresse publique des webhooks ne répond plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A webhook was rejected (bad signature)</source>
        <translation>Un webhook a été refusé (signature incorrecte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status received for an unknown message</source>
        <translation>Statut reçu pour un message inconnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhook server problem</source>
        <translation>Problème du serveur de webhooks</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Public webhook address changed</source>
        <translation>L&apos;adresse publique des webhooks a changé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A scheduled campaign did not start</source>
        <translation>Une campagne programmée n&apos;a pas démarré</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Campaign “%1”</source>
        <translation>Campagne « %1 »</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages failed (alert above %3). Look at the errors of the failed messages; pause the campaign if the list or the text is wrong.</source>
        <translation>%1 des %2 derniers messages ont échoué (alerte au-delà de %3). Regardez les erreurs des messages en échec ; mettez la campagne en pause si la liste ou le texte est faux.</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages were not delivered (alert above %3). Check the numbers, and whether the contacts agreed to receive your messages.</source>
        <translation>%1 des %2 derniers messages n’ont pas été remis (alerte au-delà de %3). Vérifiez les numéros, et que les contacts ont accepté de recevoir vos messages.</translation>
    </message>
    <message>
        <source>No status update from Twilio for %1 minutes while sending: the public address (tunnel) is probably broken. Check it in File → Connect Twilio…; statuses are fetched again once it works.</source>
        <translation>Aucune nouvelle de Twilio depuis %1 minutes pendant l’envoi : l’adresse publique (tunnel) est sans doute coupée. Vérifiez-la dans Fichier → Connecter Twilio… ; les statuts sont récupérés dès qu’elle fonctionne.</translation>
    </message>
    <message>
        <source>Version %1 won the test and is being sent to the other recipients.</source>
        <translation>La version %1 a gagné le test et part vers les autres destinataires.</translation>
    </message>
    <message>
        <source>Many messages are failing</source>
        <translation>Beaucoup de messages échouent</translation>
    </message>
    <message>
        <source>Many messages are not delivered</source>
        <translation>Beaucoup de messages ne sont pas remis</translation>
    </message>
    <message>
        <source>No news from Twilio</source>
        <translation>Aucune nouvelle de Twilio</translation>
    </message>
    <message>
        <source>A/B test: winner chosen</source>
        <translation>Test A/B : gagnante choisie</translation>
    </message>
    <message>
        <source>Twilio&apos;s webhooks updated</source>
        <translation>Webhooks Twilio mis à jour</translation>
    </message>
    <message>
        <source>Twilio&apos;s webhooks could not be updated</source>
        <translation>Les webhooks Twilio n’ont pas pu être mis à jour</translation>
    </message>
    <message>
        <source>The public address changed to %1; the app set Twilio&apos;s webhooks to it again.</source>
        <translation>L’adresse publique est devenue %1 ; l’application y a réglé à nouveau les webhooks de Twilio.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/app.py" line="+82"/>
        <source>not available in this build</source>
        <translation>non disponible dans cette version</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sending and status updates are unavailable: %1</source>
        <translation>L&apos;envoi et les mises à jour de statut sont indisponibles : %1</translation>
    </message>
</context>
<context>
    <name>CampaignEditorDialog</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/editor/dialog.py" line="+61"/>
        <source>Edit campaign</source>
        <translation>Modifier la campagne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert a contact field…</source>
        <translation>Insérer un champ du contact…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact field</source>
        <translation>Champ du contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>messages/s</source>
        <translation>messages/s</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Save and start (Ctrl+Enter)</source>
        <translation>Enregistrer et démarrer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as a draft (Ctrl+S)</source>
        <translation>Enregistrer comme brouillon (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Give the campaign a name, so you can find it later.</source>
        <translation>Donnez un nom à la campagne pour la retrouver plus tard.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the message.</source>
        <translation>Écrivez le message.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long: %1 characters, WhatsApp through Twilio allows %2.</source>
        <translation>Trop long : %1 caractères, WhatsApp via Twilio en accepte %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write version B, or untick the A/B test.</source>
        <translation>Écrivez la version B, ou décochez le test A/B.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A template SID starts with HX and has 34 characters (Twilio Console → Content Template Builder).</source>
        <translation>Un SID de modèle commence par HX et compte 34 caractères (console Twilio → Content Template Builder).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each variable needs a number (1, 2…) and a contact field.</source>
        <translation>Chaque variable a besoin d’un numéro (1, 2…) et d’un champ du contact.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown contact field: %1. Known fields: %2.</source>
        <translation>Champ du contact inconnu : %1. Champs connus : %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address must start with https:// so Twilio can fetch it.</source>
        <translation>L’adresse doit commencer par https:// pour que Twilio puisse la récupérer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No contact has a tag yet: choose another option.</source>
        <translation>Aucun contact n&apos;a encore d&apos;étiquette : choisissez une autre option.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose at least one contact.</source>
        <translation>Choisissez au moins un contact.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This time has passed: choose a later one, or untick Start later.</source>
        <translation>Cette heure est passée : choisissez-en une plus tardive, ou décochez « Démarrer plus tard ».</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save and sc&amp;hedule</source>
        <translation>Enregistrer et &amp;programmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and s&amp;tart</source>
        <translation>Enregistrer et &amp;démarrer</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The recipients could not be checked: %1</source>
        <translation>Les destinataires n&apos;ont pas pu être vérifiés : %1</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/editor/form_io.py" line="+85"/>
        <source>(and %1 more)</source>
        <translation>(et %1 autres)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{{%1}} is empty for: %2</source>
        <translation>{{%1}} est vide pour : %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some contacts lack a value, fill it in Contacts or change the text.</source>
        <translation>Il manque une valeur pour certains contacts : complétez-la dans Contacts ou modifiez le texte.</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/editor/dialog.py" line="+25"/>
        <source>Nobody to send to: no contact matches these recipients (opted-out contacts and invalid numbers are skipped).</source>
        <translation>Personne à qui envoyer : aucun contact ne correspond à ces destinataires (les contacts désinscrits et les numéros invalides sont écartés).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Counting recipients…</source>
        <translation>Comptage des destinataires…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recipients: %1 · skipped: %2 (opted out or invalid number)</source>
        <translation>Destinataires : %1 · écartés : %2 (désinscrits ou numéro invalide)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This campaign has already been started; it can no longer be edited.</source>
        <translation>Cette campagne a déjà démarré ; elle ne peut plus être modifiée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending is unavailable: %1. You can still save the campaign as a draft.</source>
        <translation>L&apos;envoi est indisponible : %1. Vous pouvez tout de même enregistrer la campagne comme brouillon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending is getting ready (the app is still starting)…</source>
        <translation>L&apos;envoi se prépare (l&apos;application démarre encore)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the points marked in red to start.</source>
        <translation>Corrigez les points signalés en rouge pour démarrer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready to start.</source>
        <translation>Prête à démarrer.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 characters for this contact (the text has %2)</source>
        <translation>%1 caractères pour ce contact (le texte en compte %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No value for %1 for this contact</source>
        <translation>Pas de valeur pour %1 pour ce contact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add contacts to see the message as they will receive it.</source>
        <translation>Ajoutez des contacts pour voir le message tel qu’ils le recevront.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Characters: %1</source>
        <translation>Caractères : %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The campaign could not be saved: %1. Your text is still here; try again.</source>
        <translation>La campagne n&apos;a pas pu être enregistrée : %1. Votre texte est toujours là ; réessayez.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The campaign was saved as a draft but did not start: %1</source>
        <translation>La campagne a été enregistrée comme brouillon mais n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>A/B test: send 2 to 4 versions, each to its share of the recipients</source>
        <translation>Test A/B : envoyer 2 à 4 versions, chacune à sa part des destinataires</translation>
    </message>
    <message>
        <source>Send failed messages again on their own when the error allows it</source>
        <translation>Renvoyer d’eux-mêmes les messages en échec quand l’erreur le permet</translation>
    </message>
    <message>
        <source>The template of an A/B version cannot be sent: choose a synced, approved template (%1).</source>
        <translation>Le modèle d’une version A/B ne peut pas être envoyé : choisissez un modèle synchronisé et approuvé (%1).</translation>
    </message>
</context>
<context>
    <name>CampaignEditorForm</name>
    <message>
        <location filename="../../ui/campaign_editor.ui" line="+11"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Spring sale</source>
        <translation>p. ex. Soldes de printemps</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Text</source>
        <translation>&amp;Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved te&amp;mplate</source>
        <translation>&amp;Modèle approuvé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hello {{name}}, our spring sale starts tomorrow!</source>
        <translation>Bonjour {{name}}, nos soldes de printemps commencent demain !</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert a contact field</source>
        <translation>Insérer un champ du contact</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Template &amp;SID</source>
        <translation>&amp;SID du modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HX followed by 32 characters</source>
        <translation>HX suivi de 32 caractères</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Image or file URL</source>
        <translation>URL de l’&amp;image ou du fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional, https://…</source>
        <translation>Facultatif, https://…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A/B test: send a second version (B) to half of the recipients</source>
        <translation>Test A/B : envoyer une seconde version (B) à la moitié des destinataires</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version B of the text</source>
        <translation>Version B du texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version B</source>
        <translation>Version B</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;All contacts</source>
        <translation>&amp;Tous les contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts with the ta&amp;g</source>
        <translation>Contacts avec l’é&amp;tiquette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hosen contacts</source>
        <translation>Contacts &amp;choisis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sending</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Speed</source>
        <translation>&amp;Vitesse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start &amp;later, at</source>
        <translation>Démarrer p&amp;lus tard, à</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As &amp;received by</source>
        <translation>Tel que &amp;reçu par</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview of the message</source>
        <translation>Aperçu du message</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save draft</source>
        <translation>&amp;Enregistrer le brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and s&amp;tart</source>
        <translation>Enregistrer et &amp;démarrer</translation>
    </message>
</context>
<context>
    <name>CampaignView</name>
    <message>
        <source>%1 demo contacts are left out: they never get real messages.</source>
        <translation>%1 contacts de démonstration sont écartés : ils ne reçoivent jamais de vrais messages.</translation>
    </message>
    <message>
        <source>Being sent by %1</source>
        <translation>par %1</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/campaigns/campaign_view.py" line="+92"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+179"/>
        <source>Cancel campaign</source>
        <translation>Annuler la campagne</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Retry failed</source>
        <translation>Renvoyer les échecs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>All messages</source>
        <translation>Tous les messages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed or undelivered</source>
        <translation>Échec ou non remis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped or cancelled</source>
        <translation>Écarté ou annulé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replied</source>
        <translation>A répondu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search by phone number or name (Ctrl+F)</source>
        <translation>Rechercher par numéro ou par nom (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No campaign selected</source>
        <translation>Aucune campagne sélectionnée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a campaign with “New campaign” (Ctrl+N).</source>
        <translation>Créez une campagne avec « Nouvelle campagne » (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Template %1</source>
        <translation>Modèle %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Start will send to %1 contacts (%2 skipped).</source>
        <translation>Démarrer enverra le message à %1 contacts (%2 écartés).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fix the message first: %1</source>
        <translation>Corrigez d&apos;abord le message : %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The sending service is still starting…</source>
        <translation>Le service d&apos;envoi démarre encore…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not do that</source>
        <translation>Impossible de le faire</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop this campaign for good? Messages not yet sent will not be sent.</source>
        <translation>Arrêter définitivement cette campagne ? Les messages pas encore envoyés ne le seront pas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export messages</source>
        <translation>Exporter les messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export failed</source>
        <translation>L&apos;export a échoué</translation>
    </message>
    <message>
        <source>Show all messages</source>
        <translation>Afficher tous les messages</translation>
    </message>
    <message>
        <source>Filter on (%1): no message matches.</source>
        <translation>Filtre actif (%1) : aucun message ne correspond.</translation>
    </message>
    <message>
        <source>Filter on (%1): only matching messages are shown.</source>
        <translation>Filtre actif (%1) : seuls les messages correspondants sont affichés.</translation>
    </message>
    <message>
        <source>1 demo contact is left out: demo contacts never get real messages.</source>
        <translation>1 contact de démonstration est écarté : les contacts de démonstration ne reçoivent jamais de vrais messages.</translation>
    </message>
    <message>
        <source>Start would send to nobody</source>
        <translation>Démarrer n’enverrait le message à personne</translation>
    </message>
    <message>
        <source>Start will send to 1 contact</source>
        <translation>Démarrer enverra le message à 1 contact</translation>
    </message>
    <message>
        <source>Start will send to %1 contacts</source>
        <translation>Démarrer enverra le message à %1 contacts</translation>
    </message>
    <message>
        <source>(1 skipped)</source>
        <translation>(1 écarté)</translation>
    </message>
    <message>
        <source>(%1 skipped)</source>
        <translation>(%1 écartés)</translation>
    </message>
</context>
<context>
    <name>CampaignsTableModel</name>
    <message>
        <source>%1 · A/B</source>
        <translation>%1 · A/B</translation>
    </message>
    <message>
        <source>An A/B test: each message is sent with one of its versions</source>
        <translation>Un test A/B : chaque message part avec l’une de ses versions</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/models/campaigns_model.py" line="+55"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/campaigns/campaigns_view.py" line="+40"/>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a campaign (Ctrl+N)</source>
        <translation>Créer une campagne (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No campaign yet. Click “New campaign” to write your first message; in sandbox mode nothing is really sent.</source>
        <translation>Aucune campagne pour l’instant. Cliquez sur « Nouvelle campagne » pour écrire votre premier message ; en mode bac à sable, rien n’est vraiment envoyé.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Campaign editor</source>
        <translation>Éditeur de campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The campaign editor is not available in this build.</source>
        <translation>L&apos;éditeur de campagne n&apos;est pas disponible dans cette version.</translation>
    </message>
</context>
<context>
    <name>ConnectTwilioDialog</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/settings/connect_dialog.py" line="+39"/>
        <source>Connect Twilio</source>
        <translation>Connecter Twilio</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>Stored safely; leave empty to keep it</source>
        <translation>Conservé en lieu sûr ; laissez vide pour le garder</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>32 characters, shown once in the Twilio Console</source>
        <translation>32 caractères, affichés dans la console Twilio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From dashboard.ngrok.com → Your Authtoken</source>
        <translation>Sur dashboard.ngrok.com → Your Authtoken</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enter the Messaging Service SID (MG followed by 32 characters).</source>
        <translation>Saisissez le SID du Messaging Service (MG suivi de 32 caractères).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Messaging Service SID starts with MG and has 34 characters.</source>
        <translation>Un SID de Messaging Service commence par MG et compte 34 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the WhatsApp number Twilio gave you, e.g. +14155238886.</source>
        <translation>Saisissez le numéro WhatsApp fourni par Twilio, p. ex. +14155238886.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a usable phone number: %1</source>
        <translation>Numéro inutilisable : %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enter the Account SID from the Twilio Console.</source>
        <translation>Saisissez l&apos;Account SID indiqué dans la console Twilio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An Account SID starts with AC and has 34 characters (letters a–f and digits).</source>
        <translation>Un Account SID commence par AC et compte 34 caractères (lettres a à f et chiffres).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An Auth Token has exactly 32 letters and digits.</source>
        <translation>Un Auth Token compte exactement 32 lettres et chiffres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the Auth Token (Twilio Console → Account info).</source>
        <translation>Saisissez l&apos;Auth Token (console Twilio → Account info).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the public address starting with https://</source>
        <translation>Saisissez l&apos;adresse publique commençant par https://</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your ngrok authtoken (free at ngrok.com).</source>
        <translation>Saisissez votre authtoken ngrok (gratuit sur ngrok.com).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Real sending needs ngrok or your own public address, so that Twilio can report what happened to each message.</source>
        <translation>L&apos;envoi réel nécessite ngrok ou votre propre adresse publique, pour que Twilio puisse indiquer ce qu&apos;il est advenu de chaque message.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>(known once the ngrok tunnel has started)</source>
        <translation>(connue une fois le tunnel ngrok démarré)</translation>
    </message>
    <message>
        <source>(type your public address above)</source>
        <translation>(saisissez votre adresse publique ci-dessus)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Checking with Twilio…</source>
        <translation>Vérification auprès de Twilio…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It works: %1</source>
        <translation>Ça fonctionne : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Twilio refused this Account SID and Auth Token. Copy both again from the Twilio Console (Account info).</source>
        <translation>Twilio a refusé cet Account SID et cet Auth Token. Copiez-les à nouveau depuis la console Twilio (Account info).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Twilio does not know this Account SID.</source>
        <translation>Twilio ne connaît pas cet Account SID.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The check did not succeed.</source>
        <translation>La vérification n&apos;a pas abouti.</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+11"/>
        <source>Could not reach Twilio. Check the internet connection and try again.</source>
        <translation>Impossible de joindre Twilio. Vérifiez la connexion Internet et réessayez.</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Saving applies the new account and tunnel at once: sending reconnects with the new settings.</source>
        <translation>L&apos;enregistrement applique aussitôt le nouveau compte et le nouveau tunnel : l&apos;envoi se reconnecte avec ces nouveaux réglages.</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The settings could not be saved: %1</source>
        <translation>Les réglages n&apos;ont pas pu être enregistrés : %1</translation>
    </message>
    <message>
        <source>Enter your server&apos;s address starting with https://, e.g. https://hooks.example.com</source>
        <translation>Saisissez l&apos;adresse de votre serveur, commençant par https://, par exemple https://hooks.example.com</translation>
    </message>
</context>
<context>
    <name>ConnectTwilioForm</name>
    <message>
        <location filename="../../ui/connect_twilio_dialog.ui" line="+9"/>
        <source>Enter the details from your Twilio Console. Until you do, the app uses its built-in sandbox: nothing is really sent.</source>
        <translation>Saisissez les informations de votre console Twilio. En attendant, l&apos;application utilise son bac à sable intégré : rien n&apos;est vraiment envoyé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Twilio account</source>
        <translation>Compte Twilio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Account SID</source>
        <translation>&amp;Identifiant du compte (Account SID)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AC followed by 32 letters and digits</source>
        <translation>AC suivi de 32 lettres et chiffres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Auth &amp;Token</source>
        <translation>&amp;Jeton d&apos;authentification (Auth Token)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send from</source>
        <translation>Envoyer depuis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WhatsApp &amp;number</source>
        <translation>&amp;Numéro WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messaging &amp;Service</source>
        <translation>&amp;Service de messagerie (Messaging Service)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Check connection</source>
        <translation>&amp;Vérifier la connexion</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send real messages through this account (turn the sandbox off)</source>
        <translation>Envoyer de vrais messages avec ce compte (désactiver le bac à sable)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How Twilio reaches this computer</source>
        <translation>Comment Twilio joint cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Local only (sandbox and tests: Twilio cannot reach this computer)</source>
        <translation>&amp;Local uniquement (bac à sable et tests : Twilio ne peut pas joindre cet ordinateur)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n&amp;grok tunnel (recommended for real sending)</source>
        <translation>Tunnel n&amp;grok (recommandé pour l’envoi réel)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ngrok authtoken</source>
        <translation>Authtoken ngrok</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reserved domain (optional)</source>
        <translation>Domaine réservé (facultatif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. my-shop.ngrok.app</source>
        <translation>p. ex. ma-boutique.ngrok.app</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>My &amp;own public address</source>
        <translation>Ma &amp;propre adresse publique</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Public URL</source>
        <translation>URL publique</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Webhook addresses to paste into the Twilio Console:</source>
        <translation>Adresses des webhooks à coller dans la console Twilio :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status callback</source>
        <translation>Retour de statut</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Incoming messages</source>
        <translation>Messages entrants</translation>
    </message>
    <message>
        <source>&amp;Delete the demo contacts</source>
        <translation>&amp;Supprimer les contacts de démonstration</translation>
    </message>
    <message>
        <source>Our s&amp;erver at URL (the team&apos;s always-on receiver)</source>
        <translation>Notre s&amp;erveur à une adresse (le récepteur permanent de l&apos;équipe)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>&amp;Apply to Twilio</source>
        <translation>&amp;Appliquer chez Twilio</translation>
    </message>
    <message>
        <source>Set these two addresses on your sender in Twilio, then read them back to check</source>
        <translation>Enregistrer ces deux adresses sur votre expéditeur chez Twilio, puis les relire pour vérifier</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/contacts/contact_dialog.py" line="+44"/>
        <source>Edit contact</source>
        <translation>Modifier le contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the contact&apos;s mobile number.</source>
        <translation>Saisissez le numéro de mobile du contact.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a usable number: %1</source>
        <translation>Numéro inutilisable : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 already belongs to another contact (%2).</source>
        <translation>%1 appartient déjà à un autre contact (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1 needs the form &apos;name: value&apos;.</source>
        <translation>La ligne %1 doit avoir la forme « nom: valeur ».</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The contact could not be saved: %1</source>
        <translation>Le contact n&apos;a pas pu être enregistré : %1</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../ui/contact_dialog.ui" line="+9"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Alice Martin</source>
        <translation>p. ex. Alice Martin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>&amp;Téléphone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+33 6 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Tags</source>
        <translation>É&amp;tiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separated by commas, e.g. vip, lyon</source>
        <translation>Séparées par des virgules, p. ex. vip, lyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other &amp;fields</source>
        <translation>Autres &amp;champs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One per line, e.g.
city: Lyon
first_visit: 2024-05-01</source>
        <translation>Un par ligne, p. ex.
ville: Lyon
premiere_visite: 2024-05-01</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Opted out: never send campaigns to this contact</source>
        <translation>&amp;Désinscrit : ne jamais envoyer de campagne à ce contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Untick only if the contact asked to receive messages again (for example by writing START).</source>
        <translation>Ne décochez que si le contact a demandé à recevoir à nouveau des messages (par exemple en écrivant START).</translation>
    </message>
</context>
<context>
    <name>ContactPickerDialog</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/editor/contact_picker.py" line="+25"/>
        <source>Choose the recipients</source>
        <translation>Choisir les destinataires</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search name or number</source>
        <translation>Rechercher un nom ou un numéro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(opted out: will be skipped)</source>
        <translation>(désinscrit : sera écarté)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Chosen: %1</source>
        <translation>Choisis : %1</translation>
    </message>
</context>
<context>
    <name>ContactsForm</name>
    <message>
        <location filename="../../ui/contacts_view.ui" line="+9"/>
        <location line="+24"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search name or number (Ctrl+F)</source>
        <translation>Rechercher un nom ou un numéro (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag filter</source>
        <translation>Filtre par étiquette</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only opted-out</source>
        <translation>Désinscrits seulement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New contact</source>
        <translation>&amp;Nouveau contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
</context>
<context>
    <name>ContactsTableModel</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/contacts/model.py" line="+59"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other fields</source>
        <translation>Autres champs</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Opted out</source>
        <translation>Désinscrit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can receive</source>
        <translation>Peut recevoir</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opted out on %1: campaigns skip this contact.</source>
        <translation>Désinscrit le %1 : les campagnes écartent ce contact.</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/contacts/view.py" line="+52"/>
        <source>New contact (Ctrl+Shift+N)</source>
        <translation>Nouveau contact (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import contacts from a CSV file (Ctrl+I)</source>
        <translation>Importer des contacts depuis un fichier CSV (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the contacts shown to a CSV file (Ctrl+Shift+E)</source>
        <translation>Exporter les contacts affichés dans un fichier CSV (Ctrl+Maj+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected contacts (Delete)</source>
        <translation>Supprimer les contacts sélectionnés (Suppr)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Total: %1</source>
        <translation>Total : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown: %1 of %2</source>
        <translation>Affichés : %1 sur %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Contact %1 added.</source>
        <translation>Contact %1 ajouté.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Contact %1 saved.</source>
        <translation>Contact %1 enregistré.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete contacts</source>
        <translation>Supprimer des contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected contacts (%1)? Messages already sent to them stay in campaign reports.</source>
        <translation>Supprimer les contacts sélectionnés (%1) ? Les messages déjà envoyés restent dans les rapports de campagne.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The contacts could not be deleted: %1. Nothing was changed; try again.</source>
        <translation>Les contacts n&apos;ont pas pu être supprimés : %1. Rien n&apos;a été modifié ; réessayez.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contacts deleted: %1.</source>
        <translation>Contacts supprimés : %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export contacts</source>
        <translation>Exporter les contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export done (contacts: %1): %2</source>
        <translation>Export terminé (contacts : %1) : %2</translation>
    </message>
    <message>
        <source>1 contact exported to %1.</source>
        <translation>1 contact exporté vers %1.</translation>
    </message>
    <message>
        <source>%2 contacts exported to %1.</source>
        <translation>%2 contacts exportés vers %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export failed: %1. Nothing was lost; choose another folder and try again.</source>
        <translation>L&apos;export a échoué : %1. Rien n&apos;est perdu ; choisissez un autre dossier et réessayez.</translation>
    </message>
</context>
<context>
    <name>CountersPanel</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/campaigns/counters.py" line="+102"/>
        <source>%1 of %2 processed</source>
        <translation>%1 sur %2 traités</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delivery rate: %1   Read rate: %2</source>
        <translation>Taux de remise : %1   Taux de lecture : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery rate = delivered ÷ messages that left (sent, failed or undelivered). Read rate = read ÷ delivered.</source>
        <translation>Taux de remise = remis ÷ messages partis (envoyés, en échec ou non remis). Taux de lecture = lus ÷ remis.</translation>
    </message>
    <message>
        <source>Part of Sent: sent messages that were %1.</source>
        <translation>Compris dans Envoyé : messages envoyés, désormais « %1 ».</translation>
    </message>
    <message>
        <source>Messages answered by their contact (also counted where their status puts them).</source>
        <translation>Messages auxquels le contact a répondu (aussi comptés là où leur statut les place).</translation>
    </message>
    <message>
        <source>Every message is in exactly one of these counters; Delivered and Read are part of Sent.</source>
        <translation>Chaque message est dans un seul de ces compteurs ; Remis et Lu font partie d’Envoyé.</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Aucun message pour l’instant.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting</source>
        <translation>
            <numerusform>%Ln en attente</numerusform>
            <numerusform>%Ln en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sent</source>
        <translation>
            <numerusform>%Ln envoyé</numerusform>
            <numerusform>%Ln envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln en échec</numerusform>
            <numerusform>%Ln en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln undelivered</source>
        <translation>
            <numerusform>%Ln non remis</numerusform>
            <numerusform>%Ln non remis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln annulé</numerusform>
            <numerusform>%Ln annulés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln écarté</numerusform>
            <numerusform>%Ln écartés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln messages</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln replied</source>
        <translation>
            <numerusform>%Ln réponse</numerusform>
            <numerusform>%Ln réponses</numerusform>
        </translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 message</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/contacts/import_dialog.py" line="+62"/>
        <source>Import contacts from a CSV file</source>
        <translation>Importer des contacts depuis un fichier CSV</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+3"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As written</source>
        <translation>Tel qu’écrit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it was rejected</source>
        <translation>Motif du refus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a file with Browse…, or drop it on this window.</source>
        <translation>Choisissez un fichier avec Parcourir…, ou déposez-le sur cette fenêtre.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a CSV file</source>
        <translation>Choisir un fichier CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(joined: %1)</source>
        <translation>(assemblé : %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(choose the column with phone numbers)</source>
        <translation>(choisissez la colonne des numéros)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column %1</source>
        <translation>colonne %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This file cannot be imported: %1</source>
        <translation>Ce fichier ne peut pas être importé : %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Also kept as contact fields: %1</source>
        <translation>Également conservées comme champs du contact : %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No column looks like phone numbers: choose it under Phone number.</source>
        <translation>Aucune colonne ne ressemble à des numéros : choisissez-la dans « Numéro de téléphone ».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the rows (%1)…</source>
        <translation>Vérification des lignes (%1)…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rows could not be checked: %1</source>
        <translation>Les lignes n&apos;ont pas pu être vérifiées : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>already a contact: will be updated</source>
        <translation>déjà un contact : sera mis à jour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Valid (%1)</source>
        <translation>Valides (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected (%1)</source>
        <translation>Refusées (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New: %1 · to update: %2 · rejected: %3. Rejected rows are not imported; fix them in the file and import it again.</source>
        <translation>Nouveaux : %1 · à mettre à jour : %2 · refusées : %3. Les lignes refusées ne sont pas importées ; corrigez-les dans le fichier puis importez-le à nouveau.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Import finished. New contacts: %1 · updated: %2 · rows rejected: %3.</source>
        <translation>Import terminé. Nouveaux contacts : %1 · mis à jour : %2 · lignes refusées : %3.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Import the valid rows (%1)</source>
        <translation>&amp;Importer les lignes valides (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing was imported: %1. Your file is unchanged; try again.</source>
        <translation>Rien n&apos;a été importé : %1. Votre fichier n&apos;a pas changé ; réessayez.</translation>
    </message>
    <message>
        <source>Checking the rows; the import starts as soon as they are checked…</source>
        <translation>Vérification des lignes en cours ; l’import démarre dès qu’elles sont vérifiées…</translation>
    </message>
    <message>
        <source>%1 of %2 rows written</source>
        <translation>%1 lignes écrites sur %2</translation>
    </message>
    <message>
        <source>Cancelling the import…</source>
        <translation>Annulation de l’import…</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was imported: your contacts are as they were.</source>
        <translation>Import annulé. Rien n’a été importé : vos contacts sont inchangés.</translation>
    </message>
</context>
<context>
    <name>CsvImportForm</name>
    <message>
        <location filename="../../ui/csv_import_dialog.ui" line="+9"/>
        <source>1. File</source>
        <translation>1. Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A .csv file whose first row names the columns</source>
        <translation>Un fichier .csv dont la première ligne nomme les colonnes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>2. Columns</source>
        <translation>2. Colonnes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Phone number</source>
        <translation>&amp;Numéro de téléphone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tags</source>
        <translation>É&amp;tiquettes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default &amp;country</source>
        <translation>&amp;Pays par défaut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for numbers written without +country code, e.g. 06 12 34 56 78</source>
        <translation>Utilisé pour les numéros écrits sans indicatif +pays, p. ex. 06 12 34 56 78</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the ta&amp;g</source>
        <translation>Ajouter l’é&amp;tiquette</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional, e.g. salon-2024</source>
        <translation>Facultatif, p. ex. salon-2024</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>3. Preview</source>
        <translation>3. Aperçu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Valid</source>
        <translation>Valides</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejected</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Annuler l’import</translation>
    </message>
    <message>
        <source>Stop and import nothing: the contacts stay as they were</source>
        <translation>Arrêter sans rien importer : les contacts restent inchangés</translation>
    </message>
</context>
<context>
    <name>InboxForm</name>
    <message>
        <location filename="../../ui/inbox_view.ui" line="+11"/>
        <source>Inbox</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search name, number or text</source>
        <translation>Rechercher un nom, un numéro ou un texte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a conversation on the left.</source>
        <translation>Choisissez une conversation à gauche.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Messages with this contact</source>
        <translation>Messages avec ce contact</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Write a reply… (Ctrl+Enter sends)</source>
        <translation>Écrivez une réponse… (Ctrl+Entrée pour envoyer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Send reply</source>
        <translation>Envoyer la réponse</translation>
    </message>
    <message>
        <source>Follow-up only</source>
        <translation>À suivre seulement</translation>
    </message>
    <message>
        <source>Show only the conversations marked for follow-up</source>
        <translation>N’afficher que les conversations marquées à suivre</translation>
    </message>
    <message>
        <source>Reply rules…</source>
        <translation>Règles de réponse…</translation>
    </message>
    <message>
        <source>Automatic replies, tags and follow-up marks for incoming messages</source>
        <translation>Réponses automatiques, étiquettes et marques « à suivre » pour les messages reçus</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>À suivre</translation>
    </message>
    <message>
        <source>Mark this conversation to come back to it (the Follow-up only filter finds it)</source>
        <translation>Marquer cette conversation pour y revenir (le filtre « À suivre seulement » la retrouve)</translation>
    </message>
    <message>
        <source>Approved template</source>
        <translation>Modèle approuvé</translation>
    </message>
    <message>
        <source>Values for {{1}}, {{2}}… separated by ;</source>
        <translation>Valeurs de {{1}}, {{2}}… séparées par ;</translation>
    </message>
    <message>
        <source>Template values</source>
        <translation>Valeurs du modèle</translation>
    </message>
    <message>
        <source>Send template</source>
        <translation>Envoyer le modèle</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/inbox/view.py" line="+133"/>
        <source>The inbox could not be read. See Activity → App log.</source>
        <translation>Les messages reçus n&apos;ont pas pu être lus. Voir Activité → Journal de l&apos;application.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No conversation matches this search.</source>
        <translation>Aucune conversation ne correspond à cette recherche.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No messages yet. When contacts answer a campaign, their messages appear here.</source>
        <translation>Pas encore de message. Quand des contacts répondent à une campagne, leurs messages apparaissent ici.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Not sent: %1</source>
        <translation>Non envoyé : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the connection to Twilio failed.</source>
        <translation>la connexion à Twilio a échoué.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reply window open: you can answer in free text until %1 (%2 h %3 min left).</source>
        <translation>Fenêtre de réponse ouverte : vous pouvez répondre librement jusqu’à %1 (encore %2 h %3 min).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This contact last wrote more than 24 hours ago. WhatsApp only allows an approved template now: send it as a campaign with a template SID.</source>
        <translation>Ce contact a écrit pour la dernière fois il y a plus de 24 heures. WhatsApp n’autorise plus qu’un modèle approuvé : envoyez-le sous forme de campagne avec un SID de modèle.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sending is not ready yet (the app is still starting). Try again in a moment.</source>
        <translation>L&apos;envoi n&apos;est pas encore prêt (l&apos;application démarre). Réessayez dans un instant.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The reply was not sent: %1</source>
        <translation>La réponse n&apos;a pas été envoyée : %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Reply sent.</source>
        <translation>Réponse envoyée.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The reply was not sent: the connection to Twilio failed. Your text is kept; try again.</source>
        <translation>La réponse n&apos;a pas été envoyée : la connexion à Twilio a échoué. Votre texte est conservé ; réessayez.</translation>
    </message>
    <message>
        <source>No conversation is marked for follow-up.</source>
        <translation>Aucune conversation n’est marquée à suivre.</translation>
    </message>
    <message>
        <source>Automatic reply</source>
        <translation>Réponse automatique</translation>
    </message>
    <message>
        <source>Opt-out confirmation</source>
        <translation>Confirmation de désinscription</translation>
    </message>
    <message>
        <source>This contact opted out (replied STOP): nothing can be sent to them from the Inbox. They can write START to subscribe again.</source>
        <translation>Ce contact s’est désinscrit (il a répondu STOP) : rien ne peut lui être envoyé depuis les Messages reçus. Il peut écrire START pour se réinscrire.</translation>
    </message>
    <message>
        <source>This contact last wrote more than 24 hours ago: free text would fail. WhatsApp only allows an approved template now; choose one below.</source>
        <translation>Ce contact a écrit pour la dernière fois il y a plus de 24 heures : un texte libre échouerait. WhatsApp n’autorise plus qu’un modèle approuvé ; choisissez-en un ci-dessous.</translation>
    </message>
    <message>
        <source>This contact last wrote more than 24 hours ago: free text would fail. WhatsApp only allows an approved template now: sync your templates (File → Connect Twilio…) or send one as a campaign.</source>
        <translation>Ce contact a écrit pour la dernière fois il y a plus de 24 heures : un texte libre échouerait. WhatsApp n’autorise plus qu’un modèle approuvé : synchronisez vos modèles (Fichier → Connecter Twilio…) ou envoyez-en un par une campagne.</translation>
    </message>
    <message>
        <source>Marked for follow-up</source>
        <translation>Marquée à suivre</translation>
    </message>
    <message>
        <source>Opted out (replied STOP)</source>
        <translation>Désinscrit (a répondu STOP)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/models/labels.py" line="+18"/>
        <location line="+32"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Accepted</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Scheduled</source>
        <translation>Programmé</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Queued</source>
        <translation>En file d&apos;attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+28"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+28"/>
        <source>Undelivered</source>
        <translation>Non remis</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+30"/>
        <source>Cancelled</source>
        <comment>message status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+28"/>
        <source>Skipped</source>
        <translation>Écarté</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <comment>campaign state</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>en</source>
        <comment>interface language code</comment>
        <translation>fr</translation>
    </message>
    <message>
        <source>did you mean %1?</source>
        <translation>vouliez-vous dire %1 ?</translation>
    </message>
    <message>
        <source>%1 is not a valid number either: check the digits</source>
        <translation>%1 n&apos;est pas valide non plus : vérifiez les chiffres</translation>
    </message>
    <message>
        <source>This looks like a landline (fixed-line) number: WhatsApp may not reach it. It is kept; ask the contact for a mobile number if messages fail.</source>
        <translation>Ce numéro semble être une ligne fixe : WhatsApp risque de ne pas l&apos;atteindre. Il est conservé ; demandez au contact un numéro mobile si les messages échouent.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replied</source>
        <translation>A répondu</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Twilio error</source>
        <translation>Erreur Twilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Twilio reported error code %1.</source>
        <translation>Twilio a signalé le code d&apos;erreur %1.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Analytics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>Sauvegarder…</translation>
    </message>
    <message>
        <source>Storage…</source>
        <translation>Stockage…</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guide d&apos;utilisation</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/main_window.py" line="+67"/>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbox</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This part of the app is not available yet.</source>
        <translation>Cette partie de l&apos;application n&apos;est pas encore disponible.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect Twilio…</source>
        <translation>Connecter Twilio…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Campaign</source>
        <translation>&amp;Campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New campaign…</source>
        <translation>Nouvelle campagne…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Connect Twilio</source>
        <translation>Connecter Twilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Twilio connection dialog is not available in this build.</source>
        <translation>La fenêtre de connexion à Twilio n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>About %1</source>
        <translation>À propos de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2
WhatsApp campaigns through Twilio, watched live.</source>
        <translation>%1 %2
Des campagnes WhatsApp via Twilio, suivies en direct.</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>Reply rules…</source>
        <translation>Règles de réponse…</translation>
    </message>
    <message>
        <source>Alerts and retries…</source>
        <translation>Alertes et renvois…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Team database…</source>
        <translation>Base de données de l’équipe…</translation>
    </message>
</context>
<context>
    <name>MessageDetailPane</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/campaigns/detail_pane.py" line="+25"/>
        <source>Select a message to see its details.</source>
        <translation>Sélectionnez un message pour voir son détail.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replied</source>
        <translation>A répondu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message ID</source>
        <translation>ID du message</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>MessagesTableModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../wacampaign_desktop/gui/models/messages_model.py" line="+141"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replied</source>
        <translation>A répondu</translation>
    </message>
</context>
<context>
    <name>PhoneReasons</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/forms_support.py" line="+34"/>
        <source>not a phone number</source>
        <translation>ce n&apos;est pas un numéro de téléphone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too short</source>
        <translation>trop court</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too long</source>
        <translation>trop long</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>too short after the international prefix</source>
        <translation>trop court après l&apos;indicatif international</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown country code</source>
        <translation>indicatif de pays inconnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong length for its country</source>
        <translation>mauvaise longueur pour son pays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no valid country code (write it as +33… or set the default region)</source>
        <translation>pas d’indicatif de pays valide (écrivez-le +33… ou choisissez le pays par défaut)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no phone number</source>
        <translation>pas de numéro de téléphone</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>not a valid number for %1</source>
        <translation>numéro non valide pour %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>same phone number as line %1</source>
        <translation>même numéro que la ligne %1</translation>
    </message>
</context>
<context>
    <name>StatusBarController</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/status_bar.py" line="+29"/>
        <location line="+43"/>
        <source>Starting the sending service…</source>
        <translation>Démarrage du service d&apos;envoi…</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Copy URL</source>
        <translation>Copier l&apos;URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the public webhook address to the clipboard</source>
        <translation>Copier l&apos;adresse publique des webhooks dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Live</source>
        <translation>Réel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages go to real WhatsApp users through Twilio.</source>
        <translation>Les messages partent vers de vrais utilisateurs WhatsApp via Twilio.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Practice mode: messages go to the built-in Twilio simulator, nobody receives them.</source>
        <translation>Mode d&apos;essai : les messages vont au simulateur Twilio intégré, personne ne les reçoit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sending service failed: %1</source>
        <translation>Le service d&apos;envoi a échoué : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ready to send</source>
        <translation>Prêt à envoyer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Webhooks: not started</source>
        <translation>Webhooks : non démarrés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Webhooks: listening on port %1</source>
        <translation>Webhooks : à l’écoute sur le port %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Webhooks: stopped</source>
        <translation>Webhooks : arrêtés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Webhooks: %1</source>
        <translation>Webhooks : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tunnel: not started</source>
        <translation>Tunnel : non démarré</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>starting…</source>
        <translation>en démarrage…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up</source>
        <translation>actif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>coupé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restarting…</source>
        <translation>en redémarrage…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>en erreur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Local only (Twilio cannot reach this computer)</source>
        <translation>Local uniquement (Twilio ne peut pas joindre cet ordinateur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local (sandbox)</source>
        <translation>Local (bac à sable)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tunnel %1</source>
        <translation>Tunnel %1</translation>
    </message>
    <message>
        <source>Sending “%1”: %2 of %3, %4</source>
        <translation>Envoi de « %1 » : %2 sur %3, %4</translation>
    </message>
    <message>
        <source>“%1”: %2/%3, %4</source>
        <translation>« %1 » : %2/%3, %4</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>(+%1 autres)</translation>
    </message>
    <message>
        <source>Messages handed to Twilio so far; the time left follows the measured sending rate.</source>
        <translation>Messages déjà confiés à Twilio ; le temps restant suit le rythme d’envoi mesuré.</translation>
    </message>
    <message>
        <source>Webhooks: port %1</source>
        <translation>Webhooks : port %1</translation>
    </message>
    <message>
        <source>Our server: OK</source>
        <translation>Notre serveur : OK</translation>
    </message>
    <message>
        <source>Our server: not reachable</source>
        <translation>Notre serveur : injoignable</translation>
    </message>
</context>
<context>
    <name>WebhookEventsModel</name>
    <message>
        <location filename="../../wacampaign_desktop/gui/activity/webhook_model.py" line="+33"/>
        <source>Status callback</source>
        <translation>Retour de statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming message</source>
        <translation>Message entrant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown request</source>
        <translation>Requête inconnue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Applied</source>
        <translation>Appliqué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate (ignored)</source>
        <translation>Doublon (ignoré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for its message</source>
        <translation>En attente de son message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected (bad signature)</source>
        <translation>Refusé (signature incorrecte)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message not found</source>
        <translation>Message introuvable</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+21"/>
        <location line="+90"/>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Opted out (STOP)</source>
        <translation>Désinscrit (STOP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted back in</source>
        <translation>Réinscrit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown status</source>
        <translation>Statut inconnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid request</source>
        <translation>Requête non valide</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message SID</source>
        <translation>SID du message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Valid</source>
        <translation>Valide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid</source>
        <translation>Non valide</translation>
    </message>
    <message>
        <source>Twilio webhook settings</source>
        <translation>Réglage des webhooks Twilio</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Caught up from Twilio</source>
        <translation>Rattrapage depuis Twilio</translation>
    </message>
    <message>
        <source>Missed messages recovered</source>
        <translation>Messages manqués récupérés</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>%1: %2</source>
        <comment>where: what a key does</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <source>Import a CSV file</source>
        <translation>Importer un fichier CSV</translation>
    </message>
    <message>
        <source>Export the contacts shown</source>
        <translation>Exporter les contacts affichés</translation>
    </message>
    <message>
        <source>Edit the selected contact</source>
        <translation>Modifier le contact sélectionné</translation>
    </message>
    <message>
        <source>Delete the selected contacts</source>
        <translation>Supprimer les contacts sélectionnés</translation>
    </message>
    <message>
        <source>Campaign editor</source>
        <translation>Éditeur de campagne</translation>
    </message>
    <message>
        <source>Save as a draft</source>
        <translation>Enregistrer comme brouillon</translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation>Enregistrer et démarrer</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Envoyer la réponse</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guide d&apos;utilisation</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Next or previous field</source>
        <translation>Champ suivant ou précédent</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Maj+Tab</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>Fermer une fenêtre sans enregistrer</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
</context>
<context>
    <name>OpenFolder</name>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>No file manager could open the folder. It is here:</source>
        <translation>Aucun gestionnaire de fichiers n&apos;a pu ouvrir le dossier. Il se trouve ici :</translation>
    </message>
    <message>
        <source>Copy the path</source>
        <translation>Copier le chemin</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>StorageDialog</name>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Taille sur le disque</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil :</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données :</translation>
    </message>
    <message>
        <source>Webhook log:</source>
        <translation>Journal des webhooks :</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>Sauvegardes :</translation>
    </message>
    <message>
        <source>Webhook log</source>
        <translation>Journal des webhooks</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Keep every detail for:</source>
        <translation>Garder tous les détails pendant :</translation>
    </message>
    <message>
        <source>Keep a summary for:</source>
        <translation>Garder un résumé pendant :</translation>
    </message>
    <message>
        <source>Messages, contacts, campaigns and their counters are never removed.</source>
        <translation>Les messages, les contacts, les campagnes et leurs compteurs ne sont jamais supprimés.</translation>
    </message>
    <message>
        <source>Clean up now</source>
        <translation>Nettoyer maintenant</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <source>Back up every day</source>
        <translation>Sauvegarder chaque jour</translation>
    </message>
    <message>
        <source>Copies kept:</source>
        <translation>Copies conservées :</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>Sauvegarder maintenant…</translation>
    </message>
    <message>
        <source>%1 (free space inside: %2)</source>
        <translation>%1 (espace libre à l’intérieur : %2)</translation>
    </message>
    <message>
        <source>%1 in %2 entries (%3 kept as a summary)</source>
        <translation>%1 pour %2 entrées (%3 gardées en résumé)</translation>
    </message>
    <message>
        <source>Clean up now will keep only a summary of %1 entries from before %2 and remove %3 entries from before %4 (about %5).</source>
        <translation>Nettoyer maintenant ne gardera qu’un résumé de %1 entrées antérieures au %2 et supprimera %3 entrées antérieures au %4 (environ %5).</translation>
    </message>
    <message>
        <source>Nothing to clean up: every entry is within the periods above.</source>
        <translation>Rien à nettoyer : toutes les entrées sont dans les durées ci-dessus.</translation>
    </message>
    <message>
        <source>Could not read the sizes: %1</source>
        <translation>Impossible de lire les tailles : %1</translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation>Nettoyage…</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Sauvegarder la base de données</translation>
    </message>
    <message>
        <source>Database copies (*.sqlite3)</source>
        <translation>Copies de la base de données (*.sqlite3)</translation>
    </message>
    <message>
        <source>The backup was written to %1 (%2) and checked.</source>
        <translation>La sauvegarde a été écrite dans %1 (%2) et vérifiée.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Export messages</source>
        <translation>Exporter les messages</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Code d&apos;erreur</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Nouvelles tentatives</translation>
    </message>
    <message>
        <source>Twilio SID</source>
        <translation>SID Twilio</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>1 message exported to %1.</source>
        <translation>1 message exporté vers %1.</translation>
    </message>
    <message>
        <source>%2 messages exported to %1.</source>
        <translation>%2 messages exportés vers %1.</translation>
    </message>
</context>
<context>
    <name>InboxBadge</name>
    <message>
        <source>1 unread message</source>
        <translation>1 message non lu</translation>
    </message>
    <message>
        <source>%1 unread messages</source>
        <translation>%1 messages non lus</translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>all handed to Twilio</source>
        <translation>tout est confié à Twilio</translation>
    </message>
    <message>
        <source>estimating the time left…</source>
        <translation>estimation du temps restant…</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>moins d’une minute restante</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>encore environ %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 min</translation>
    </message>
</context>
<context>
    <name>LaunchReviewDialog</name>
    <message>
        <source>1 message a second, %1</source>
        <translation>1 message par seconde, %1</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d’une minute</translation>
    </message>
    <message>
        <source>about 1 minute</source>
        <translation>environ 1 minute</translation>
    </message>
    <message>
        <source>about %1 minutes</source>
        <translation>environ %1 minutes</translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation>environ %1 h %2 min</translation>
    </message>
    <message>
        <source>get the template</source>
        <translation>reçoivent le modèle</translation>
    </message>
    <message>
        <source>held back: no message from them in the last 24 hours, and WhatsApp refuses free text after that</source>
        <translation>retenus : aucun message de leur part depuis 24 heures, et WhatsApp refuse alors le texte libre</translation>
    </message>
    <message>
        <source>skipped: they asked not to be messaged</source>
        <translation>ignorés : ils ont demandé à ne plus recevoir de messages</translation>
    </message>
    <message>
        <source>skipped: the number is not valid</source>
        <translation>ignorés : le numéro n’est pas valide</translation>
    </message>
    <message>
        <source>demo contacts left out (they never get real messages)</source>
        <translation>contacts de démonstration écartés (ils ne reçoivent jamais de vrais messages)</translation>
    </message>
    <message>
        <source>Review before sending</source>
        <translation>Vérifier avant l’envoi</translation>
    </message>
    <message>
        <source>get your text (they wrote in the last 24 hours)</source>
        <translation>reçoivent votre texte (ils ont écrit ces dernières 24 heures)</translation>
    </message>
    <message>
        <source>get your text</source>
        <translation>reçoivent votre texte</translation>
    </message>
    <message>
        <source>These are real WhatsApp messages: once sent, they cannot be called back.</source>
        <translation>Ce sont de vrais messages WhatsApp : une fois envoyés, ils ne peuvent pas être rappelés.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Messages to send</source>
        <translation>Messages à envoyer</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>get the template “%1” instead (no message from them in the last 24 hours)</source>
        <translation>reçoivent à la place le modèle « %1 » (aucun message de leur part depuis 24 heures)</translation>
    </message>
    <message>
        <source>Send “%1” now?</source>
        <translation>Envoyer « %1 » maintenant ?</translation>
    </message>
    <message>
        <source>Send %1 messages</source>
        <translation>Envoyer %1 messages</translation>
    </message>
    <message>
        <source>(no sender set)</source>
        <translation>(aucun expéditeur choisi)</translation>
    </message>
    <message>
        <source>First message, as %1 will read it:</source>
        <translation>Premier message, tel que %1 le lira :</translation>
    </message>
    <message>
        <source>%1 messages a second, %2</source>
        <translation>%1 messages par seconde, %2</translation>
    </message>
    <message>
        <source>gets your text (wrote to you in the last 24 hours)</source>
        <translation>reçoit votre texte (vous a écrit ces dernières 24 heures)</translation>
    </message>
    <message>
        <source>gets your text</source>
        <translation>reçoit votre texte</translation>
    </message>
    <message>
        <source>gets the template</source>
        <translation>reçoit le modèle</translation>
    </message>
    <message>
        <source>gets the template “%1” instead (no message from them in the last 24 hours)</source>
        <translation>reçoit à la place le modèle « %1 » (aucun message de sa part depuis 24 heures)</translation>
    </message>
    <message>
        <source>demo contact left out (demo contacts never get real messages)</source>
        <translation>contact de démonstration écarté (il ne reçoit jamais de vrais messages)</translation>
    </message>
    <message>
        <source>held back: no message from them in the last 24 hours, and WhatsApp refuses free text after that</source>
        <comment>one recipient</comment>
        <translation>retenu : aucun message de sa part depuis 24 heures, et WhatsApp refuse alors le texte libre</translation>
    </message>
    <message>
        <source>skipped: they asked not to be messaged</source>
        <comment>one recipient</comment>
        <translation>ignoré : a demandé à ne plus recevoir de messages</translation>
    </message>
    <message>
        <source>skipped: the number is not valid</source>
        <comment>one recipient</comment>
        <translation>ignoré : le numéro n’est pas valide</translation>
    </message>
    <message>
        <source>Send 1 message</source>
        <translation>Envoyer 1 message</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 et %2 autres</translation>
    </message>
    <message>
        <source>{{%1}} has no value for 1 contact: %3</source>
        <translation>{{%1}} n’a pas de valeur pour 1 contact : %3</translation>
    </message>
    <message>
        <source>{{%1}} has no value for %2 contacts: %3</source>
        <translation>{{%1}} n’a pas de valeur pour %2 contacts : %3</translation>
    </message>
    <message>
        <source>No WhatsApp sender is chosen: open File → Connect Twilio… and choose one.</source>
        <translation>Aucun expéditeur WhatsApp n’est choisi : ouvrez Fichier → Connecter Twilio… et choisissez-en un.</translation>
    </message>
    <message>
        <source>Nobody to send to: every recipient is skipped or left out.</source>
        <translation>Personne à qui envoyer : chaque destinataire est ignoré ou écarté.</translation>
    </message>
    <message>
        <source>…and %1 more like these.</source>
        <translation>…et %1 autres problèmes de ce type.</translation>
    </message>
    <message>
        <source>The 24-hour window check is turned off (File → Sending…): free text to contacts who have not written in the last 24 hours will fail (error 63016).</source>
        <translation>La vérification de la fenêtre de 24 heures est désactivée (Fichier → Envoi…) : le texte libre envoyé aux contacts qui n’ont pas écrit depuis 24 heures échouera (erreur 63016).</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>The template cannot be sent as it is: open Edit to see why.</source>
        <translation>Le modèle ne peut pas être envoyé tel quel : ouvrez Modifier pour voir pourquoi.</translation>
    </message>
    <message>
        <source>“%1” cannot be sent yet</source>
        <translation>La campagne « %1 » ne peut pas encore partir</translation>
    </message>
    <message>
        <source>%1 on WhatsApp</source>
        <translation>%1 sur WhatsApp</translation>
    </message>
    <message>
        <source>Messaging Service %1</source>
        <translation>Service de messagerie Twilio %1</translation>
    </message>
    <message>
        <source>Fix this first:</source>
        <translation>À corriger d’abord :</translation>
    </message>
</context>
<context>
    <name>WindowChoice</name>
    <message>
        <source>The template says: “%1”</source>
        <translation>Le modèle dit : « %1 »</translation>
    </message>
    <message>
        <source>Or do not start: the campaign stays a draft.</source>
        <translation>Ou ne démarrez pas : la campagne reste un brouillon.</translation>
    </message>
    <message>
        <source>a contact field such as {{name}}, or a text</source>
        <translation>un champ du contact comme {{name}}, ou un texte</translation>
    </message>
    <message>
        <source>Send only to the %1 who wrote in the last 24 hours</source>
        <translation>Envoyer seulement aux %1 qui ont écrit ces dernières 24 heures</translation>
    </message>
    <message>
        <source>Send the %1 others an approved template:</source>
        <translation>Envoyer aux %1 autres un modèle approuvé :</translation>
    </message>
    <message>
        <source>no approved template synced yet</source>
        <translation>aucun modèle approuvé synchronisé pour l’instant</translation>
    </message>
    <message>
        <source>Hold them all back (nobody wrote in the last 24 hours: nothing is sent)</source>
        <translation>Les retenir tous (personne n’a écrit ces dernières 24 heures : rien n’est envoyé)</translation>
    </message>
    <message>
        <source>Send only to the one recipient who wrote in the last 24 hours</source>
        <translation>Envoyer seulement au destinataire qui a écrit ces dernières 24 heures</translation>
    </message>
    <message>
        <source>Send them an approved template instead:</source>
        <translation>Leur envoyer plutôt un modèle approuvé :</translation>
    </message>
    <message>
        <source>Send the other one an approved template:</source>
        <translation>Envoyer à l’autre destinataire un modèle approuvé :</translation>
    </message>
    <message>
        <source>The 24-hour window check is turned off (File → Sending…): free text to contacts who have not written in the last 24 hours will fail (Twilio error 63016).</source>
        <translation>La vérification de la fenêtre de 24 heures est désactivée (Fichier → Envoi…) : le texte libre envoyé aux contacts qui n’ont pas écrit depuis 24 heures échouera (erreur Twilio 63016).</translation>
    </message>
    <message>
        <source>1 of %2 recipients has not written to you in the last 24 hours.</source>
        <translation>1 destinataire sur %2 ne vous a pas écrit ces dernières 24 heures.</translation>
    </message>
    <message>
        <source>%1 of %2 recipients have not written to you in the last 24 hours.</source>
        <translation>%1 destinataires sur %2 ne vous ont pas écrit ces dernières 24 heures.</translation>
    </message>
    <message>
        <source>WhatsApp refuses free text to someone who has not written to you in the last 24 hours: only an approved template reaches them.</source>
        <translation>WhatsApp refuse le texte libre à qui ne vous a pas écrit ces dernières 24 heures : seul un modèle approuvé lui parvient.</translation>
    </message>
    <message>
        <source>This campaign has started: this choice can no longer change.</source>
        <translation>Cette campagne a démarré : ce choix ne peut plus changer.</translation>
    </message>
    <message>
        <source>Give each placeholder of the template a value: a contact field such as {{name}}, or a text.</source>
        <translation>Donnez une valeur à chaque variable du modèle : un champ du contact comme {{name}}, ou un texte.</translation>
    </message>
    <message>
        <source>Choose the approved template for those who have not written in the last 24 hours.</source>
        <translation>Choisissez le modèle approuvé pour ceux qui n’ont pas écrit ces dernières 24 heures.</translation>
    </message>
</context>
<context>
    <name>DemoCleanup</name>
    <message>
        <source>Demo contacts</source>
        <translation>Contacts de démonstration</translation>
    </message>
    <message>
        <source>They were added for trying the app with the built-in sandbox and have made-up numbers. Now that you send real WhatsApp messages, they are never sent to, but they still show in your contacts.</source>
        <translation>Ils ont été ajoutés pour essayer l’application avec le bac à sable intégré et ont des numéros inventés. Maintenant que vous envoyez de vrais messages WhatsApp, ils ne reçoivent jamais rien, mais ils restent dans vos contacts.</translation>
    </message>
    <message>
        <source>Delete demo contacts</source>
        <translation>Supprimer les contacts de démonstration</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>Les garder</translation>
    </message>
    <message>
        <source>Delete the %1 demo contacts?</source>
        <translation>Supprimer les %1 contacts de démonstration ?</translation>
    </message>
    <message>
        <source>Delete the demo contact?</source>
        <translation>Supprimer le contact de démonstration ?</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>e.g. Prices</source>
        <translation>p. ex. Tarifs</translation>
    </message>
    <message>
        <source>word or text; case and accents ignored</source>
        <translation>mot ou texte ; majuscules et accents ignorés</translation>
    </message>
    <message>
        <source>Free text, sent when the contact wrote in the last 24 hours</source>
        <translation>Texte libre, envoyé quand le contact a écrit dans les dernières 24 heures</translation>
    </message>
    <message>
        <source>Values for {{1}}, {{2}}… separated by ; e.g. {{name}}; Lyon</source>
        <translation>Valeurs de {{1}}, {{2}}… séparées par ; p. ex. {{name}} ; Lyon</translation>
    </message>
    <message>
        <source>e.g. prices (leave empty for none)</source>
        <translation>p. ex. tarifs (vide pour aucune)</translation>
    </message>
    <message>
        <source>Mark the conversation for follow-up</source>
        <translation>Marquer la conversation à suivre</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>At most one automatic reply per contact in this time</source>
        <translation>Au plus une réponse automatique par contact pendant ce délai</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Quand :</translation>
    </message>
    <message>
        <source>Keyword:</source>
        <translation>Mot-clé :</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Campagne :</translation>
    </message>
    <message>
        <source>Business hours:</source>
        <translation>Heures d’ouverture :</translation>
    </message>
    <message>
        <source>Automatic reply:</source>
        <translation>Réponse automatique :</translation>
    </message>
    <message>
        <source>After 24 hours:</source>
        <translation>Après 24 heures :</translation>
    </message>
    <message>
        <source>Template values:</source>
        <translation>Valeurs du modèle :</translation>
    </message>
    <message>
        <source>Tag the contact:</source>
        <translation>Étiqueter le contact :</translation>
    </message>
    <message>
        <source>Cooldown:</source>
        <translation>Délai :</translation>
    </message>
    <message>
        <source>Any campaign</source>
        <translation>N’importe quelle campagne</translation>
    </message>
    <message>
        <source>No template: no reply after 24 hours</source>
        <translation>Aucun modèle : pas de réponse après 24 heures</translation>
    </message>
    <message>
        <source>regular expression, e.g. order ?[0-9]+</source>
        <translation>expression régulière, p. ex. commande ?[0-9]+</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Reply rules</source>
        <translation>Règles de réponse</translation>
    </message>
    <message>
        <source>Rules answer incoming messages automatically. They are tried in this order; the first that matches wins. Opt-out words (STOP…) always win over every rule, and a contact gets at most one automatic reply per rule within its cooldown.</source>
        <translation>Les règles répondent automatiquement aux messages reçus. Elles sont essayées dans cet ordre ; la première qui correspond l’emporte. Les mots de désinscription (STOP…) l’emportent toujours sur toutes les règles, et un contact reçoit au plus une réponse automatique par règle pendant son délai.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>Enregistrer la règle</translation>
    </message>
    <message>
        <source>Type a message a contact could send</source>
        <translation>Tapez un message qu’un contact pourrait envoyer</translation>
    </message>
    <message>
        <source>Not a reply to a campaign</source>
        <translation>Pas une réponse à une campagne</translation>
    </message>
    <message>
        <source>Reply to “%1”</source>
        <translation>Réponse à « %1 »</translation>
    </message>
    <message>
        <source>Try a message</source>
        <translation>Essayer un message</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Nouvelle règle</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Supprimer la règle</translation>
    </message>
    <message>
        <source>Delete the rule “%1”? Replies it already sent stay in the Inbox.</source>
        <translation>Supprimer la règle « %1 » ? Les réponses déjà envoyées restent dans les Messages reçus.</translation>
    </message>
    <message>
        <source>Type a message above to see which rule would fire and what it would send.</source>
        <translation>Tapez un message ci-dessus pour voir quelle règle se déclencherait et ce qu’elle enverrait.</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>On</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>Déclenchée</translation>
    </message>
</context>
<context>
    <name>RulesWords</name>
    <message>
        <source>answers</source>
        <translation>répond</translation>
    </message>
    <message>
        <source>template outside 24 h</source>
        <translation>modèle après 24 h</translation>
    </message>
    <message>
        <source>tag “%1”</source>
        <translation>étiquette « %1 »</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>à suivre</translation>
    </message>
    <message>
        <source>Message contains</source>
        <translation>Le message contient</translation>
    </message>
    <message>
        <source>Message is exactly</source>
        <translation>Le message est exactement</translation>
    </message>
    <message>
        <source>Message matches (regular expression)</source>
        <translation>Le message correspond (expression régulière)</translation>
    </message>
    <message>
        <source>Any reply to a campaign</source>
        <translation>Toute réponse à une campagne</translation>
    </message>
    <message>
        <source>Outside business hours</source>
        <translation>En dehors des heures d’ouverture</translation>
    </message>
    <message>
        <source>this rule already answered this contact within its cooldown</source>
        <translation>cette règle a déjà répondu à ce contact pendant son délai</translation>
    </message>
    <message>
        <source>the contact has opted out</source>
        <translation>le contact s’est désinscrit</translation>
    </message>
    <message>
        <source>the contact last wrote more than 24 hours ago and the rule has no template</source>
        <translation>le contact a écrit il y a plus de 24 heures et la règle n’a pas de modèle</translation>
    </message>
    <message>
        <source>the message was fetched more than an hour late</source>
        <translation>le message a été récupéré plus d’une heure après son arrivée</translation>
    </message>
    <message>
        <source>the message repeats one we sent</source>
        <translation>le message répète un de nos messages</translation>
    </message>
    <message>
        <source>the message reads like an automatic reply</source>
        <translation>le message ressemble à une réponse automatique</translation>
    </message>
    <message>
        <source>the contact sent too many messages in a minute</source>
        <translation>le contact a envoyé trop de messages en une minute</translation>
    </message>
    <message>
        <source>Match: choose what the rule looks for.</source>
        <translation>Condition : choisissez ce que la règle recherche.</translation>
    </message>
    <message>
        <source>Keyword: write the word or text to look for.</source>
        <translation>Mot-clé : écrivez le mot ou le texte à rechercher.</translation>
    </message>
    <message>
        <source>Regular expression: “%1” is not valid (%2).</source>
        <translation>Expression régulière : « %1 » n’est pas valide (%2).</translation>
    </message>
    <message>
        <source>Business hours: write the start and end like 09:00.</source>
        <translation>Heures d’ouverture : écrivez le début et la fin comme 09:00.</translation>
    </message>
    <message>
        <source>Business hours: choose at least one working day.</source>
        <translation>Heures d’ouverture : choisissez au moins un jour ouvré.</translation>
    </message>
    <message>
        <source>Actions: choose at least one (an automatic reply, a tag or a follow-up).</source>
        <translation>Actions : choisissez-en au moins une (une réponse automatique, une étiquette ou « à suivre »).</translation>
    </message>
    <message>
        <source>Cooldown: between 0 and 10080 minutes (one week).</source>
        <translation>Délai : entre 0 et 10080 minutes (une semaine).</translation>
    </message>
    <message>
        <source>Template: a template SID starts with HX and has 34 characters.</source>
        <translation>Modèle : le SID d’un modèle commence par HX et compte 34 caractères.</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mer</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Jeu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Ven</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sam</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Dim</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 « %2 »</translation>
    </message>
    <message>
        <source>Any reply to “%1”</source>
        <translation>Toute réponse à « %1 »</translation>
    </message>
    <message>
        <source>Outside business hours (%1–%2)</source>
        <translation>En dehors des heures d’ouverture (%1–%2)</translation>
    </message>
    <message>
        <source>Opt-out wins: this is an opt-out word (STOP…), so no rule fires. The contact is unsubscribed.</source>
        <translation>La désinscription l’emporte : c’est un mot de désinscription (STOP…), aucune règle ne se déclenche. Le contact est désinscrit.</translation>
    </message>
    <message>
        <source>No rule fires: no enabled rule matches this message.</source>
        <translation>Aucune règle ne se déclenche : aucune règle active ne correspond à ce message.</translation>
    </message>
    <message>
        <source>Rule “%1” fires.</source>
        <translation>La règle « %1 » se déclenche.</translation>
    </message>
    <message>
        <source>It sends the template %1.</source>
        <translation>Elle envoie le modèle %1.</translation>
    </message>
    <message>
        <source>It answers: “%1”</source>
        <translation>Elle répond : « %1 »</translation>
    </message>
    <message>
        <source>No automatic reply: %1.</source>
        <translation>Pas de réponse automatique : %1.</translation>
    </message>
    <message>
        <source>It tags the contact “%1”.</source>
        <translation>Elle étiquette le contact « %1 ».</translation>
    </message>
    <message>
        <source>It marks the conversation for follow-up.</source>
        <translation>Elle marque la conversation à suivre.</translation>
    </message>
</context>
<context>
    <name>TemplateMappingGrid</name>
    <message>
        <source>This template has no placeholders.</source>
        <translation>Ce modèle n’a pas de variables.</translation>
    </message>
    <message>
        <source>Source of %1</source>
        <translation>Source de %1</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Texte fixe</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contact : %1</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Texte fixe pour %1</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>ex. %1</translation>
    </message>
</context>
<context>
    <name>TemplatePanel</name>
    <message>
        <source>Placeholders: fill each from a contact field or a fixed text</source>
        <translation>Variables : remplissez chacune avec un champ du contact ou un texte fixe</translation>
    </message>
    <message>
        <source>What stops the campaign from starting</source>
        <translation>Ce qui empêche la campagne de démarrer</translation>
    </message>
    <message>
        <source>The campaign cannot start yet: see the list under the template.</source>
        <translation>La campagne ne peut pas encore démarrer : voyez la liste sous le modèle.</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <source>Cannot start: %1 contact(s) lack a valid value. Fill it in Contacts or choose another source:</source>
        <translation>Impossible de démarrer : %1 contact(s) sans valeur valable. Complétez-la dans Contacts ou choisissez une autre source :</translation>
    </message>
    <message>
        <source>Cannot start yet:</source>
        <translation>Impossible de démarrer pour l’instant :</translation>
    </message>
    <message>
        <source>Media:</source>
        <translation>Média :</translation>
    </message>
    <message>
        <source>&amp;Free text</source>
        <translation>Te&amp;xte libre</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <source>Search templates by name</source>
        <translation>Chercher un modèle par nom</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Sync templates</source>
        <translation>Synchroniser les modèles</translation>
    </message>
    <message>
        <source>Read the templates of your Twilio account again</source>
        <translation>Relire les modèles de votre compte Twilio</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>Toutes les langues</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>Syncing templates…</source>
        <translation>Synchronisation des modèles…</translation>
    </message>
    <message>
        <source>Never synced: click Sync templates to read them from Twilio.</source>
        <translation>Jamais synchronisés : cliquez sur Synchroniser les modèles pour les lire depuis Twilio.</translation>
    </message>
    <message>
        <source>Last synced %1 at %2 · %3 templates</source>
        <translation>Dernière synchronisation le %1 à %2 · %3 modèles</translation>
    </message>
    <message>
        <source>Sending is not ready yet: try again in a moment.</source>
        <translation>L’envoi n’est pas encore prêt : réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The templates could not be read from Twilio: %1</source>
        <translation>Impossible de lire les modèles depuis Twilio : %1</translation>
    </message>
    <message>
        <source>Twilio refused the Account SID or Auth Token. Check them in File → Connect Twilio…</source>
        <translation>Twilio a refusé l’Account SID ou l’Auth Token. Vérifiez-les dans Fichier → Connecter Twilio…</translation>
    </message>
    <message>
        <source>This Twilio account may not read the templates (HTTP 403).</source>
        <translation>Ce compte Twilio n’a pas le droit de lire les modèles (HTTP 403).</translation>
    </message>
    <message>
        <source>Could not reach Twilio. Check the internet connection and try again.</source>
        <translation>Impossible de joindre Twilio. Vérifiez la connexion Internet et réessayez.</translation>
    </message>
</context>
<context>
    <name>TemplateWords</name>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>Non soumis</translation>
    </message>
    <message>
        <source>WhatsApp has not approved this template yet. Only approved templates can be sent.</source>
        <translation>WhatsApp n’a pas encore approuvé ce modèle. Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>WhatsApp rejected this template. Only approved templates can be sent.</source>
        <translation>WhatsApp a refusé ce modèle. Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>WhatsApp paused this template (too many people blocked or reported it). Only approved templates can be sent.</source>
        <translation>WhatsApp a mis ce modèle en pause (trop de personnes l’ont bloqué ou signalé). Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>WhatsApp disabled this template. Only approved templates can be sent.</source>
        <translation>WhatsApp a désactivé ce modèle. Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>This template was never submitted to WhatsApp for approval. Only approved templates can be sent.</source>
        <translation>Ce modèle n’a jamais été soumis à WhatsApp pour approbation. Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>Only approved templates can be sent.</source>
        <translation>Seuls les modèles approuvés peuvent être envoyés.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>This template is not among the synced templates: click Sync templates, then choose an approved one.</source>
        <translation>Ce modèle ne fait pas partie des modèles synchronisés : cliquez sur Synchroniser les modèles, puis choisissez-en un approuvé.</translation>
    </message>
    <message>
        <source>“%1” cannot be sent: %2</source>
        <translation>« %1 » ne peut pas être envoyé : %2</translation>
    </message>
    <message>
        <source>%1 has no value: choose a contact field or type a fixed text.</source>
        <translation>%1 n’a pas de valeur : choisissez un champ du contact ou saisissez un texte fixe.</translation>
    </message>
    <message>
        <source>%1: %2 has no value (the contact’s “%3” is empty).</source>
        <translation>%1 : %2 n’a pas de valeur (le champ « %3 » du contact est vide).</translation>
    </message>
    <message>
        <source>%1: %2 is empty.</source>
        <translation>%1 : %2 est vide.</translation>
    </message>
    <message>
        <source>%1: %2 contains a line break.</source>
        <translation>%1 : %2 contient un retour à la ligne.</translation>
    </message>
    <message>
        <source>%1: %2 contains a tab.</source>
        <translation>%1 : %2 contient une tabulation.</translation>
    </message>
    <message>
        <source>%1: %2 has more than four spaces in a row.</source>
        <translation>%1 : %2 contient plus de quatre espaces à la suite.</translation>
    </message>
</context>
<context>
    <name>TemplatesTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>Analytics</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>messages per hour</source>
        <translation>messages par heure</translation>
    </message>
    <message>
        <source>messages per minute</source>
        <translation>messages par minute</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Code d’erreur</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Ce que cela signifie</translation>
    </message>
    <message>
        <source>No error code given</source>
        <translation>Aucun code d’erreur fourni</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lus</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échecs</translation>
    </message>
    <message>
        <source>Delivery rate</source>
        <translation>Taux de remise</translation>
    </message>
    <message>
        <source>Read rate</source>
        <translation>Taux de lecture</translation>
    </message>
    <message>
        <source>Reply rate</source>
        <translation>Taux de réponse</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>no message yet</source>
        <translation>aucun message pour l’instant</translation>
    </message>
    <message>
        <source>median %1 · 90 % within %2</source>
        <translation>médiane %1 · 90 % en moins de %2</translation>
    </message>
    <message>
        <source>delivery rate</source>
        <translation>taux de remise</translation>
    </message>
    <message>
        <source>read rate</source>
        <translation>taux de lecture</translation>
    </message>
    <message>
        <source>reply rate</source>
        <translation>taux de réponse</translation>
    </message>
    <message>
        <source>Not enough messages in every variant yet to compare the %1.</source>
        <translation>Pas encore assez de messages dans chaque variante pour comparer le %1.</translation>
    </message>
    <message>
        <source>%1&apos;s %2 (%3) and %4&apos;s (%5) are too close to call: the difference is likely chance.</source>
        <translation>Le %2 de %1 (%3) et celui de %4 (%5) sont trop proches pour conclure : la différence est probablement due au hasard.</translation>
    </message>
    <message>
        <source>%1 and %2 have the same %3 so far (%4).</source>
        <translation>%1 et %2 ont le même %3 pour l’instant (%4).</translation>
    </message>
    <message>
        <source>%1&apos;s %2 (%3) is higher than %4&apos;s (%5); the difference is significant at 95 %.</source>
        <translation>Le %2 de %1 (%3) est plus élevé que celui de %4 (%5) ; la différence est significative à 95 %.</translation>
    </message>
    <message>
        <source>%1&apos;s %2 (%3) is higher than %4&apos;s (%5); not significant yet: about %6 more messages per variant would tell.</source>
        <translation>Le %2 de %1 (%3) est plus élevé que celui de %4 (%5) ; pas encore significatif : environ %6 messages de plus par variante permettraient de trancher.</translation>
    </message>
    <message>
        <source>%1&apos;s %2 (%3) is higher than %4&apos;s (%5); not significant yet.</source>
        <translation>Le %2 de %1 (%3) est plus élevé que celui de %4 (%5) ; pas encore significatif.</translation>
    </message>
</context>
<context>
    <name>AnalyticsView</name>
    <message>
        <source>Analytics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export figures (CSV)…</source>
        <translation>Exporter les chiffres (CSV)…</translation>
    </message>
    <message>
        <source>Funnel: sent → delivered → read → replied (rates of sent)</source>
        <translation>Entonnoir : envoyés → remis → lus → réponses (taux sur les envoyés)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Time to deliver and to read</source>
        <translation>Délai de remise et de lecture</translation>
    </message>
    <message>
        <source>No failed message.</source>
        <translation>Aucun message en échec.</translation>
    </message>
    <message>
        <source>Failures by error code</source>
        <translation>Échecs par code d’erreur</translation>
    </message>
    <message>
        <source>A/B test: variants compared</source>
        <translation>Test A/B : variantes comparées</translation>
    </message>
    <message>
        <source>This campaign has no A/B variants. Add a variant in the campaign editor to compare two texts.</source>
        <translation>Cette campagne n’a pas de variantes A/B. Ajoutez une variante dans l’éditeur de campagne pour comparer deux textes.</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>Enregistrer l’image…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image</source>
        <translation>Enregistrer ce graphique en image PNG</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>Updated live as messages change. Counted at %1.</source>
        <translation>Mis à jour en direct au fil des messages. Calculé le %1.</translation>
    </message>
    <message>
        <source>Figures of the chosen dates, counted at %1.</source>
        <translation>Chiffres des dates choisies, calculés le %1.</translation>
    </message>
    <message>
        <source>That campaign no longer exists.</source>
        <translation>Cette campagne n’existe plus.</translation>
    </message>
    <message>
        <source>The figures could not be counted. Try Refresh.</source>
        <translation>Les chiffres n’ont pas pu être calculés. Essayez Actualiser.</translation>
    </message>
    <message>
        <source>Time to deliver: %1</source>
        <translation>Délai de remise : %1</translation>
    </message>
    <message>
        <source>Time to read: %1</source>
        <translation>Délai de lecture : %1</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Enregistrer le graphique</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Chart saved to %1.</source>
        <translation>Graphique enregistré dans %1.</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1.</source>
        <translation>Le graphique n’a pas pu être enregistré dans %1.</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>Exporter les chiffres</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Figures exported to %1.</source>
        <translation>Chiffres exportés dans %1.</translation>
    </message>
    <message>
        <source>The figures could not be written to %1: %2</source>
        <translation>Les chiffres n’ont pas pu être écrits dans %1 : %2</translation>
    </message>
</context>
<context>
    <name>Choosers</name>
    <message>
        <source>Which campaign&apos;s figures</source>
        <translation>Les chiffres de quelle campagne</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates choisies</translation>
    </message>
    <message>
        <source>Only the messages sent in this period</source>
        <translation>Seulement les messages envoyés pendant cette période</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Toutes les campagnes</translation>
    </message>
</context>
<context>
    <name>RoutesController</name>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>Server not reachable: %1</source>
        <translation>Serveur injoignable : %1</translation>
    </message>
    <message>
        <source>Server OK · no callback received yet</source>
        <translation>Serveur OK · aucun rappel reçu pour l&apos;instant</translation>
    </message>
    <message>
        <source>Server OK · last callback %1</source>
        <translation>Serveur OK · dernier rappel %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>il y a %1 jours</translation>
    </message>
    <message>
        <source>Enter the Account SID, the Auth Token and the sender first.</source>
        <translation>Saisissez d&apos;abord l&apos;identifiant du compte, le jeton d&apos;authentification et l&apos;expéditeur.</translation>
    </message>
    <message>
        <source>The app is still starting; try again in a moment.</source>
        <translation>L&apos;application démarre encore ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The public address is not known yet: start the tunnel (Save) or enter your address first.</source>
        <translation>L&apos;adresse publique n&apos;est pas encore connue : démarrez le tunnel (Enregistrer) ou saisissez d&apos;abord votre adresse.</translation>
    </message>
    <message>
        <source>Setting the webhooks on Twilio…</source>
        <translation>Enregistrement des webhooks chez Twilio…</translation>
    </message>
    <message>
        <source>Messaging Service</source>
        <translation>Service de messagerie</translation>
    </message>
    <message>
        <source>WhatsApp sender</source>
        <translation>Expéditeur WhatsApp</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>In the Twilio Console, open Messaging → Services → %1 → Integration: under “Incoming Messages” choose “Send a webhook” and set the Request URL to %2 (HTTP POST), and set the Delivery Status Callback to %3.</source>
        <translation>Dans la console Twilio, ouvrez Messaging → Services → %1 → Integration : sous « Incoming Messages », choisissez « Send a webhook » et mettez %2 dans Request URL (HTTP POST), puis %3 dans Delivery Status Callback.</translation>
    </message>
    <message>
        <source>In the Twilio Console, open Messaging → Senders → WhatsApp senders → %1 → Endpoint configuration: set “Webhook URL for incoming messages” to %2 (POST) and “Status callback URL” to %3.</source>
        <translation>Dans la console Twilio, ouvrez Messaging → Senders → WhatsApp senders → %1 → Endpoint configuration : mettez %2 dans « Webhook URL for incoming messages » (POST) et %3 dans « Status callback URL ».</translation>
    </message>
    <message>
        <source>In the Twilio Console, open Phone Numbers → Manage → Active numbers → %1 (or Messaging → Senders → WhatsApp senders for a WhatsApp number): set “A message comes in” to Webhook %2 (HTTP POST) and the status callback URL to %3.</source>
        <translation>Dans la console Twilio, ouvrez Phone Numbers → Manage → Active numbers → %1 (ou Messaging → Senders → WhatsApp senders pour un numéro WhatsApp) : mettez « A message comes in » sur Webhook %2 (HTTP POST) et l&apos;adresse de rappel de statut sur %3.</translation>
    </message>
    <message>
        <source>sender</source>
        <translation>expéditeur</translation>
    </message>
    <message>
        <source>✗ Twilio did not let the app change the webhooks of this %1 (the Auth Token lacks the permission). Set them by hand:</source>
        <translation>✗ Twilio n&apos;a pas laissé l&apos;application modifier les webhooks de ce %1 (le jeton d&apos;authentification n&apos;a pas cette permission). Réglez-les à la main :</translation>
    </message>
    <message>
        <source>✗ Twilio has no %1 %2 on this account. Check the sender above, or set the webhooks by hand:</source>
        <translation>✗ Twilio ne connaît pas de %1 %2 sur ce compte. Vérifiez l&apos;expéditeur ci-dessus, ou réglez les webhooks à la main :</translation>
    </message>
    <message>
        <source>✗ Could not reach Twilio to set the webhooks. Try again, or set them by hand:</source>
        <translation>✗ Impossible de joindre Twilio pour régler les webhooks. Réessayez, ou réglez-les à la main :</translation>
    </message>
    <message>
        <source>Resource: %1</source>
        <translation>Ressource : %1</translation>
    </message>
    <message>
        <source>Incoming messages: %1</source>
        <translation>Messages entrants : %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source>Status callback: %1</source>
        <translation>Rappel de statut : %1</translation>
    </message>
    <message>
        <source>✓ Twilio matches this app</source>
        <translation>✓ Twilio correspond à cette application</translation>
    </message>
    <message>
        <source>✗ Twilio differs from this app</source>
        <translation>✗ Twilio ne correspond pas à cette application</translation>
    </message>
    <message>
        <source>Press “Apply to Twilio” again, or set them by hand:</source>
        <translation>Cliquez à nouveau sur « Appliquer chez Twilio », ou réglez-les à la main :</translation>
    </message>
    <message>
        <source>The public address changed to %1: the app set Twilio&apos;s webhooks to it again automatically.</source>
        <translation>L&apos;adresse publique est devenue %1 : l&apos;application y a réglé à nouveau les webhooks de Twilio, automatiquement.</translation>
    </message>
    <message>
        <source>The public address changed, and the app could not set Twilio&apos;s webhooks to it: press “Apply to Twilio”.</source>
        <translation>L&apos;adresse publique a changé et l&apos;application n&apos;a pas pu y régler les webhooks de Twilio : cliquez sur « Appliquer chez Twilio ».</translation>
    </message>
    <message>
        <source>%1 templates synced from the account.</source>
        <translation>%1 modèles synchronisés depuis le compte.</translation>
    </message>
    <message>
        <source>The templates could not be read yet; they are synced again when the app starts.</source>
        <translation>Les modèles n&apos;ont pas encore pu être lus ; ils seront synchronisés au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>This profile still holds %1 demo contacts from the sandbox. They are never sent to in live mode.</source>
        <translation>Ce profil contient encore %1 contacts de démonstration du bac à sable. Ils ne reçoivent jamais de message en mode réel.</translation>
    </message>
    <message>
        <source>%1 demo contacts deleted.</source>
        <translation>%1 contacts de démonstration supprimés.</translation>
    </message>
    <message>
        <source>The demo contacts could not be deleted; try again.</source>
        <translation>Les contacts de démonstration n&apos;ont pas pu être supprimés ; réessayez.</translation>
    </message>
    <message>
        <source>Could not reach Twilio. Check the internet connection and try again.</source>
        <translation>Impossible de joindre Twilio. Vérifiez la connexion Internet et réessayez.</translation>
    </message>
</context>
<context>
    <name>AutomationSettingsBox</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Send a confirmation after an opt-out</source>
        <translation>Envoyer une confirmation après une désinscription</translation>
    </message>
    <message>
        <source>Opt-out confirmation text</source>
        <translation>Texte de la confirmation de désinscription</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone</source>
        <translation>Le fuseau horaire de cet ordinateur</translation>
    </message>
    <message>
        <source>Confirmation:</source>
        <translation>Confirmation :</translation>
    </message>
    <message>
        <source>Cooldown of new rules:</source>
        <translation>Délai des nouvelles règles :</translation>
    </message>
    <message>
        <source>Business hours in:</source>
        <translation>Heures d’ouverture en :</translation>
    </message>
    <message>
        <source>Not saved: write the confirmation to send, or untick the box.</source>
        <translation>Non enregistré : écrivez la confirmation à envoyer, ou décochez la case.</translation>
    </message>
</context>
<context>
    <name>VariantsPanel</name>
    <message>
        <source>Give each version a share of at least 1 %.</source>
        <translation>Donnez à chaque version une part d’au moins 1 %.</translation>
    </message>
    <message>
        <source>The shares add up to %1 %: they must add up to 100 %.</source>
        <translation>Les parts font %1 % au total : elles doivent faire 100 %.</translation>
    </message>
    <message>
        <source>Test on 1 % to 90 % of the recipients.</source>
        <translation>Testez sur 1 % à 90 % des destinataires.</translation>
    </message>
    <message>
        <source>Wait between 1 minute and 7 days.</source>
        <translation>Attendez entre 1 minute et 7 jours.</translation>
    </message>
    <message>
        <source>Choose the winner by read rate or reply rate.</source>
        <translation>Choisissez la gagnante par taux de lecture ou taux de réponse.</translation>
    </message>
    <message>
        <source>An A/B test has at most 4 versions.</source>
        <translation>Un test A/B a au plus 4 versions.</translation>
    </message>
    <message>
        <source>Version %1: a template SID starts with HX and has 34 characters.</source>
        <translation>Version %1 : un SID de modèle commence par HX et compte 34 caractères.</translation>
    </message>
    <message>
        <source>Version A: the message above</source>
        <translation>Version A : le message ci-dessus</translation>
    </message>
    <message>
        <source>Share of version A</source>
        <translation>Part de la version A</translation>
    </message>
    <message>
        <source>Add a version</source>
        <translation>Ajouter une version</translation>
    </message>
    <message>
        <source>Split evenly</source>
        <translation>Répartir également</translation>
    </message>
    <message>
        <source>Test first, then send the winner to the rest</source>
        <translation>Tester d’abord, puis envoyer la gagnante au reste</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>the best read rate</source>
        <translation>le meilleur taux de lecture</translation>
    </message>
    <message>
        <source>the best reply rate</source>
        <translation>le meilleur taux de réponse</translation>
    </message>
    <message>
        <source>Test on</source>
        <translation>Tester sur</translation>
    </message>
    <message>
        <source>Then wait</source>
        <translation>Puis attendre</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Gagnante</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Total: %1 %</source>
        <translation>Total : %1 %</translation>
    </message>
</context>
<context>
    <name>VariantRow</name>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Share of version %1</source>
        <translation>Part de la version %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Text of version %1</source>
        <translation>Texte de la version %1</translation>
    </message>
    <message>
        <source>1={{name}}, 2=Lyon</source>
        <translation>1={{name}}, 2=Lyon</translation>
    </message>
    <message>
        <source>Template SID</source>
        <translation>SID du modèle</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
</context>
<context>
    <name>ABBox</name>
    <message>
        <source>Version %1: %2 sent · read %3 · replied %4</source>
        <translation>Version %1 : %2 envoyés · lus %3 · réponses %4</translation>
    </message>
    <message>
        <source>Send %1 to the rest</source>
        <translation>Envoyer %1 au reste</translation>
    </message>
    <message>
        <source>read rate</source>
        <translation>taux de lecture</translation>
    </message>
    <message>
        <source>reply rate</source>
        <translation>taux de réponse</translation>
    </message>
    <message>
        <source>A/B test: each version goes to its share of the recipients.</source>
        <translation>Test A/B : chaque version part vers sa part des destinataires.</translation>
    </message>
    <message>
        <source>Testing on %1 of the recipients; then the best %2 wins and goes to the rest. You can also pick the winner now.</source>
        <translation>Test sur %1 des destinataires ; ensuite, le meilleur %2 gagne et part vers le reste. Vous pouvez aussi choisir la gagnante maintenant.</translation>
    </message>
    <message>
        <source>Test sent to %1. The best %2 wins at %3 and goes to the rest; or pick the winner now.</source>
        <translation>Test envoyé à %1. Le meilleur %2 gagne à %3 et part vers le reste ; ou choisissez la gagnante maintenant.</translation>
    </message>
    <message>
        <source>Version %1 was chosen by you and sent to the rest.</source>
        <translation>La version %1 a été choisie par vous et envoyée au reste.</translation>
    </message>
    <message>
        <source>Version %1 won (best %2) and was sent to the rest.</source>
        <translation>La version %1 a gagné (meilleur %2) et a été envoyée au reste.</translation>
    </message>
    <message>
        <source>Send the winner</source>
        <translation>Envoyer la gagnante</translation>
    </message>
    <message>
        <source>Send version %1 to every recipient not in the test, now?</source>
        <translation>Envoyer la version %1 maintenant à tous les destinataires hors test ?</translation>
    </message>
    <message>
        <source>Could not do that</source>
        <translation>Impossible de le faire</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <source>Alerts and retries</source>
        <translation>Alertes et renvois</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Warn me while a campaign sends when</source>
        <translation>Me prévenir pendant l’envoi d’une campagne quand</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>More failed than</source>
        <translation>Plus d’échecs que</translation>
    </message>
    <message>
        <source>Among the last</source>
        <translation>Parmi les derniers</translation>
    </message>
    <message>
        <source>More not delivered than</source>
        <translation>Plus de non remis que</translation>
    </message>
    <message>
        <source>No news from Twilio for</source>
        <translation>Aucune nouvelle de Twilio depuis</translation>
    </message>
    <message>
        <source>Each alert shows at the top of the window, in a notification and in Activity, with what to do.</source>
        <translation>Chaque alerte s’affiche en haut de la fenêtre, dans une notification et dans Activité, avec ce qu’il faut faire.</translation>
    </message>
    <message>
        <source>Failed messages</source>
        <translation>Messages en échec</translation>
    </message>
    <message>
        <source>Send again on their own when the error allows it</source>
        <translation>Les renvoyer d’eux-mêmes quand l’erreur le permet</translation>
    </message>
    <message>
        <source>Attempts per message, in all</source>
        <translation>Tentatives par message, en tout</translation>
    </message>
    <message>
        <source>First retry after</source>
        <translation>Premier renvoi après</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Enregistrement impossible</translation>
    </message>
</context>
<context>
    <name>RetryReport</name>
    <message>
        <source>%1 message(s) sent again.</source>
        <translation>%1 message(s) renvoyé(s).</translation>
    </message>
    <message>
        <source>Left as they are:</source>
        <translation>Laissés tels quels :</translation>
    </message>
    <message>
        <source>%1 reached the limit of %2 attempts</source>
        <translation>%1 ont atteint la limite de %2 tentatives</translation>
    </message>
    <message>
        <source>%1 opted out</source>
        <translation>%1 désinscrit(s)</translation>
    </message>
    <message>
        <source>%1 cannot be sent again: %2</source>
        <translation>%1 ne peuvent pas être renvoyés : %2</translation>
    </message>
</context>
<context>
    <name>SendingDialog</name>
    <message>
        <source>Sending</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>WhatsApp’s 24-hour window</source>
        <translation>La fenêtre de 24 heures de WhatsApp</translation>
    </message>
    <message>
        <source>Send free text only to contacts who wrote in the last 24 hours (recommended)</source>
        <translation>Envoyer du texte libre seulement aux contacts qui ont écrit ces dernières 24 heures (recommandé)</translation>
    </message>
    <message>
        <source>WhatsApp lets a business send its own text only to someone who wrote to it in the last 24 hours; anyone else needs an approved template. With this on, a campaign holds those contacts back or sends them a template you choose. The sandbox is not affected.</source>
        <translation>WhatsApp ne laisse une entreprise envoyer son propre texte qu’à quelqu’un qui lui a écrit ces dernières 24 heures ; les autres doivent recevoir un modèle approuvé. Case cochée, une campagne retient ces contacts ou leur envoie le modèle que vous choisissez. Le bac à sable n’est pas concerné.</translation>
    </message>
    <message>
        <source>New campaigns</source>
        <translation>Nouvelles campagnes</translation>
    </message>
    <message>
        <source>messages a second</source>
        <translation>messages par seconde</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <source>Turn off the 24-hour check?</source>
        <translation>Désactiver la vérification des 24 heures ?</translation>
    </message>
    <message>
        <source>Send free text to everyone, even those who have not written in the last 24 hours?</source>
        <translation>Envoyer du texte libre à tout le monde, même à ceux qui n’ont pas écrit ces dernières 24 heures ?</translation>
    </message>
    <message>
        <source>WhatsApp will refuse those messages: they will fail with error 63016, and many failures can lower your number’s quality rating, which limits how many people you may message each day. Approved templates are not affected.</source>
        <translation>WhatsApp refusera ces messages : ils échoueront avec l’erreur 63016, et de nombreux échecs peuvent faire baisser la note de qualité de votre numéro, ce qui limite le nombre de personnes que vous pouvez contacter chaque jour. Les modèles approuvés ne sont pas concernés.</translation>
    </message>
    <message>
        <source>Turn the check off</source>
        <translation>Désactiver la vérification</translation>
    </message>
    <message>
        <source>Keep it on</source>
        <translation>La garder active</translation>
    </message>
</context>
<context>
    <name>CampaignAlertsBox</name>
    <message>
        <source>Alerts for this campaign</source>
        <translation>Alertes de cette campagne</translation>
    </message>
    <message>
        <source>Use the global alert settings</source>
        <translation>Utiliser les réglages d’alerte généraux</translation>
    </message>
</context>
<context>
    <name>DatabaseUnavailableDialog</name>
    <message>
        <source>Cannot open the team database</source>
        <translation>Impossible d’ouvrir la base de données de l’équipe</translation>
    </message>
    <message>
        <source>The team database could not be opened.</source>
        <translation>La base de données de l’équipe n’a pas pu être ouverte.</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Serveur : %1</translation>
    </message>
    <message>
        <source>“Open the local profile instead” uses this computer’s own file for this session only; your settings stay as they are.</source>
        <translation>« Ouvrir plutôt le profil local » utilise le fichier de cet ordinateur pour cette session seulement ; vos réglages ne changent pas.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Open the local profile instead</source>
        <translation>Ouvrir plutôt le profil local</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>This computer cannot reach the server. Check that the server is running and that this computer is connected to the network.</source>
        <translation>Cet ordinateur n’arrive pas à joindre le serveur. Vérifiez que le serveur est en marche et que cet ordinateur est connecté au réseau.</translation>
    </message>
    <message>
        <source>The server refused the password. Ask the person who set up the database for the right one; you can store it in File → Team database…</source>
        <translation>Le serveur a refusé le mot de passe. Demandez le bon à la personne qui a installé la base ; vous pourrez l’enregistrer dans Fichier → Base de données de l’équipe…</translation>
    </message>
    <message>
        <source>The server has no database of that name. Check the name in File → Team database…</source>
        <translation>Le serveur n’a pas de base de données de ce nom. Vérifiez le nom dans Fichier → Base de données de l’équipe…</translation>
    </message>
    <message>
        <source>The server answered: %1</source>
        <translation>Réponse du serveur : %1</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseDialog</name>
    <message>
        <source>Team database</source>
        <translation>Base de données de l’équipe</translation>
    </message>
    <message>
        <source>Where this profile’s data is kept</source>
        <translation>Où sont gardées les données de ce profil</translation>
    </message>
    <message>
        <source>This computer’s own file (the default)</source>
        <translation>Le fichier de cet ordinateur (par défaut)</translation>
    </message>
    <message>
        <source>A PostgreSQL server shared by the team</source>
        <translation>Un serveur PostgreSQL partagé par l’équipe</translation>
    </message>
    <message>
        <source>This window uses: %1</source>
        <translation>Cette fenêtre utilise : %1</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Stored in the system keyring (type to change)</source>
        <translation>Enregistré dans le trousseau du système (tapez pour le changer)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Used when the server offers it</source>
        <translation>Utilisé si le serveur le propose</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Required, and the server’s certificate checked</source>
        <translation>Obligatoire, avec vérification du certificat du serveur</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Chiffrement</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Move this profile’s data into it…</source>
        <translation>Y déplacer les données de ce profil…</translation>
    </message>
    <message>
        <source>A saved change takes effect the next time the app starts: close it and open it again.</source>
        <translation>Un changement enregistré prend effet au prochain démarrage de l’application : fermez-la et rouvrez-la.</translation>
    </message>
    <message>
        <source>Type the server’s address.</source>
        <translation>Tapez l’adresse du serveur.</translation>
    </message>
    <message>
        <source>Type the database name.</source>
        <translation>Tapez le nom de la base de données.</translation>
    </message>
    <message>
        <source>Type the user name.</source>
        <translation>Tapez le nom d’utilisateur.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>The move did not start: %1</source>
        <translation>Le déplacement n’a pas commencé : %1</translation>
    </message>
    <message>
        <source>Moving the data…</source>
        <translation>Déplacement des données…</translation>
    </message>
    <message>
        <source>Move this profile’s data</source>
        <translation>Déplacer les données de ce profil</translation>
    </message>
    <message>
        <source>Copy everything in this profile into the database “%1” on %2?</source>
        <translation>Copier tout ce profil dans la base de données « %1 » sur %2 ?</translation>
    </message>
    <message>
        <source>The database must be empty. This computer’s own file stays as it is; nothing is deleted. Every table and campaign counter is checked afterwards.</source>
        <translation>La base de données doit être vide. Le fichier de cet ordinateur reste tel quel ; rien n’est supprimé. Chaque table et chaque compteur de campagne sont vérifiés ensuite.</translation>
    </message>
    <message>
        <source>Move the data</source>
        <translation>Déplacer les données</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <source>Saved. Close the app and open it again to use the new database.</source>
        <translation>Enregistré. Fermez l’application et rouvrez-la pour utiliser la nouvelle base de données.</translation>
    </message>
    <message>
        <source>Saved app state</source>
        <translation>État enregistré de l’application</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Campaign messages</source>
        <translation>Messages des campagnes</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Reply rules</source>
        <translation>Règles de réponse</translation>
    </message>
    <message>
        <source>Direct messages</source>
        <translation>Messages directs</translation>
    </message>
    <message>
        <source>Received messages</source>
        <translation>Messages reçus</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Journal d’activité</translation>
    </message>
    <message>
        <source>Status updates waiting</source>
        <translation>Mises à jour de statut en attente</translation>
    </message>
    <message>
        <source>Database versions</source>
        <translation>Versions de la base de données</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and the port, and that the server is running.</source>
        <translation>Impossible de joindre le serveur %1. Vérifiez l’adresse et le port, et que le serveur est en marche.</translation>
    </message>
    <message>
        <source>The server refused the user name or the password.</source>
        <translation>Le serveur a refusé le nom d’utilisateur ou le mot de passe.</translation>
    </message>
    <message>
        <source>The server has no database of that name.</source>
        <translation>Le serveur n’a pas de base de données de ce nom.</translation>
    </message>
    <message>
        <source>The server answered: %1</source>
        <translation>Réponse du serveur : %1</translation>
    </message>
    <message>
        <source>Connected: the server answers (%1).</source>
        <translation>Connecté : le serveur répond (%1).</translation>
    </message>
    <message>
        <source>%1: %2 of %3 copied</source>
        <translation>%1 : %2 sur %3 copiés</translation>
    </message>
    <message>
        <source>%1 other tables: empty on both sides</source>
        <translation>%1 autres tables : vides des deux côtés</translation>
    </message>
    <message>
        <source>Campaign “%1”: counters match</source>
        <translation>Campagne « %1 » : les compteurs concordent</translation>
    </message>
    <message>
        <source>Campaign “%1”: counters differ</source>
        <translation>Campagne « %1 » : les compteurs diffèrent</translation>
    </message>
    <message>
        <source>Copied and checked: every table and every campaign counter matches. Choose “A PostgreSQL server shared by the team” and Save to use it from the next start.</source>
        <translation>Copié et vérifié : chaque table et chaque compteur de campagne concordent. Choisissez « Un serveur PostgreSQL partagé par l’équipe » puis Enregistrer pour l’utiliser dès le prochain démarrage.</translation>
    </message>
    <message>
        <source>The copy does not match (marked ✗ below). Do not use this database; ask for help with the list below.</source>
        <translation>La copie ne concorde pas (marqué ✗ ci-dessous). N’utilisez pas cette base de données ; demandez de l’aide avec la liste ci-dessous.</translation>
    </message>
    <message>
        <source>Copying %1: %2 of %3</source>
        <translation>Copie des %1 : %2 sur %3</translation>
    </message>
    <message>
        <source>Nothing was copied: the database “%1” already has tables. Choose an empty database (the person who manages the server can create one).</source>
        <translation>Rien n’a été copié : la base de données « %1 » contient déjà des tables. Choisissez une base vide (la personne qui gère le serveur peut en créer une).</translation>
    </message>
</context>
</TS>
