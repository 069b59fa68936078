"""The upload page: choosing a file, how it was read, the preview and diff, the validation report."""

MESSAGES = {
    "upload.nav": {"en": "Upload", "lt": "Įkėlimas", "lv": "Augšupielāde"},
    "upload.title": {"en": "Upload data", "lt": "Duomenų įkėlimas", "lv": "Datu augšupielāde"},
    "upload.intro": {
        "en": "Load a network's indicator values or metadata. You see what the file would change before "
              "anything is written, and every upload can be undone on the History page.",
        "lt": "Įkelkite tinklo rodiklių reikšmes arba metaduomenis. Prieš įrašant matysite, ką failas "
              "pakeistų, o kiekvieną įkėlimą galima atšaukti puslapyje „Istorija“.",
        "lv": "Ielādējiet tīkla rādītāju vērtības vai metadatus. Pirms ierakstīšanas redzēsiet, ko fails "
              "mainītu, un katru augšupielādi var atsaukt lapā “Vēsture”.",
    },
    "upload.no_networks": {
        "en": "You coordinate no network yet: ask an administrator to add you to one.",
        "lt": "Jūs dar nekoordinuojate jokio tinklo: paprašykite administratoriaus jus priskirti.",
        "lv": "Jūs vēl nekoordinējat nevienu tīklu: lūdziet administratoram jūs pievienot.",
    },
    "upload.network": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "upload.kind": {"en": "Kind of file", "lt": "Failo tipas", "lv": "Faila veids"},
    "upload.kind.values": {"en": "Indicator values", "lt": "Rodiklių reikšmės", "lv": "Rādītāju vērtības"},
    "upload.kind.indicators": {
        "en": "Indicators (metadata)",
        "lt": "Rodikliai (metaduomenys)",
        "lv": "Rādītāji (metadati)",
    },
    "upload.kind.entities": {
        "en": "Municipalities and other units",
        "lt": "Savivaldybės ir kiti vienetai",
        "lv": "Pašvaldības un citas vienības",
    },
    "upload.kind.members": {
        "en": "Members of networks and peer groups",
        "lt": "Tinklų ir palyginimo grupių nariai",
        "lv": "Tīklu un salīdzināšanas grupu dalībnieki",
    },
    "upload.file": {
        "en": "File (CSV or Excel .xlsx, up to {mb} MB)",
        "lt": "Failas (CSV arba Excel .xlsx, iki {mb} MB)",
        "lv": "Fails (CSV vai Excel .xlsx, līdz {mb} MB)",
    },
    "upload.file_help": {
        "en": "CSV in UTF-8, UTF-16 or Windows-1257, separated by commas, semicolons or tabs; or an Excel "
              "workbook (.xlsx).",
        "lt": "CSV failas UTF-8, UTF-16 arba Windows-1257 koduote, atskirtas kableliais, kabliataškiais ar "
              "tabuliacijos ženklais; arba Excel darbaknygė (.xlsx).",
        "lv": "CSV fails UTF-8, UTF-16 vai Windows-1257 kodējumā, atdalīts ar komatiem, semikoliem vai "
              "tabulācijas zīmēm; vai Excel darbgrāmata (.xlsx).",
    },
    "upload.choose_file": {
        "en": "Choose a file to see what it would change. Nothing is written until you commit.",
        "lt": "Pasirinkite failą ir pamatysite, ką jis pakeistų. Niekas neįrašoma, kol nepatvirtinsite.",
        "lv": "Izvēlieties failu, lai redzētu, ko tas mainītu. Nekas netiek ierakstīts, kamēr "
              "neapstiprināsiet.",
    },
    "upload.too_large": {
        "en": "The file is larger than {mb} MB, the upload limit. Split it into parts (for example one "
              "period per file) and upload them one by one.",
        "lt": "Failas didesnis nei {mb} MB – tai įkėlimo riba. Padalykite jį į dalis (pavyzdžiui, po vieną "
              "laikotarpį faile) ir įkelkite jas po vieną.",
        "lv": "Fails ir lielāks par {mb} MB – augšupielādes ierobežojumu. Sadaliet to daļās (piemēram, pa "
              "vienam periodam failā) un augšupielādējiet tās pa vienai.",
    },
    "upload.sheet": {"en": "Sheet", "lt": "Lapas", "lv": "Lapa"},
    "upload.overrides": {
        "en": "Reading options (detected automatically)",
        "lt": "Skaitymo parinktys (nustatomos automatiškai)",
        "lv": "Lasīšanas iestatījumi (tiek noteikti automātiski)",
    },
    "upload.workbook_overrides": {
        "en": "An Excel workbook has no encoding or delimiter to choose.",
        "lt": "Excel darbaknygei koduotės ir skyriklio rinktis nereikia.",
        "lv": "Excel darbgrāmatai kodējums un atdalītājs nav jāizvēlas.",
    },
    "upload.encoding": {"en": "Encoding", "lt": "Koduotė", "lv": "Kodējums"},
    "upload.delimiter": {"en": "Delimiter", "lt": "Skyriklis", "lv": "Atdalītājs"},
    "upload.decimal": {"en": "Decimal mark", "lt": "Dešimtainis skyriklis", "lv": "Decimālzīme"},
    "upload.period": {
        "en": "Period of every row (for a wide file without a period column)",
        "lt": "Visų eilučių laikotarpis (plačiam failui be laikotarpio stulpelio)",
        "lv": "Visu rindu periods (platam failam bez perioda kolonnas)",
    },
    "upload.period_help": {
        "en": "For example 2023, 2016-17 or 2024-Q2.",
        "lt": "Pavyzdžiui, 2023, 2016-17 arba 2024-Q2.",
        "lv": "Piemēram, 2023, 2016-17 vai 2024-Q2.",
    },
    "upload.auto": {
        "en": "detect automatically",
        "lt": "nustatyti automatiškai",
        "lv": "noteikt automātiski",
    },
    "upload.mark.comma": {"en": "comma (,)", "lt": "kablelis (,)", "lv": "komats (,)"},
    "upload.mark.semicolon": {"en": "semicolon (;)", "lt": "kabliataškis (;)", "lv": "semikols (;)"},
    "upload.mark.tab": {"en": "tab", "lt": "tabuliacija", "lv": "tabulācija"},
    "upload.mark.point": {"en": "point (.)", "lt": "taškas (.)", "lv": "punkts (.)"},
    "upload.detected": {
        "en": "Read as: encoding {encoding} · delimiter {delimiter} · decimal mark {decimal} · header on "
              "row {header} · {layout}",
        "lt": "Perskaityta taip: koduotė {encoding} · skyriklis {delimiter} · dešimtainis skyriklis "
              "{decimal} · antraštė {header} eilutėje · {layout}",
        "lv": "Nolasīts šādi: kodējums {encoding} · atdalītājs {delimiter} · decimālzīme {decimal} · "
              "virsraksts {header}. rindā · {layout}",
    },
    "upload.detected_workbook": {
        "en": "Read as: Excel workbook, sheet {sheet} · header on row {header} · {layout}",
        "lt": "Perskaityta taip: Excel darbaknygė, lapas {sheet} · antraštė {header} eilutėje · {layout}",
        "lv": "Nolasīts šādi: Excel darbgrāmata, lapa {sheet} · virsraksts {header}. rindā · {layout}",
    },
    "upload.layout.long": {
        "en": "long layout (one value per row)",
        "lt": "ilgasis formatas (viena reikšmė eilutėje)",
        "lv": "garais formāts (viena vērtība rindā)",
    },
    "upload.layout.wide": {
        "en": "wide layout (one column per indicator)",
        "lt": "platusis formatas (po stulpelį kiekvienam rodikliui)",
        "lv": "platais formāts (pa kolonnai katram rādītājam)",
    },
    "upload.layout.records": {
        "en": "one record per row",
        "lt": "vienas įrašas eilutėje",
        "lv": "viens ieraksts rindā",
    },
    "upload.preview_heading": {
        "en": "Preview of the rows read",
        "lt": "Perskaitytų eilučių peržiūra",
        "lv": "Nolasīto rindu priekšskatījums",
    },
    "upload.preview_rows": {
        "en": "The first {shown} of {total} rows, as they will be stored (row = the row in your file).",
        "lt": "Pirmosios {shown} iš {total} eilučių, kaip jos bus išsaugotos (row – eilutės numeris jūsų "
              "faile).",
        "lv": "Pirmās {shown} no {total} rindām, kā tās tiks saglabātas (row – rindas numurs jūsu failā).",
    },
    "upload.diff_heading": {"en": "What will change", "lt": "Kas pasikeis", "lv": "Kas mainīsies"},
    "upload.diff.new": {"en": "New", "lt": "Nauji", "lv": "Jauni"},
    "upload.diff.changed": {"en": "Changed", "lt": "Pakeisti", "lv": "Mainīti"},
    "upload.diff.unchanged": {"en": "Unchanged", "lt": "Nepakitę", "lv": "Nemainīti"},
    "upload.col.entity_code": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "upload.col.indicator_code": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "upload.col.period": {"en": "Period", "lt": "Laikotarpis", "lv": "Periods"},
    "upload.col.old_value": {"en": "Old value", "lt": "Buvusi reikšmė", "lv": "Iepriekšējā vērtība"},
    "upload.col.old_status": {"en": "Old status", "lt": "Buvusi būsena", "lv": "Iepriekšējais statuss"},
    "upload.col.new_value": {"en": "New value", "lt": "Nauja reikšmė", "lv": "Jaunā vērtība"},
    "upload.col.new_status": {"en": "New status", "lt": "Nauja būsena", "lv": "Jaunais statuss"},
    "upload.col.change": {"en": "Change", "lt": "Pokytis", "lv": "Izmaiņa"},
    "upload.nothing_to_commit": {
        "en": "The file matches what is stored: committing it would change nothing.",
        "lt": "Failas sutampa su išsaugotais duomenimis: jį patvirtinus niekas nepasikeistų.",
        "lv": "Fails sakrīt ar saglabātajiem datiem: to apstiprinot, nekas nemainītos.",
    },
    "upload.commit": {
        "en": "Commit: {new} new, {changed} changed",
        "lt": "Patvirtinti: naujų – {new}, pakeistų – {changed}",
        "lv": "Apstiprināt: jauni – {new}, mainīti – {changed}",
    },
    "upload.committed": {
        "en": "Committed as upload no. {batch}: {new} new, {changed} changed, {same} unchanged.",
        "lt": "Įrašyta kaip įkėlimas Nr. {batch}: naujų – {new}, pakeistų – {changed}, nepakitusių – {same}.",
        "lv": "Ierakstīts kā augšupielāde Nr. {batch}: jauni – {new}, mainīti – {changed}, nemainīti – "
              "{same}.",
    },
    "upload.conflict": {
        "en": "Someone changed these values meanwhile, so nothing was written. Review the new preview below "
              "and commit again.",
        "lt": "Kažkas tuo metu pakeitė šias reikšmes, todėl niekas neįrašyta. Patikrinkite atnaujintą "
              "peržiūrą žemiau ir patvirtinkite dar kartą.",
        "lv": "Kāds pa to laiku mainīja šīs vērtības, tāpēc nekas netika ierakstīts. Pārskatiet jauno "
              "priekšskatījumu zemāk un apstipriniet vēlreiz.",
    },
    "upload.not_allowed": {
        "en": "You may not upload for the network {network}: only its coordinators and administrators may.",
        "lt": "Jūs negalite įkelti duomenų tinklui {network}: tai gali tik jo koordinatoriai ir "
              "administratoriai.",
        "lv": "Jūs nevarat augšupielādēt datus tīklam {network}: to var tikai tā koordinatori un "
              "administratori.",
    },
    "upload.rejected": {
        "en": "The file was not loaded: problems found – {count}, nothing was written. Fix them in the "
              "file and upload it again.",
        "lt": "Failas neįkeltas: rasta problemų – {count}, niekas neįrašyta. Ištaisykite jas faile ir "
              "įkelkite jį dar kartą.",
        "lv": "Fails netika ielādēts: atrastas problēmas – {count}, nekas netika ierakstīts. Izlabojiet tās "
              "failā un augšupielādējiet to vēlreiz.",
    },
    "upload.report.capped": {
        "en": "The first {shown} of {total} problems are shown.",
        "lt": "Rodomos pirmosios {shown} iš {total} problemų.",
        "lv": "Parādītas pirmās {shown} no {total} problēmām.",
    },
    "upload.report.download": {
        "en": "Download the report (CSV)",
        "lt": "Atsisiųsti ataskaitą (CSV)",
        "lv": "Lejupielādēt pārskatu (CSV)",
    },
    "upload.report.row": {"en": "Row", "lt": "Eilutė", "lv": "Rinda"},
    "upload.report.column": {"en": "Column", "lt": "Stulpelis", "lv": "Kolonna"},
    "upload.report.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "upload.report.problem": {"en": "Problem", "lt": "Problema", "lv": "Problēma"},
    "upload.report.suggestion": {"en": "Suggestion", "lt": "Pasiūlymas", "lv": "Ieteikums"},
}

