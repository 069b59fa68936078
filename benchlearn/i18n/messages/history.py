"""The history page: every upload, what it changed, and undoing it."""

MESSAGES = {
    "history.nav": {"en": "History", "lt": "Istorija", "lv": "Vēsture"},
    "history.title": {"en": "Upload history", "lt": "Įkėlimų istorija", "lv": "Augšupielāžu vēsture"},
    "history.intro": {
        "en": "Every upload: who, when, which file and what it did. Choose one to see the values it "
              "changed, and undo it if it was a mistake.",
        "lt": "Kiekvienas įkėlimas: kas, kada, koks failas ir ką jis padarė. Pasirinkite įkėlimą, kad "
              "pamatytumėte jo pakeistas reikšmes, o jei tai klaida – atšaukite jį.",
        "lv": "Katra augšupielāde: kas, kad, kāds fails un ko tā izdarīja. Izvēlieties augšupielādi, lai "
              "redzētu tās mainītās vērtības, un, ja tā ir kļūda, atsauciet to.",
    },
    "history.empty": {
        "en": "There are no uploads for your networks yet.",
        "lt": "Jūsų tinklams dar nėra įkėlimų.",
        "lv": "Jūsu tīkliem vēl nav augšupielāžu.",
    },
    "history.choose": {
        "en": "Choose an upload",
        "lt": "Pasirinkite įkėlimą",
        "lv": "Izvēlieties augšupielādi",
    },
    "history.col.id": {"en": "No.", "lt": "Nr.", "lv": "Nr."},
    "history.col.started_at": {"en": "When (UTC)", "lt": "Kada (UTC)", "lv": "Kad (UTC)"},
    "history.col.username": {"en": "Who", "lt": "Kas", "lv": "Kas"},
    "history.col.file_name": {"en": "File", "lt": "Failas", "lv": "Fails"},
    "history.col.sha256": {"en": "SHA-256", "lt": "SHA-256", "lv": "SHA-256"},
    "history.col.network_code": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "history.col.kind": {"en": "Kind", "lt": "Tipas", "lv": "Veids"},
    "history.col.rows_in": {"en": "Rows", "lt": "Eilutės", "lv": "Rindas"},
    "history.col.inserted": {"en": "New", "lt": "Nauji", "lv": "Jauni"},
    "history.col.updated": {"en": "Changed", "lt": "Pakeisti", "lv": "Mainīti"},
    "history.col.unchanged": {"en": "Unchanged", "lt": "Nepakitę", "lv": "Nemainīti"},
    "history.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "history.col.undone_at": {"en": "Undone (UTC)", "lt": "Atšaukta (UTC)", "lv": "Atsaukta (UTC)"},
    "history.col.undone_by": {"en": "Undone by", "lt": "Atšaukė", "lv": "Atsauca"},
    "history.col.state": {"en": "Now", "lt": "Dabar", "lv": "Tagad"},
    "history.col.table_name": {"en": "Table", "lt": "Lentelė", "lv": "Tabula"},
    "history.col.record_key": {"en": "Record", "lt": "Įrašas", "lv": "Ieraksts"},
    "history.col.old_row": {"en": "Before", "lt": "Prieš tai", "lv": "Iepriekš"},
    "history.col.current_value": {
        "en": "Current value",
        "lt": "Dabartinė reikšmė",
        "lv": "Pašreizējā vērtība",
    },
    "history.col.current_status": {
        "en": "Current status",
        "lt": "Dabartinė būsena",
        "lv": "Pašreizējais statuss",
    },
    "history.col.restored_value": {
        "en": "Value after the undo",
        "lt": "Reikšmė po atšaukimo",
        "lv": "Vērtība pēc atsaukšanas",
    },
    "history.col.restored_status": {
        "en": "Status after the undo",
        "lt": "Būsena po atšaukimo",
        "lv": "Statuss pēc atsaukšanas",
    },
    "history.status.committed": {"en": "committed", "lt": "įrašytas", "lv": "ierakstīta"},
    "history.status.undone": {"en": "undone", "lt": "atšauktas", "lv": "atsaukta"},
    "history.state.current": {"en": "current", "lt": "galioja", "lv": "spēkā"},
    "history.state.replaced": {"en": "replaced later", "lt": "vėliau pakeista", "lv": "vēlāk aizstāta"},
    "history.state.undone": {"en": "undone", "lt": "atšaukta", "lv": "atsaukta"},
    "history.change.restored": {"en": "restored", "lt": "atkuriama", "lv": "tiek atjaunota"},
    "history.change.removed": {"en": "removed", "lt": "pašalinama", "lv": "tiek noņemta"},
    "history.change.new": {"en": "new", "lt": "nauja", "lv": "jauna"},
    "history.change.changed": {"en": "changed", "lt": "pakeista", "lv": "mainīta"},
    "history.changes_heading": {
        "en": "What upload no. {batch} changed",
        "lt": "Ką pakeitė įkėlimas Nr. {batch}",
        "lv": "Ko mainīja augšupielāde Nr. {batch}",
    },
    "history.changes_none": {
        "en": "This upload changed nothing that is recorded.",
        "lt": "Šis įkėlimas nieko nepakeitė.",
        "lv": "Šī augšupielāde neko nemainīja.",
    },
    "history.changes_capped": {
        "en": "The first {shown} changes are shown.",
        "lt": "Rodomi pirmieji {shown} pokyčiai.",
        "lv": "Parādītas pirmās {shown} izmaiņas.",
    },
    "history.undo_heading": {"en": "Undo", "lt": "Atšaukimas", "lv": "Atsaukšana"},
    "history.undo_preview": {
        "en": "Preview the undo",
        "lt": "Peržiūrėti atšaukimą",
        "lv": "Priekšskatīt atsaukšanu",
    },
    "history.undo_what": {
        "en": "Undoing upload no. {batch} would make these changes:",
        "lt": "Atšaukus įkėlimą Nr. {batch}, būtų atlikti šie pakeitimai:",
        "lv": "Atsaucot augšupielādi Nr. {batch}, tiktu veiktas šīs izmaiņas:",
    },
    "history.undo_confirm": {
        "en": "Confirm: undo upload no. {batch}",
        "lt": "Patvirtinti: atšaukti įkėlimą Nr. {batch}",
        "lv": "Apstiprināt: atsaukt augšupielādi Nr. {batch}",
    },
    "history.undone_ok": {
        "en": "Upload no. {batch} was undone: the values it replaced are back, the ones it added are gone.",
        "lt": "Įkėlimas Nr. {batch} atšauktas: jo pakeistos reikšmės atkurtos, o pridėtos – pašalintos.",
        "lv": "Augšupielāde Nr. {batch} ir atsaukta: tās aizstātās vērtības ir atjaunotas, bet pievienotās "
              "– noņemtas.",
    },
    "history.already_undone": {
        "en": "This upload was undone by {user} on {when} (UTC).",
        "lt": "Šį įkėlimą atšaukė {user} {when} (UTC).",
        "lv": "Šo augšupielādi atsauca {user} {when} (UTC).",
    },
    "history.not_yours": {
        "en": "Only the coordinator who uploaded it, or an administrator, may undo this upload.",
        "lt": "Atšaukti šį įkėlimą gali tik jį įkėlęs koordinatorius arba administratorius.",
        "lv": "Atsaukt šo augšupielādi var tikai koordinators, kurš to augšupielādēja, vai administrators.",
    },
    "history.undo_blocked": {
        "en": "This upload cannot be undone yet: {detail}",
        "lt": "Šio įkėlimo dar negalima atšaukti: {detail}",
        "lv": "Šo augšupielādi vēl nevar atsaukt: {detail}",
    },
}
