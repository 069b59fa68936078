"""The admin page: users and their networks, networks and members, indicator metadata, the audit log."""

MESSAGES = {
    "admin.nav": {"en": "Administration", "lt": "Administravimas", "lv": "Administrēšana"},
    "admin.title": {"en": "Administration", "lt": "Administravimas", "lv": "Administrēšana"},
    "admin.tab.users": {"en": "Users", "lt": "Naudotojai", "lv": "Lietotāji"},
    "admin.tab.networks": {
        "en": "Networks and members",
        "lt": "Tinklai ir nariai",
        "lv": "Tīkli un dalībnieki",
    },
    "admin.tab.indicators": {"en": "Indicators", "lt": "Rodikliai", "lv": "Rādītāji"},
    "admin.tab.audit": {"en": "Audit log", "lt": "Audito žurnalas", "lv": "Audita žurnāls"},
    "admin.tab.backups": {"en": "Backups", "lt": "Atsarginės kopijos", "lv": "Rezerves kopijas"},
    "admin.backup.help": {
        "en": "A backup is a consistent copy of the whole database (every value, its history, users and "
              "practices), written to the backups folder beside the database while the app keeps serving. "
              "Download it and keep it off this server; restore it with `python -m benchlearn restore`.",
        "lt": "Atsarginė kopija – nuosekli visos duomenų bazės kopija (visos reikšmės, jų istorija, naudotojai "
              "ir praktikos), įrašoma į atsarginių kopijų aplanką šalia duomenų bazės, programai veikiant. "
              "Atsisiųskite ją ir laikykite ne šiame serveryje; atkurkite komanda `python -m benchlearn restore`.",
        "lv": "Rezerves kopija ir saskaņota visas datubāzes kopija (visas vērtības, to vēsture, lietotāji un "
              "prakses), ko ieraksta rezerves kopiju mapē blakus datubāzei, lietotnei turpinot darbu. "
              "Lejupielādējiet to un glabājiet ārpus šī servera; atjaunojiet ar `python -m benchlearn restore`.",
    },
    "admin.backup.take": {
        "en": "Take a backup now", "lt": "Daryti atsarginę kopiją dabar", "lv": "Veidot rezerves kopiju tagad",
    },
    "admin.backup.done": {
        "en": "Backup written.", "lt": "Atsarginė kopija įrašyta.", "lv": "Rezerves kopija ierakstīta.",
    },
    "admin.backup.none": {
        "en": "No backups yet.", "lt": "Atsarginių kopijų dar nėra.", "lv": "Rezerves kopiju vēl nav.",
    },
    "admin.backup.pick": {"en": "Backup", "lt": "Atsarginė kopija", "lv": "Rezerves kopija"},
    "admin.backup.download": {
        "en": "Download as ZIP", "lt": "Atsisiųsti ZIP", "lv": "Lejupielādēt ZIP",
    },
    "admin.col.rows": {"en": "Rows", "lt": "Eilutės", "lv": "Rindas"},
    "admin.col.size_mb": {"en": "Size (MB)", "lt": "Dydis (MB)", "lv": "Izmērs (MB)"},
    "admin.col.username": {"en": "User name", "lt": "Naudotojo vardas", "lv": "Lietotājvārds"},
    "admin.col.role": {"en": "Role", "lt": "Vaidmuo", "lv": "Loma"},
    "admin.col.networks": {"en": "Networks", "lt": "Tinklai", "lv": "Tīkli"},
    "admin.col.entity_code": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "admin.col.created_at": {"en": "Created (UTC)", "lt": "Sukurta (UTC)", "lv": "Izveidots (UTC)"},
    "admin.col.failed_logins": {
        "en": "Failed logins",
        "lt": "Nesėkmingi prisijungimai",
        "lv": "Neveiksmīgas pieteikšanās",
    },
    "admin.col.locked_until": {
        "en": "Locked until (UTC)",
        "lt": "Užrakinta iki (UTC)",
        "lv": "Bloķēts līdz (UTC)",
    },
    "admin.col.id": {"en": "No.", "lt": "Nr.", "lv": "Nr."},
    "admin.col.logged_at": {"en": "When (UTC)", "lt": "Kada (UTC)", "lv": "Kad (UTC)"},
    "admin.col.action": {"en": "Action", "lt": "Veiksmas", "lv": "Darbība"},
    "admin.col.detail": {"en": "Detail", "lt": "Išsami informacija", "lv": "Sīkāka informācija"},
    "admin.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "admin.col.name": {"en": "Name", "lt": "Pavadinimas", "lv": "Nosaukums"},
    "admin.col.kind": {"en": "Kind", "lt": "Tipas", "lv": "Veids"},
    "admin.col.theme": {"en": "Theme", "lt": "Tema", "lv": "Tēma"},
    "admin.col.members": {"en": "Members", "lt": "Nariai", "lv": "Dalībnieki"},
    "admin.col.indicators": {"en": "Indicators", "lt": "Rodikliai", "lv": "Rādītāji"},
    "admin.add_heading": {"en": "Add a user", "lt": "Pridėti naudotoją", "lv": "Pievienot lietotāju"},
    "admin.username": {"en": "User name", "lt": "Naudotojo vardas", "lv": "Lietotājvārds"},
    "admin.password": {
        "en": "Password (at least 10 characters)",
        "lt": "Slaptažodis (ne trumpesnis nei 10 simbolių)",
        "lv": "Parole (vismaz 10 rakstzīmes)",
    },
    "admin.role": {"en": "Role", "lt": "Vaidmuo", "lv": "Loma"},
    "admin.networks": {
        "en": "Networks they coordinate",
        "lt": "Koordinuojami tinklai",
        "lv": "Koordinētie tīkli",
    },
    "admin.add": {"en": "Add the user", "lt": "Pridėti naudotoją", "lv": "Pievienot lietotāju"},
    "admin.added": {
        "en": "User {user} added.",
        "lt": "Naudotojas {user} pridėtas.",
        "lv": "Lietotājs {user} pievienots.",
    },
    "admin.edit_heading": {"en": "Change a user", "lt": "Keisti naudotoją", "lv": "Mainīt lietotāju"},
    "admin.user": {"en": "User", "lt": "Naudotojas", "lv": "Lietotājs"},
    "admin.save": {
        "en": "Save the role and networks",
        "lt": "Išsaugoti vaidmenį ir tinklus",
        "lv": "Saglabāt lomu un tīklus",
    },
    "admin.saved": {
        "en": "Saved the role and networks of {user}.",
        "lt": "Naudotojo {user} vaidmuo ir tinklai išsaugoti.",
        "lv": "Lietotāja {user} loma un tīkli saglabāti.",
    },
    "admin.new_password": {"en": "New password", "lt": "Naujas slaptažodis", "lv": "Jaunā parole"},
    "admin.set_password": {"en": "Set the password", "lt": "Nustatyti slaptažodį", "lv": "Iestatīt paroli"},
    "admin.password_set": {
        "en": "The password of {user} was changed; a lock-out, if any, is lifted.",
        "lt": "Naudotojo {user} slaptažodis pakeistas; užraktas, jei buvo, panaikintas.",
        "lv": "Lietotāja {user} parole nomainīta; bloķēšana, ja tāda bija, ir atcelta.",
    },
    "admin.remove_confirm": {
        "en": "Yes, remove {user}",
        "lt": "Taip, pašalinti naudotoją {user}",
        "lv": "Jā, dzēst lietotāju {user}",
    },
    "admin.remove": {"en": "Remove the user", "lt": "Pašalinti naudotoją", "lv": "Dzēst lietotāju"},
    "admin.removed": {
        "en": "User {user} removed.",
        "lt": "Naudotojas {user} pašalintas.",
        "lv": "Lietotājs {user} izdzēsts.",
    },
    "admin.refused": {
        "en": "Not done: {reason}",
        "lt": "Neatlikta: {reason}",
        "lv": "Nav izdarīts: {reason}",
    },
    "admin.groups_heading": {
        "en": "Networks and peer groups",
        "lt": "Tinklai ir palyginimo grupės",
        "lv": "Tīkli un salīdzināšanas grupas",
    },
    "admin.members_heading": {
        "en": "Add members to a network, or create one",
        "lt": "Pridėti narių į tinklą arba sukurti naują tinklą",
        "lv": "Pievienot dalībniekus tīklam vai izveidot jaunu tīklu",
    },
    "admin.through_upload": {
        "en": "This goes through the same validated upload as a file, with a preview, the history and undo.",
        "lt": "Tai atliekama tuo pačiu tikrinamu įkėlimu kaip ir failo: su peržiūra, istorija ir atšaukimu.",
        "lv": "Tas notiek ar to pašu pārbaudīto augšupielādi kā failam: ar priekšskatījumu, vēsturi un "
              "atsaukšanu.",
    },
    "admin.group_code": {
        "en": "Network code (existing or new)",
        "lt": "Tinklo kodas (esamas arba naujas)",
        "lv": "Tīkla kods (esošs vai jauns)",
    },
    "admin.group_name": {
        "en": "Name (for a new network)",
        "lt": "Pavadinimas (naujam tinklui)",
        "lv": "Nosaukums (jaunam tīklam)",
    },
    "admin.members": {
        "en": "Municipalities to add",
        "lt": "Pridedamos savivaldybės",
        "lv": "Pievienojamās pašvaldības",
    },
    "admin.indicators_heading": {
        "en": "Edit an indicator's metadata",
        "lt": "Redaguoti rodiklio metaduomenis",
        "lv": "Rediģēt rādītāja metadatus",
    },
    "admin.indicator": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "admin.field.name": {
        "en": "Name (English)",
        "lt": "Pavadinimas (anglų k.)",
        "lv": "Nosaukums (angļu valodā)",
    },
    "admin.field.name_lt": {
        "en": "Name (Lithuanian)",
        "lt": "Pavadinimas (lietuvių k.)",
        "lv": "Nosaukums (lietuviešu valodā)",
    },
    "admin.field.name_lv": {
        "en": "Name (Latvian)",
        "lt": "Pavadinimas (latvių k.)",
        "lv": "Nosaukums (latviešu valodā)",
    },
    "admin.field.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "admin.field.polarity": {
        "en": "Which direction is better",
        "lt": "Kuri kryptis geresnė",
        "lv": "Kurš virziens ir labāks",
    },
    "admin.field.domain": {"en": "Domain", "lt": "Sritis", "lv": "Joma"},
    "admin.field.description": {"en": "Definition", "lt": "Apibrėžimas", "lv": "Definīcija"},
    "admin.field.source": {"en": "Source", "lt": "Šaltinis", "lv": "Avots"},
    "admin.field.min": {
        "en": "Lowest allowed value",
        "lt": "Mažiausia leistina reikšmė",
        "lv": "Mazākā pieļaujamā vērtība",
    },
    "admin.field.max": {
        "en": "Highest allowed value",
        "lt": "Didžiausia leistina reikšmė",
        "lv": "Lielākā pieļaujamā vērtība",
    },
    "admin.field.decimals": {
        "en": "Decimals shown",
        "lt": "Rodomi skaitmenys po kablelio",
        "lv": "Rādītie cipari aiz komata",
    },
    "admin.field.numerator": {
        "en": "Numerator (indicator code)",
        "lt": "Skaitiklis (rodiklio kodas)",
        "lv": "Skaitītājs (rādītāja kods)",
    },
    "admin.field.denominator": {
        "en": "Denominator (indicator code)",
        "lt": "Vardiklis (rodiklio kodas)",
        "lv": "Saucējs (rādītāja kods)",
    },
    "admin.field.multiplier": {"en": "Multiplier", "lt": "Daugiklis", "lv": "Reizinātājs"},
}
