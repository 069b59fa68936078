"""Elderships (seniūnijos): the drill-down from a municipality and an eldership's own comparisons."""

MESSAGES = {
    "elderships.nav": {"en": "Elderships", "lt": "Seniūnijos", "lv": "Seniūnijas (pagasti)"},
    "elderships.title": {"en": "Elderships", "lt": "Seniūnijos", "lv": "Seniūnijas (teritoriālās vienības)"},
    "elderships.intro": {
        "en": "Sub-municipal units (seniūnijos): a municipality's elderships side by side on one indicator, "
              "and one eldership against the other elderships of its municipality and those of similar "
              "municipalities.",
        "lt": "Savivaldybių teritoriniai padaliniai – seniūnijos: savivaldybės seniūnijos greta viena kitos "
              "pagal vieną rodiklį ir viena seniūnija, palyginta su kitomis savo savivaldybės seniūnijomis "
              "bei panašių savivaldybių seniūnijomis.",
        "lv": "Pašvaldību teritoriālās vienības (Lietuvā – seniūnijas): pašvaldības seniūnijas blakus cita "
              "citai vienā rādītājā un viena seniūnija salīdzinājumā ar citām savas pašvaldības seniūnijām "
              "un līdzīgu pašvaldību seniūnijām.",
    },
    "elderships.none": {
        "en": "The store holds no elderships yet. A coordinator adds them with an entities file (kind "
              "eldership, parent_code = the municipality's code), then uploads their values like any other.",
        "lt": "Duomenyse seniūnijų dar nėra. Koordinatorius jas prideda subjektų failu (kind eldership, "
              "parent_code = savivaldybės kodas), o tada įkelia jų reikšmes kaip ir bet kurias kitas.",
        "lv": "Datos vēl nav seniūniju. Koordinators tās pievieno ar vienību failu (kind eldership, "
              "parent_code = pašvaldības kods) un tad augšupielādē to vērtības kā jebkuras citas.",
    },
    "elderships.municipality": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "elderships.eldership": {"en": "Eldership", "lt": "Seniūnija", "lv": "Seniūnija"},
    "elderships.choose": {
        "en": "Choose a municipality with elderships in the sidebar.",
        "lt": "Šoninėje juostoje pasirinkite savivaldybę, turinčią seniūnijų.",
        "lv": "Sānjoslā izvēlieties pašvaldību, kurai ir seniūnijas.",
    },
    "elderships.no_values": {
        "en": "The elderships of {municipality} have no values yet.",
        "lt": "Savivaldybės {municipality} seniūnijos dar neturi reikšmių.",
        "lv": "Pašvaldības {municipality} seniūnijām vēl nav vērtību.",
    },
    "elderships.drill_down": {
        "en": "The elderships of {municipality}",
        "lt": "{municipality}: seniūnijos",
        "lv": "{municipality}: seniūnijas",
    },
    "elderships.peers_within": {
        "en": "the elderships of {municipality}",
        "lt": "{municipality} seniūnijos",
        "lv": "pašvaldības {municipality} seniūnijas",
    },
    "elderships.peers_similar": {
        "en": "the elderships of the municipality and of its {n} most similar municipalities",
        "lt": "savivaldybės ir {n} panašiausių savivaldybių seniūnijos",
        "lv": "pašvaldības un tās {n} līdzīgāko pašvaldību seniūnijas",
    },
    "elderships.choose_eldership": {
        "en": "Choose an eldership in the sidebar, or click its bar, to see its profile.",
        "lt": "Norėdami pamatyti seniūnijos profilį, pasirinkite ją šoninėje juostoje arba spustelėkite jos "
              "stulpelį.",
        "lv": "Lai redzētu seniūnijas profilu, izvēlieties to sānjoslā vai noklikšķiniet uz tās stabiņa.",
    },
    "elderships.no_profile": {
        "en": "The eldership has no values in {period}.",
        "lt": "Seniūnija neturi reikšmių laikotarpiu {period}.",
        "lv": "Seniūnijai nav vērtību periodā {period}.",
    },
    "elderships.within": {
        "en": "Within its municipality",
        "lt": "Savo savivaldybėje",
        "lv": "Savā pašvaldībā",
    },
    "elderships.similar": {
        "en": "Among elderships of similar municipalities",
        "lt": "Tarp panašių savivaldybių seniūnijų",
        "lv": "Starp līdzīgu pašvaldību seniūnijām",
    },
    "elderships.similar_note": {
        "en": "Similar municipalities (by structure): {municipalities}.",
        "lt": "Panašios savivaldybės (pagal struktūrą): {municipalities}.",
        "lv": "Līdzīgas pašvaldības (pēc struktūras): {municipalities}.",
    },
    "elderships.profile_empty": {
        "en": "No comparison is possible here for this period.",
        "lt": "Šiam laikotarpiui palyginti neįmanoma.",
        "lv": "Šim periodam salīdzināt nav iespējams.",
    },
    "elderships.no_directional": {
        "en": "None of these indicators has a better direction; see the table.",
        "lt": "Nė vienas šių rodiklių neturi geresnės krypties; žr. lentelę.",
        "lv": "Nevienam no šiem rādītājiem nav labākā virziena; skatiet tabulu.",
    },
    "elderships.profile_title": {
        "en": "{eldership}: percentile on each indicator, {period}",
        "lt": "{eldership}: procentilis pagal kiekvieną rodiklį, {period}",
        "lv": "{eldership}: procentile katrā rādītājā, {period}",
    },
    "elderships.axis": {
        "en": "Percentile among the elderships (100 = best)",
        "lt": "Procentilis tarp seniūnijų (100 = geriausia)",
        "lv": "Procentile starp seniūnijām (100 = labākā)",
    },
    "elderships.median": {"en": "Median", "lt": "Mediana", "lv": "Mediāna"},
    "elderships.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "elderships.col.entity_name": {"en": "Eldership", "lt": "Seniūnija", "lv": "Seniūnija"},
    "elderships.col.entity_code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "elderships.col.value": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "elderships.col.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "elderships.col.band": {"en": "Quarter", "lt": "Ketvirtis", "lv": "Ceturtdaļa"},
    "elderships.col.gap_to_median": {
        "en": "Gap to median (+ = better)",
        "lt": "Atotrūkis nuo medianos (+ = geriau)",
        "lv": "Atšķirība no mediānas (+ = labāk)",
    },
    "elderships.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "elderships.pcol.label": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "elderships.pcol.polarity": {
        "en": "Better direction",
        "lt": "Geresnė kryptis",
        "lv": "Labākais virziens",
    },
    "elderships.pcol.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "elderships.pcol.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "elderships.pcol.peer_median": {"en": "Median", "lt": "Mediana", "lv": "Mediāna"},
    "elderships.pcol.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "elderships.pcol.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "elderships.pcol.peer_n": {
        "en": "Elderships with a value",
        "lt": "Seniūnijų su reikšme",
        "lv": "Seniūnijas ar vērtību",
    },
    "elderships.pcol.gap_to_median": {
        "en": "Gap to median (+ = better)",
        "lt": "Atotrūkis nuo medianos (+ = geriau)",
        "lv": "Atšķirība no mediānas (+ = labāk)",
    },
    "elderships.link": {
        "en": "The elderships of {municipality}",
        "lt": "{municipality}: seniūnijos",
        "lv": "{municipality}: seniūnijas",
    },
}
