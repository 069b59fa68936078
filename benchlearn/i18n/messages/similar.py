"""The similar municipalities page: nearest neighbours on structural indicators, used as a peer set."""

MESSAGES = {
    "similar.nav": {
        "en": "Similar municipalities",
        "lt": "Panašios savivaldybės",
        "lv": "Līdzīgas pašvaldības",
    },
    "similar.title": {
        "en": "Similar municipalities",
        "lt": "Panašios savivaldybės",
        "lv": "Līdzīgas pašvaldības",
    },
    "similar.intro": {
        "en": "The municipalities most like this one on the structural indicators you choose. Each "
              "indicator is standardised (z-scores); the distance is Euclidean, rebased so that the least "
              "similar municipality is at 1; match score = 100 × (1 − distance).",
        "lt": "Savivaldybės, labiausiai panašios į šią pagal jūsų pasirinktus struktūrinius rodiklius. "
              "Kiekvienas rodiklis standartizuojamas (z įverčiai); atstumas – euklidinis, perskaičiuotas "
              "taip, kad mažiausiai panašios savivaldybės atstumas būtų 1; atitikties balas = 100 × (1 − "
              "atstumas).",
        "lv": "Pašvaldības, kas visvairāk līdzinās šai pēc jūsu izvēlētajiem strukturālajiem rādītājiem. "
              "Katrs rādītājs tiek standartizēts (z vērtības); attālums ir eiklīdisks, pārrēķināts tā, lai "
              "vismazāk līdzīgās pašvaldības attālums būtu 1; atbilstības rādītājs = 100 × (1 − attālums).",
    },
    "similar.indicators": {
        "en": "Structural indicators",
        "lt": "Struktūriniai rodikliai",
        "lv": "Strukturālie rādītāji",
    },
    "similar.indicators_help": {
        "en": "Indicators with no better direction that describe the municipality (size, density, "
              "urbanisation…), each at the municipality's latest value.",
        "lt": "Savivaldybę apibūdinantys rodikliai be geresnės krypties (dydis, tankis, urbanizacija…), "
              "kiekvienas pagal naujausią savivaldybės reikšmę.",
        "lv": "Pašvaldību raksturojoši rādītāji bez labākā virziena (lielums, blīvums, urbanizācija…), "
              "katrs pēc pašvaldības jaunākās vērtības.",
    },
    "similar.k": {
        "en": "Number of similar municipalities",
        "lt": "Panašių savivaldybių skaičius",
        "lv": "Līdzīgo pašvaldību skaits",
    },
    "similar.weights": {
        "en": "Weights (1 = equal)",
        "lt": "Svoriai (1 = vienodi)",
        "lv": "Svari (1 = vienādi)",
    },
    "similar.weights_help": {
        "en": "How much each indicator counts in the distance: 2 counts twice as much, 0 leaves it out.",
        "lt": "Kiek kiekvienas rodiklis lemia atstumą: 2 – dvigubai daugiau, 0 – neįtraukiamas.",
        "lv": "Cik lielā mērā katrs rādītājs ietekmē attālumu: 2 – divreiz vairāk, 0 – netiek ņemts vērā.",
    },
    "similar.bad_weights": {
        "en": "At least one weight must be above 0.",
        "lt": "Bent vienas svoris turi būti didesnis už 0.",
        "lv": "Vismaz vienam svaram jābūt lielākam par 0.",
    },
    "similar.choose": {
        "en": "Choose at least one structural indicator.",
        "lt": "Pasirinkite bent vieną struktūrinį rodiklį.",
        "lv": "Izvēlieties vismaz vienu strukturālo rādītāju.",
    },
    "similar.no_structure": {
        "en": "{entity} has no values for indicators without a better direction, so its similar "
              "municipalities cannot be found. Choose another municipality.",
        "lt": "{entity} neturi rodiklių be geresnės krypties reikšmių, todėl panašių savivaldybių rasti "
              "negalima. Pasirinkite kitą savivaldybę.",
        "lv": "{entity} nav vērtību rādītājiem bez labākā virziena, tāpēc līdzīgas pašvaldības nevar "
              "atrast. Izvēlieties citu pašvaldību.",
    },
    "similar.alone": {
        "en": "No other municipality of the same country has values for these indicators.",
        "lt": "Jokia kita tos pačios šalies savivaldybė neturi šių rodiklių reikšmių.",
        "lv": "Nevienai citai tās pašas valsts pašvaldībai nav šo rādītāju vērtību.",
    },
    "similar.chart_title": {
        "en": "Most similar municipalities: {entity}",
        "lt": "Panašiausios savivaldybės: {entity}",
        "lv": "Līdzīgākās pašvaldības: {entity}",
    },
    "similar.subtitle": {
        "en": "Match score, higher is more similar · on: {indicators}",
        "lt": "Atitikties balas, didesnis – panašesnė · pagal: {indicators}",
        "lv": "Atbilstības rādītājs, lielāks – līdzīgāka · pēc: {indicators}",
    },
    "similar.weighted": {"en": "weighted", "lt": "su svoriais", "lv": "ar svariem"},
    "similar.axis": {
        "en": "Match score (0–100, 100 = identical)",
        "lt": "Atitikties balas (0–100, 100 = identiška)",
        "lv": "Atbilstības rādītājs (0–100, 100 = identiska)",
    },
    "similar.table": {
        "en": "Nearest neighbours",
        "lt": "Artimiausios savivaldybės",
        "lv": "Tuvākās pašvaldības",
    },
    "similar.period_note": {
        "en": "Each indicator is taken at the municipality's latest value. On the other pages the "
              "neighbours are found again with the values of the period shown there.",
        "lt": "Kiekvienas rodiklis imamas pagal naujausią savivaldybės reikšmę. Kituose puslapiuose "
              "panašios savivaldybės randamos iš naujo pagal ten rodomo laikotarpio reikšmes.",
        "lv": "Katrs rādītājs tiek ņemts pēc pašvaldības jaunākās vērtības. Citās lapās līdzīgās "
              "pašvaldības tiek atrastas no jauna pēc tur parādītā perioda vērtībām.",
    },
    "similar.col.rank": {"en": "#", "lt": "Nr.", "lv": "Nr."},
    "similar.col.entity": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "similar.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "similar.col.distance": {"en": "Distance (0–1)", "lt": "Atstumas (0–1)", "lv": "Attālums (0–1)"},
    "similar.col.match": {"en": "Match score", "lt": "Atitikties balas", "lv": "Atbilstības rādītājs"},
    "similar.col.indicator": {"en": "{name} ({unit})", "lt": "{name} ({unit})", "lv": "{name} ({unit})"},
    "similar.use": {
        "en": "Use as the peer set on every page",
        "lt": "Naudoti kaip palyginimo grupę visuose puslapiuose",
        "lv": "Izmantot kā salīdzināšanas kopu visās lapās",
    },
    "similar.used": {
        "en": "Done: “Similar municipalities (my choice)” is now the peer set on every page.",
        "lt": "Atlikta: „Panašios savivaldybės (mano pasirinkimas)“ dabar yra palyginimo grupė visuose "
              "puslapiuose.",
        "lv": "Gatavs: “Līdzīgas pašvaldības (mana izvēle)” tagad ir salīdzināšanas kopa visās lapās.",
    },
    "similar.weighted_no_spec": {
        "en": "Weighted similarity cannot become a peer set: a peer set (and its link) carries the "
              "indicators, not the weights. Set every weight to 1 to use these neighbours on the other "
              "pages.",
        "lt": "Svertinio panašumo negalima paversti palyginimo grupe: grupė (ir jos nuoroda) perduoda tik "
              "rodiklius, ne svorius. Nustatykite visus svorius lygius 1, kad šias savivaldybes naudotumėte "
              "kituose puslapiuose.",
        "lv": "Svērto līdzību nevar izmantot kā salīdzināšanas kopu: kopa (un tās saite) nodod rādītājus, "
              "nevis svarus. Iestatiet visus svarus uz 1, lai šīs pašvaldības izmantotu citās lapās.",
    },
    "similar.go_profile": {
        "en": "Open the profile with these peers",
        "lt": "Atverti profilį su šia grupe",
        "lv": "Atvērt profilu ar šo kopu",
    },
}
