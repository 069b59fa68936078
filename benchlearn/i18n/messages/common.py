"""Words every page uses: navigation, the sidebar, the footer, empty states, polarity, bands, statuses."""

MESSAGES = {
    "app.title": {"en": "Benchlearn", "lt": "Benchlearn", "lv": "Benchlearn"},
    "app.tagline": {
        "en": "Compare municipalities with their peers and learn from the best.",
        "lt": "Palyginkite savivaldybes su panašiomis ir mokykitės iš geriausių.",
        "lv": "Salīdziniet pašvaldības ar līdzīgām un mācieties no labākajām.",
    },
    "sidebar.language": {"en": "Language", "lt": "Kalba", "lv": "Valoda"},
    "sidebar.logged_in_as": {"en": "Logged in as {user} ({role})", "lt": "Prisijungęs: {user} ({role})",
                             "lv": "Pieteicies: {user} ({role})"},
    "footer.attribution": {
        "en": "Source: Statistics Lithuania; Official Statistics Portal of Latvia (CSP). "
              "Map data © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0.",
        "lt": "Šaltinis: Lietuvos statistikos departamentas; Latvijos oficialiosios statistikos portalas (CSP). "
              "Žemėlapio duomenys © OpenStreetMap bendruomenė, ODbL 1.0 licencija.",
        "lv": "Avots: Lietuvas Statistikas departaments; Latvijas Oficiālās statistikas portāls (CSP). "
              "Kartes dati © OpenStreetMap dalībnieki, ODbL 1.0 licence.",
    },
    "empty.no_data": {"en": "No data for this selection.", "lt": "Šiam pasirinkimui duomenų nėra.",
                      "lv": "Šai izvēlei nav datu."},
    "polarity.higher_better": {"en": "higher is better", "lt": "didesnė reikšmė geresnė",
                               "lv": "lielāka vērtība ir labāka"},
    "polarity.lower_better": {"en": "lower is better", "lt": "mažesnė reikšmė geresnė",
                              "lv": "mazāka vērtība ir labāka"},
    "polarity.neutral": {"en": "neither direction is better", "lt": "kryptis nevertinama",
                         "lv": "virziens netiek vērtēts"},
    "band.top": {"en": "Top quarter", "lt": "Geriausias ketvirtis", "lv": "Labākā ceturtdaļa"},
    "band.upper_middle": {"en": "Upper middle", "lt": "Aukštesnis vidurys", "lv": "Augšējais vidus"},
    "band.lower_middle": {"en": "Lower middle", "lt": "Žemesnis vidurys", "lv": "Apakšējais vidus"},
    "band.bottom": {"en": "Bottom quarter", "lt": "Silpniausias ketvirtis", "lv": "Vājākā ceturtdaļa"},
    "band.no_data": {"en": "No data", "lt": "Nėra duomenų", "lv": "Nav datu"},
    "status.final": {"en": "final", "lt": "galutiniai", "lv": "galīgie"},
    "status.preliminary": {"en": "preliminary", "lt": "išankstiniai", "lv": "provizoriskie"},
    "status.estimated": {"en": "estimated", "lt": "įvertinti", "lv": "novērtētie"},
    "status.nil": {"en": "nil (did not occur)", "lt": "reiškinio nebuvo", "lv": "parādība nav notikusi"},
    "status.not_available": {"en": "no data", "lt": "duomenų nėra", "lv": "dati nav pieejami"},
    "status.confidential": {"en": "suppressed (confidential)", "lt": "konfidencialu",
                            "lv": "konfidenciāli"},
    "status.not_applicable": {"en": "not applicable", "lt": "netaikoma", "lv": "nav piemērojams"},
    "role.analyst": {"en": "analyst", "lt": "analitikas", "lv": "analītiķis"},
    "role.coordinator": {"en": "coordinator", "lt": "koordinatorius", "lv": "koordinators"},
    "role.admin": {"en": "administrator", "lt": "administratorius", "lv": "administrators"},
    "error.unexpected": {
        "en": "Something went wrong on our side; nothing was changed. The details are in the server log.",
        "lt": "Įvyko mūsų klaida; niekas nepakeista. Išsami informacija – serverio žurnale.",
        "lv": "Radās kļūda mūsu pusē; nekas netika mainīts. Sīkāka informācija ir servera žurnālā.",
    },
}

MESSAGES.update({
    "link.bad_value": {
        "en": "The link's {name} “{value}” is not known here; it was ignored — please choose again.",
        "lt": "Nuorodoje nurodyta {name} reikšmė „{value}“ nežinoma; ji praleista – pasirinkite iš naujo.",
        "lv": "Saitē norādītā {name} vērtība “{value}” nav zināma; tā ignorēta — lūdzu, izvēlieties vēlreiz.",
    },
})

MESSAGES.update({
    "nav.compare": {"en": "Compare", "lt": "Palyginimas", "lv": "Salīdzināšana"},
    "nav.learn": {"en": "Learn", "lt": "Mokymasis", "lv": "Mācīšanās"},
    "nav.manage": {"en": "Manage data", "lt": "Duomenų tvarkymas", "lv": "Datu pārvaldība"},
})