# Validation problems by rule code (benchlearn/ingest): {value} is the cell, {column} its header, the rest are
# the rule's params. In English the ingest package's own, more detailed message is shown ({message}).
_PROBLEMS = {
    "ambiguous_entity": (
        "„{value}“ dviprasmiškas: atitinka {candidates} (nurodykite kodą arba pavadinimą su forma, "
        "pavyzdžiui, „m. sav.“ ar „r. sav.“)",
        "“{value}” nav viennozīmīgs: atbilst {candidates} (norādiet kodu vai nosaukumu ar formu, piemēram, "
        "“m. sav.” vai “r. sav.”)"),
    "ambiguous_indicator": (
        "„{value}“ dviprasmiškas: taip vadinasi keli rodikliai (nurodykite rodiklio kodą)",
        "“{value}” nav viennozīmīgs: tā sauc vairākus rādītājus (norādiet rādītāja kodu)"),
    "ambiguous_number": (
        "„{value}“ – dviprasmiškas skaičius: jame yra ir „.“, ir „,“ (naudokite vieną dešimtainį skyriklį, "
        "pavyzdžiui, 1234,5 arba 1234.5)",
        "“{value}” ir neviennozīmīgs skaitlis: tajā ir gan “.”, gan “,” (izmantojiet vienu decimālzīmi, "
        "piemēram, 1234,5 vai 1234.5)"),
    "bad_date": (
        "„{value}“ nėra data (tikėtasi datos, pavyzdžiui, 2025-07-01, arba metų, pavyzdžiui, 2025)",
        "“{value}” nav datums (gaidīts datums, piemēram, 2025-07-01, vai gads, piemēram, 2025)"),
    "bad_group_kind": (
        "„{value}“ nėra grupės tipas (tikėtasi network arba peer_group)",
        "“{value}” nav grupas veids (gaidīts network vai peer_group)"),
    "bad_period": (
        "„{value}“ nėra laikotarpis (tikėtasi metų, pavyzdžiui, 2023, mokslo ar finansinių metų, "
        "pavyzdžiui, 2016-17, arba ketvirčio, pavyzdžiui, 2024-Q2)",
        "“{value}” nav periods (gaidīts gads, piemēram, 2023, mācību vai finanšu gads, piemēram, 2016-17, "
        "vai ceturksnis, piemēram, 2024-Q2)"),
    "bad_polarity": (
        "„{value}“ nėra kryptis (tikėtasi higher_better, lower_better arba neutral)",
        "“{value}” nav virziens (gaidīts higher_better, lower_better vai neutral)"),
    "bad_range": (
        "didžiausia reikšmė {value} mažesnė už mažiausią (max turi būti ne mažesnis už min)",
        "maksimālā vērtība {value} ir mazāka par minimālo (max jābūt ne mazākam par min)"),
    "bad_status": (
        "„{value}“ nėra būsena (tikėtasi final, preliminary, estimated, nil, not_available, confidential "
        "arba not_applicable)",
        "“{value}” nav statuss (gaidīts final, preliminary, estimated, nil, not_available, confidential "
        "vai not_applicable)"),
    "bad_code": ("kode „{value}“ yra ženklas „|“ (tikėtasi kodo be „|“)",
                 "kodā “{value}” ir zīme “|” (gaidīts kods bez “|”)"),
    "bad_validity": (
        "valid_to {value} ankstesnė už valid_from (tikėtasi datos, ne ankstesnės už valid_from)",
        "valid_to {value} ir agrāks par valid_from (gaidīts datums, kas nav agrāks par valid_from)"),
    "binary_data": (
        "faile yra dvejetainių duomenų (NUL baitas), tai ne CSV tekstas: eksportuokite jį iš skaičiuoklės "
        "kaip CSV",
        "failā ir binārie dati (NUL baits), tas nav CSV teksts: eksportējiet to no izklājlapas kā CSV"),
    "cell_too_long": (
        "langelis per ilgas: {value} simbolių, tai daugiau nei leidžiama",
        "šūna ir pārāk gara: {value} rakstzīmes, tas ir vairāk, nekā atļauts"),
    "duplicate_key": (
        "tas pats raktas pasikartoja su kitu turiniu: čia ir {other_row} eilutėje (tikėtasi vienos eilutės "
        "kiekvienam raktui)",
        "tā pati atslēga atkārtojas ar citu saturu: šeit un {other_row}. rindā (gaidīta viena rinda katrai "
        "atslēgai)"),
    "duplicated_column": (
        "stulpelis „{value}“ kartojasi (kiekvienas stulpelis turi būti tik vieną kartą)",
        "kolonna “{value}” atkārtojas (katrai kolonnai jābūt tikai vienu reizi)"),
    "empty_file": (
        "failas tuščias (tikėtasi antraštės eilutės ir duomenų eilučių)",
        "fails ir tukšs (gaidīta virsraksta rinda un datu rindas)"),
    "entity_not_in_network": (
        "{value} nėra tinklo {network} narys (tikėtasi vieno iš jo narių)",
        "{value} nav tīkla {network} dalībnieks (gaidīts kāds no tā dalībniekiem)"),
    "entity_not_valid": ("{value} negalioja laikotarpiu {period}", "{value} nav spēkā periodā {period}"),
    "excel_error": (
        "„{value}“ yra Excel klaida, o ne reikšmė (tikėtasi skaičiaus; pataisykite formulę skaičiuoklėje)",
        "“{value}” ir Excel kļūda, nevis vērtība (gaidīts skaitlis; izlabojiet formulu izklājlapā)"),
    "excel_workbook": (
        "tai Excel darbaknygė (.xlsx), o ne CSV: išsaugokite ją kaip CSV arba įkelkite kaip Excel failą",
        "šī ir Excel darbgrāmata (.xlsx), nevis CSV: saglabājiet to kā CSV vai augšupielādējiet kā Excel "
        "failu"),
    "file_too_large": ("failas per didelis: {value}", "fails ir pārāk liels: {value}"),
    "group_kind_conflict": (
        "grupės tipas „{value}“ nesutampa su jau žinomu šios grupės tipu",
        "grupas veids “{value}” nesakrīt ar jau zināmo šīs grupas veidu"),
    "group_not_network": (
        "„{value}“ yra kitas tinklas nei pasirinktasis (galima tik pasirinktas tinklas arba palyginimo "
        "grupė)",
        "“{value}” ir cits tīkls, nevis izvēlētais (atļauts tikai izvēlētais tīkls vai salīdzināšanas "
        "grupa)"),
    "header_only": (
        "faile yra antraštė, bet nėra duomenų eilučių (tikėtasi bent vienos eilutės po antrašte)",
        "failā ir virsraksts, bet nav datu rindu (gaidīta vismaz viena rinda zem virsraksta)"),
    "incomplete_ratio": (
        "santykiniam rodikliui reikia ir skaitiklio, ir vardiklio",
        "attiecības rādītājam vajag gan skaitītāju, gan saucēju"),
    "indicator_not_in_network": (
        "{value} nėra tinklo {network} rodiklis",
        "{value} nav tīkla {network} rādītājs"),
    "line_too_long": ("eilutė per ilga: {value} baitų", "rinda ir pārāk gara: {value} baiti"),
    "missing_column": ("trūksta stulpelio „{column_name}“", "trūkst kolonnas “{column_name}”"),
    "missing_period": (
        "faile nėra laikotarpio stulpelio (tikėtasi stulpelio, pavyzdžiui, period, metai ar gads, arba "
        "laikotarpio, nurodyto įkeliant)",
        "failā nav perioda kolonnas (gaidīta kolonna, piemēram, period, metai vai gads, vai periods, kas "
        "norādīts augšupielādējot)"),
    "missing_value": (
        "trūksta reikšmės, nors jos būsena reikalauja skaičiaus (tikėtasi skaičiaus arba būsenos, "
        "pavyzdžiui, not_available)",
        "trūkst vērtības, lai gan tās statuss prasa skaitli (gaidīts skaitlis vai statuss, piemēram, "
        "not_available)"),
    "no_header": (
        "failo pradžioje nerasta antraštės eilutės su reikiamais stulpeliais",
        "faila sākumā nav atrasta virsraksta rinda ar vajadzīgajām kolonnām"),
    "not_a_number": (
        "„{value}“ nėra skaičius (tikėtasi skaičiaus, pavyzdžiui, 1234,5 arba 1234.5)",
        "“{value}” nav skaitlis (gaidīts skaitlis, piemēram, 1234,5 vai 1234.5)"),
    "not_finite": (
        "„{value}“ nėra skaičius (tikėtasi skaičiaus arba trūkstamos reikšmės žymės, pavyzdžiui, .. ar "
        "tuščio langelio)",
        "“{value}” nav skaitlis (gaidīts skaitlis vai trūkstošas vērtības apzīmējums, piemēram, .. vai "
        "tukša šūna)"),
    "out_of_range": (
        "„{value}“ nepatenka į leistiną šio rodiklio reikšmių intervalą",
        "“{value}” ir ārpus šī rādītāja pieļaujamā diapazona"),
    "percent_not_allowed": (
        "„{value}“ turi procento ženklą, bet rodiklis matuojamas ne procentais (tikėtasi skaičiaus be %)",
        "“{value}” satur procentu zīmi, bet rādītājs netiek mērīts procentos (gaidīts skaitlis bez %)"),
    "ragged_row": (
        "eilutėje langelių: {value}, o antraštėje stulpelių – kitas skaičius (patikrinkite skyriklius; "
        "skaičius su dešimtainiu kableliu kableliais atskirtame faile turi būti kabutėse)",
        "rindā ir šūnu: {value}, bet virsrakstā kolonnu skaits ir cits (pārbaudiet atdalītājus; skaitlim "
        "ar decimālkomatu ar komatiem atdalītā failā jābūt pēdiņās)"),
    "required": (
        "stulpelio „{column}“ langelis tuščias (reikšmė privaloma)",
        "kolonnas “{column}” šūna ir tukša (vērtība ir obligāta)"),
    "self_reference": ("„{value}“ nurodo pats save", "“{value}” atsaucas pats uz sevi"),
    "status_conflict": (
        "„{value}“ yra reikšmė, bet nurodyta būsena sako, kad jos nėra (tikėtasi tuščio langelio arba "
        "būsenos, pavyzdžiui, final)",
        "“{value}” ir vērtība, bet norādītais statuss saka, ka tās nav (gaidīta tukša šūna vai statuss, "
        "piemēram, final)"),
    "undecodable": (
        "nepavyko perskaityti teksto (baitas {value}): išsaugokite failą kaip „CSV UTF-8“ arba nurodykite "
        "jo koduotę",
        "neizdevās nolasīt tekstu (baits {value}): saglabājiet failu kā “CSV UTF-8” vai norādiet tā "
        "kodējumu"),
    "unknown_encoding": (
        "nežinoma koduotė „{value}“ (tikėtasi, pavyzdžiui, utf-8, utf-16, cp1257 arba windows-1257)",
        "nezināms kodējums “{value}” (gaidīts, piemēram, utf-8, utf-16, cp1257 vai windows-1257)"),
    "unknown_entity": (
        "„{value}“ – nežinomas savivaldybės ar kito vieneto kodas arba pavadinimas",
        "“{value}” nav zināms pašvaldības vai citas vienības kods vai nosaukums"),
    "unknown_indicator": (
        "„{value}“ – nežinomas rodiklio kodas arba pavadinimas",
        "“{value}” nav zināms rādītāja kods vai nosaukums"),
    "unknown_reference": (
        "„{value}“ – nežinomas kodas (jo nėra nei duomenų bazėje, nei šiame faile)",
        "“{value}” ir nezināms kods (tā nav ne datu bāzē, ne šajā failā)"),
    "xlsx_old_format": (
        "tai senas Excel .xls failas arba slaptažodžiu apsaugota darbaknygė: išsaugokite ją kaip .xlsx be "
        "slaptažodžio arba kaip CSV",
        "šis ir vecs Excel .xls fails vai ar paroli aizsargāta darbgrāmata: saglabājiet to kā .xlsx bez "
        "paroles vai kā CSV"),
    "xlsx_unreadable": (
        "darbaknygė sugadinta arba tai ne .xlsx failas: išsaugokite ją iš naujo programa Excel arba "
        "įkelkite CSV",
        "darbgrāmata ir bojāta vai tas nav .xlsx fails: saglabājiet to no jauna ar Excel vai "
        "augšupielādējiet CSV"),
    "xlsx_too_complex": (
        "darbaknygėje per daug dalių ({parts}): išsaugokite lapą atskirai kaip .xlsx arba CSV",
        "darbgrāmatā ir pārāk daudz daļu ({parts}): saglabājiet lapu atsevišķi kā .xlsx vai CSV"),
    "xlsx_too_large": (
        "išskleista darbaknygė užima {size_mb} MB, riba – {limit_mb} MB: įkelkite lapą kaip CSV",
        "atarhivēta darbgrāmata aizņem {size_mb} MB, ierobežojums ir {limit_mb} MB: augšupielādējiet lapu "
        "kā CSV"),
    "xlsx_suspicious": (
        "darbaknygė suspausta įtartinai stipriai (kaip „ZIP bomba“), todėl neatidaryta: išsaugokite ją iš "
        "naujo arba įkelkite CSV",
        "darbgrāmata ir saspiesta aizdomīgi spēcīgi (kā “ZIP bumba”), tāpēc netika atvērta: saglabājiet to "
        "no jauna vai augšupielādējiet CSV"),
    "xlsx_no_sheet": ("darbaknygėje nėra lapo „{sheet}“", "darbgrāmatā nav lapas “{sheet}”"),
    "xlsx_too_wide": (
        "lape yra {columns} stulpelių, riba – {limit}",
        "lapā ir {columns} kolonnas, ierobežojums ir {limit}"),
}

MESSAGES.update({
    f"upload.problem.{code}": {"en": "{message}", "lt": lt, "lv": lv} for code, (lt, lv) in _PROBLEMS.items()
})
