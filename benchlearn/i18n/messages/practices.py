"""The good-practice library: search, practice cards, the form, CSV import and export, the "learn from" panel.

Also the upload page's kind of file "practices" and the translations of the practices import's rules.
"""

MESSAGES = {
    "practices.nav": {"en": "Good practices", "lt": "Gerosios praktikos", "lv": "Labās prakses"},
    "practices.title": {
        "en": "Good-practice library",
        "lt": "Gerųjų praktikų biblioteka",
        "lv": "Labās prakses bibliotēka",
    },
    "practices.intro": {
        "en": "How do the municipalities that do better do it? Search what they have recorded, by network, "
              "indicator, municipality or any word — in English, Lithuanian or Latvian, with or without "
              "diacritics.",
        "lt": "Kaip tai daro geriau pasirodančios savivaldybės? Ieškokite, ką jos užrašė: pagal tinklą, "
              "rodiklį, savivaldybę ar bet kurį žodį – anglų, lietuvių ar latvių kalba, su diakritiniais "
              "ženklais ar be jų.",
        "lv": "Kā to dara pašvaldības, kurām veicas labāk? Meklējiet, ko tās ir aprakstījušas: pēc tīkla, "
              "rādītāja, pašvaldības vai jebkura vārda – angļu, lietuviešu vai latviešu valodā, ar "
              "diakritiskajām zīmēm vai bez tām.",
    },
    "practices.filter.network": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "practices.filter.all": {"en": "All networks", "lt": "Visi tinklai", "lv": "Visi tīkli"},
    "practices.filter.any": {"en": "Any", "lt": "Bet kurie", "lv": "Jebkuri"},
    "practices.form.choose": {"en": "Choose indicators", "lt": "Pasirinkite rodiklius",
                              "lv": "Izvēlieties rādītājus"},
    "practices.filter.indicators": {"en": "Indicators", "lt": "Rodikliai", "lv": "Rādītāji"},
    "practices.filter.entities": {"en": "Municipalities", "lt": "Savivaldybės", "lv": "Pašvaldības"},
    "practices.filter.text": {"en": "Words to find", "lt": "Ieškomi žodžiai", "lv": "Meklējamie vārdi"},
    "practices.filter.text_help": {
        "en": "Every word must occur in the title, description, contact, attachment names, the "
              "municipality's name or the indicators' names; case and diacritics do not matter (apsvietimas "
              "finds apšvietimas).",
        "lt": "Kiekvienas žodis turi būti pavadinime, aprašyme, kontaktuose, priedų pavadinimuose, "
              "savivaldybės ar rodiklių pavadinimuose; didžiosios raidės ir diakritiniai ženklai nesvarbūs "
              "(apsvietimas randa apšvietimas).",
        "lv": "Katram vārdam jābūt nosaukumā, aprakstā, kontaktos, pielikumu nosaukumos, pašvaldības vai "
              "rādītāju nosaukumos; lielie burti un diakritiskās zīmes nav svarīgi (celu atrod ceļu).",
    },
    "practices.tab.library": {"en": "Library", "lt": "Biblioteka", "lv": "Bibliotēka"},
    "practices.tab.record": {"en": "Record or edit", "lt": "Įrašyti ar taisyti", "lv": "Ierakstīt vai labot"},
    "practices.tab.files": {
        "en": "Import and export (CSV)",
        "lt": "Importas ir eksportas (CSV)",
        "lv": "Imports un eksports (CSV)",
    },
    "practices.found": {
        "en": "Practices that match: {n}.",
        "lt": "Atitinka praktikų: {n}.",
        "lv": "Atbilst prakses: {n}.",
    },
    "practices.none_found": {
        "en": "No practice matches these filters. Remove a filter, or record the first one.",
        "lt": "Šiuos filtrus atitinkančių praktikų nėra. Pašalinkite filtrą arba įrašykite pirmąją.",
        "lv": "Šiem filtriem neatbilst neviena prakse. Noņemiet filtru vai ierakstiet pirmo.",
    },
    "practices.col.id": {"en": "No.", "lt": "Nr.", "lv": "Nr."},
    "practices.col.title": {"en": "Practice", "lt": "Praktika", "lv": "Prakse"},
    "practices.col.entity": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "practices.col.indicators": {"en": "Indicators", "lt": "Rodikliai", "lv": "Rādītāji"},
    "practices.col.network": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "practices.col.started": {"en": "Started", "lt": "Pradėta", "lv": "Uzsākta"},
    "practices.col.contact": {"en": "Contact", "lt": "Kontaktai", "lv": "Kontakti"},
    "practices.col.owner": {"en": "Recorded by", "lt": "Įrašė", "lv": "Ierakstīja"},
    "practices.col.recorded": {"en": "Recorded on", "lt": "Įrašyta", "lv": "Ierakstīts"},
    "practices.card.started": {"en": "started {period}", "lt": "pradėta {period}", "lv": "uzsākta {period}"},
    "practices.card.network": {"en": "network {network}", "lt": "tinklas {network}", "lv": "tīkls {network}"},
    "practices.card.contact": {
        "en": "contact: {contact}",
        "lt": "kontaktai: {contact}",
        "lv": "kontakti: {contact}",
    },
    "practices.card.attachments": {
        "en": "attachments: {names}",
        "lt": "priedai: {names}",
        "lv": "pielikumi: {names}",
    },
    "practices.card.recorded": {
        "en": "recorded by {owner} on {date}",
        "lt": "įrašė {owner}, {date}",
        "lv": "ierakstīja {owner}, {date}",
    },
    "practices.panel.heading": {
        "en": "What they have recorded",
        "lt": "Ką jie užrašė",
        "lv": "Ko viņi ir aprakstījuši",
    },
    "practices.panel.note": {
        "en": "Good practices of these municipalities on this indicator (or on none in particular): {n}.",
        "lt": "Šių savivaldybių gerosios praktikos šiuo rodikliu (ar be konkretaus rodiklio): {n}.",
        "lv": "Šo pašvaldību labās prakses par šo rādītāju (vai bez konkrēta rādītāja): {n}.",
    },
    "practices.panel.none": {
        "en": "These municipalities have recorded no good practice on this indicator yet.",
        "lt": "Šios savivaldybės šiuo rodikliu dar neužrašė jokios gerosios praktikos.",
        "lv": "Šīs pašvaldības par šo rādītāju vēl nav aprakstījušas nevienu labo praksi.",
    },
    "practices.panel.more": {
        "en": "All good practices",
        "lt": "Visos gerosios praktikos",
        "lv": "Visas labās prakses",
    },
    "practices.login_needed": {
        "en": "Coordinators and municipality users record practices: log in first.",
        "lt": "Praktikas įrašo koordinatoriai ir savivaldybių naudotojai: pirmiausia prisijunkite.",
        "lv": "Prakses ieraksta koordinatori un pašvaldību lietotāji: vispirms piesakieties.",
    },
    "practices.login_link": {"en": "Log in", "lt": "Prisijungti", "lv": "Pieteikties"},
    "practices.form.which": {"en": "Practice", "lt": "Praktika", "lv": "Prakse"},
    "practices.form.new": {"en": "A new practice", "lt": "Nauja praktika", "lv": "Jauna prakse"},
    "practices.form.no_network": {
        "en": "No particular network",
        "lt": "Be konkretaus tinklo",
        "lv": "Bez konkrēta tīkla",
    },
    "practices.form.one_per_line": {
        "en": "One web address (http:// or https://) per line.",
        "lt": "Po vieną interneto adresą (http:// arba https://) eilutėje.",
        "lv": "Pa vienai tīmekļa adresei (http:// vai https://) rindā.",
    },
    "practices.form.attachments_help": {
        "en": "The names of the documents, one per line (the files themselves are not stored yet).",
        "lt": "Dokumentų pavadinimai, po vieną eilutėje (pačių failų kol kas nesaugome).",
        "lv": "Dokumentu nosaukumi, pa vienam rindā (pašus failus pagaidām neglabājam).",
    },
    "practices.form.period_help": {
        "en": "The year it started, such as 2023.",
        "lt": "Pradžios metai, pavyzdžiui, 2023.",
        "lv": "Sākuma gads, piemēram, 2023.",
    },
    "practices.form.save": {"en": "Save the practice", "lt": "Išsaugoti praktiką", "lv": "Saglabāt praksi"},
    "practices.form.saved": {
        "en": "Practice no. {id} saved.",
        "lt": "Praktika Nr. {id} išsaugota.",
        "lv": "Prakse Nr. {id} saglabāta.",
    },
    "practices.form.delete": {
        "en": "Delete this practice",
        "lt": "Ištrinti šią praktiką",
        "lv": "Dzēst šo praksi",
    },
    "practices.form.deleted": {
        "en": "Practice no. {id} deleted.",
        "lt": "Praktika Nr. {id} ištrinta.",
        "lv": "Prakse Nr. {id} izdzēsta.",
    },
    "practices.refused": {
        "en": "The practice was not saved: {count} problem(s) to fix.",
        "lt": "Praktika neišsaugota: reikia ištaisyti problemų – {count}.",
        "lv": "Prakse netika saglabāta: jānovērš problēmas – {count}.",
    },
    "practices.field.entity_code": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "practices.field.title": {"en": "Title", "lt": "Pavadinimas", "lv": "Nosaukums"},
    "practices.field.body": {
        "en": "Description: what was done, how, with what result",
        "lt": "Aprašymas: kas padaryta, kaip ir koks rezultatas",
        "lv": "Apraksts: kas darīts, kā un ar kādu rezultātu",
    },
    "practices.field.indicator_codes": {
        "en": "Indicators it concerns",
        "lt": "Susiję rodikliai",
        "lv": "Saistītie rādītāji",
    },
    "practices.field.network_code": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "practices.field.contact": {"en": "Contact", "lt": "Kontaktai", "lv": "Kontakti"},
    "practices.field.links": {"en": "Links", "lt": "Nuorodos", "lv": "Saites"},
    "practices.field.attachments": {
        "en": "Attachments (names)",
        "lt": "Priedai (pavadinimai)",
        "lv": "Pielikumi (nosaukumi)",
    },
    "practices.field.started_period": {"en": "Started in", "lt": "Pradžia", "lv": "Sākums"},
    "practices.field.language": {"en": "Language of the text", "lt": "Teksto kalba", "lv": "Teksta valoda"},
    "practices.problem.required": {
        "en": "this field is required",
        "lt": "šis laukas privalomas",
        "lv": "šis lauks ir obligāts",
    },
    "practices.problem.unknown_entity": {
        "en": "{value} is not a municipality you may record practices for",
        "lt": "{value} nėra savivaldybė, kuriai galite įrašyti praktikas",
        "lv": "{value} nav pašvaldība, kurai varat ierakstīt prakses",
    },
    "practices.problem.title_too_long": {
        "en": "the title is too long (at most 300 characters)",
        "lt": "pavadinimas per ilgas (ne daugiau kaip 300 simbolių)",
        "lv": "nosaukums ir pārāk garš (ne vairāk kā 300 rakstzīmes)",
    },
    "practices.problem.unknown_indicator": {
        "en": "{value} is not a known indicator",
        "lt": "{value} nėra žinomas rodiklis",
        "lv": "{value} nav zināms rādītājs",
    },
    "practices.problem.unknown_network": {
        "en": "{value} is not a network this practice may be tagged with",
        "lt": "{value} nėra tinklas, kuriam galima priskirti šią praktiką",
        "lv": "{value} nav tīkls, kuram var piesaistīt šo praksi",
    },
    "practices.problem.bad_link": {
        "en": "{value} is not a web address (expected one starting with http:// or https://)",
        "lt": "{value} nėra interneto adresas (turi prasidėti http:// arba https://)",
        "lv": "{value} nav tīmekļa adrese (tai jāsākas ar http:// vai https://)",
    },
    "practices.problem.bad_period": {
        "en": "{value} is not a period (expected a year such as 2023)",
        "lt": "{value} nėra laikotarpis (tikėtasi metų, pavyzdžiui, 2023)",
        "lv": "{value} nav periods (gaidīts gads, piemēram, 2023)",
    },
    "practices.problem.bad_language": {
        "en": "{value} is not a language (expected en, lt or lv)",
        "lt": "{value} nėra kalba (tikėtasi en, lt arba lv)",
        "lv": "{value} nav valoda (gaidīts en, lt vai lv)",
    },
    "practices.export.heading": {"en": "Export", "lt": "Eksportas", "lv": "Eksports"},
    "practices.export.note": {
        "en": "The practices that match the filters, as a CSV file the import reads back unchanged (keep "
              "the id column to update a practice; leave it empty to add one).",
        "lt": "Filtrus atitinkančios praktikos kaip CSV failas, kurį importas nuskaito be pakeitimų "
              "(palikite stulpelį id, kad atnaujintumėte praktiką; palikite jį tuščią, kad pridėtumėte "
              "naują).",
        "lv": "Filtriem atbilstošās prakses kā CSV fails, ko imports nolasa bez izmaiņām (atstājiet kolonnu "
              "id, lai atjauninātu praksi; atstājiet to tukšu, lai pievienotu jaunu).",
    },
    "practices.export.button": {
        "en": "Download {n} practices (CSV)",
        "lt": "Atsisiųsti praktikas: {n} (CSV)",
        "lv": "Lejupielādēt prakses: {n} (CSV)",
    },
    "practices.import.heading": {"en": "Import", "lt": "Importas", "lv": "Imports"},
    "practices.import.coordinators": {
        "en": "Coordinators import practices for their networks: log in as a coordinator to import a file.",
        "lt": "Praktikas savo tinklams importuoja koordinatoriai: norėdami importuoti failą, prisijunkite "
              "kaip koordinatorius.",
        "lv": "Prakses saviem tīkliem importē koordinatori: lai importētu failu, piesakieties kā "
              "koordinators.",
    },
    "practices.import.network": {"en": "For network", "lt": "Tinklui", "lv": "Tīklam"},
    "practices.import.file": {
        "en": "Practices file (CSV or Excel .xlsx)",
        "lt": "Praktikų failas (CSV arba Excel .xlsx)",
        "lv": "Prakšu fails (CSV vai Excel .xlsx)",
    },
    "practices.import.help": {
        "en": "Columns: entity_code (or the municipality's name) and title are required; body, "
              "indicator_codes (separated by |), network_code, contact, links (|), attachments (|), "
              "started_period, language, and id to update an existing practice.",
        "lt": "Stulpeliai: entity_code (arba savivaldybės pavadinimas) ir title privalomi; body, "
              "indicator_codes (skirti |), network_code, contact, links (|), attachments (|), "
              "started_period, language ir id, jei atnaujinama esama praktika.",
        "lv": "Kolonnas: entity_code (vai pašvaldības nosaukums) un title ir obligātas; body, "
              "indicator_codes (atdalīti ar |), network_code, contact, links (|), attachments (|), "
              "started_period, language un id, ja atjaunina esošu praksi.",
    },
    "upload.kind.practices": {"en": "Good practices", "lt": "Gerosios praktikos", "lv": "Labās prakses"},
    "upload.problem.title_too_long": {
        "en": "{message}",
        "lt": "pavadinimas per ilgas (ne daugiau kaip 300 simbolių)",
        "lv": "nosaukums ir pārāk garš (ne vairāk kā 300 rakstzīmes)",
    },
    "upload.problem.bad_practice_id": {
        "en": "{message}",
        "lt": "„{value}“ nėra praktikos numeris (tikėtasi sveikojo skaičiaus nuo 1 arba tuščio langelio)",
        "lv": "“{value}” nav prakses numurs (gaidīts vesels skaitlis no 1 vai tukša šūna)",
    },
    "upload.problem.other_network": {
        "en": "{message}",
        "lt": "„{value}“ – kitas tinklas, ne {network} (tikėtasi {network} arba tuščio langelio)",
        "lv": "“{value}” ir cits tīkls, nevis {network} (gaidīts {network} vai tukša šūna)",
    },
    "upload.problem.practice_other_network": {
        "en": "{message}",
        "lt": "praktika Nr. {value} priklauso kitam tinklui, ne {network}",
        "lv": "prakse Nr. {value} pieder citam tīklam, nevis {network}",
    },
    "upload.problem.unknown_network": {
        "en": "{message}",
        "lt": "„{value}“ nėra žinomas tinklas (tikėtasi tinklo kodo arba tuščio langelio)",
        "lv": "“{value}” nav zināms tīkls (gaidīts tīkla kods vai tukša šūna)",
    },
    "upload.problem.bad_link": {
        "en": "{message}",
        "lt": "„{value}“ nėra interneto adresas (turi prasidėti http:// arba https://)",
        "lv": "“{value}” nav tīmekļa adrese (tai jāsākas ar http:// vai https://)",
    },
    "upload.problem.bad_attachment": {
        "en": "{message}",
        "lt": "priedo pavadinimas per ilgas (ne daugiau kaip 1000 simbolių)",
        "lv": "pielikuma nosaukums ir pārāk garš (ne vairāk kā 1000 rakstzīmes)",
    },
    "upload.problem.bad_language": {
        "en": "{message}",
        "lt": "„{value}“ nėra kalba (tikėtasi en, lt arba lv)",
        "lv": "“{value}” nav valoda (gaidīts en, lt vai lv)",
    },
    "upload.problem.not_your_practice": {
        "en": "{message}",
        "lt": "praktiką Nr. {value} įrašė kitas asmuo (galite keisti tik savo praktikas arba palikti id "
              "tuščią ir pridėti naują)",
        "lv": "praksi Nr. {value} ierakstīja cita persona (varat mainīt tikai savas prakses vai atstāt id "
              "tukšu un pievienot jaunu)",
    },
}
