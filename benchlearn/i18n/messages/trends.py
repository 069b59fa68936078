"""The trends page: the municipality against the peer median and band over time; change and CAGR."""

MESSAGES = {
    "trends.nav": {"en": "Trends", "lt": "Tendencijos", "lv": "Tendences"},
    "trends.title": {"en": "Trends", "lt": "Tendencijos", "lv": "Tendences"},
    "trends.intro": {
        "en": "The municipality over every period against its peers: the shaded band holds the middle half "
              "of the peers (p25–p75) and the dashed line is their median.",
        "lt": "Savivaldybė per visus laikotarpius, palyginti su grupe: užtamsinta juosta apima vidurinę "
              "grupės pusę (p25–p75), o brūkšninė linija – grupės mediana.",
        "lv": "Pašvaldība visos periodos salīdzinājumā ar kopu: iekrāsotā josla aptver kopas vidējo pusi "
              "(p25–p75), un pārtrauktā līnija ir kopas mediāna.",
    },
    "trends.no_indicators": {
        "en": "{entity} has no values yet. Choose another municipality.",
        "lt": "{entity} dar neturi reikšmių. Pasirinkite kitą savivaldybę.",
        "lv": "{entity} vēl nav vērtību. Izvēlieties citu pašvaldību.",
    },
    "trends.no_data": {
        "en": "{entity} and these peers have no values for this indicator. Choose another indicator or peer "
              "set.",
        "lt": "{entity} ir ši grupė neturi šio rodiklio reikšmių. Pasirinkite kitą rodiklį arba grupę.",
        "lv": "{entity} un šai kopai nav šī rādītāja vērtību. Izvēlieties citu rādītāju vai kopu.",
    },
    "trends.chart_title": {
        "en": "{indicator}: {entity}",
        "lt": "{indicator}: {entity}",
        "lv": "{indicator}: {entity}",
    },
    "trends.subtitle": {
        "en": "{polarity} · compared with “{peers}”",
        "lt": "{polarity} · lyginama su „{peers}“",
        "lv": "{polarity} · salīdzināts ar “{peers}”",
    },
    "trends.axis": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "trends.band": {
        "en": "Middle half of peers (p25–p75)",
        "lt": "Vidurinė grupės pusė (p25–p75)",
        "lv": "Kopas vidējā puse (p25–p75)",
    },
    "trends.median": {"en": "Peer median", "lt": "Grupės mediana", "lv": "Kopas mediāna"},
    "trends.latest": {
        "en": "Latest value ({period})",
        "lt": "Naujausia reikšmė ({period})",
        "lv": "Jaunākā vērtība ({period})",
    },
    "trends.change": {
        "en": "Change vs previous period",
        "lt": "Pokytis nuo ankstesnio laikotarpio",
        "lv": "Izmaiņas pret iepriekšējo periodu",
    },
    "trends.cagr": {
        "en": "Average yearly growth (CAGR) {first}–{last}",
        "lt": "Vidutinis metinis augimas (CAGR) {first}–{last}",
        "lv": "Vidējais gada pieaugums (CAGR) {first}–{last}",
    },
    "trends.cagr_help": {
        "en": "Compound annual growth rate from the first to the last period with a value; not defined when "
              "either value is zero or negative.",
        "lt": "Sudėtinis metinis augimo tempas nuo pirmojo iki paskutinio laikotarpio su reikšme; "
              "neapibrėžiamas, kai kuri nors reikšmė lygi nuliui arba neigiama.",
        "lv": "Saliktais gada pieauguma temps no pirmā līdz pēdējam periodam ar vērtību; nav definēts, ja "
              "kāda no vērtībām ir nulle vai negatīva.",
    },
    "trends.direction": {"en": "Direction of travel", "lt": "Pokyčio kryptis", "lv": "Izmaiņu virziens"},
    "trends.one_period": {
        "en": "{entity} has a value for one period only, so there is no change to measure yet.",
        "lt": "{entity} turi reikšmę tik vienam laikotarpiui, todėl pokyčio dar negalima įvertinti.",
        "lv": "{entity} ir vērtība tikai vienam periodam, tāpēc izmaiņas vēl nevar novērtēt.",
    },
    "trends.absorbed": {
        "en": "Merged into this municipality: {name} ({code}), which ended on {ended}; values after that "
              "date include its area.",
        "lt": "Prie šios savivaldybės prijungta: {name} ({code}), kurios veikla baigėsi {ended}; vėlesnės "
              "reikšmės apima ir jos teritoriją.",
        "lv": "Šai pašvaldībai pievienota: {name} ({code}), kas beidza pastāvēt {ended}; vērtības pēc šī "
              "datuma ietver arī tās teritoriju.",
    },
    "trends.gaps": {
        "en": "{entity} has no value in {n} of the {total} periods; its line has gaps there.",
        "lt": "{entity} neturi reikšmės {n} iš {total} laikotarpių; ten jos linija nutrūksta.",
        "lv": "{entity} nav vērtības {n} no {total} periodiem; tur tās līnija ir pārtraukta.",
    },
    "trends.table": {
        "en": "Values by period",
        "lt": "Reikšmės pagal laikotarpius",
        "lv": "Vērtības pa periodiem",
    },
    "trends.col.period": {"en": "Period", "lt": "Laikotarpis", "lv": "Periods"},
    "trends.col.value": {"en": "{entity} ({unit})", "lt": "{entity} ({unit})", "lv": "{entity} ({unit})"},
    "trends.col.median": {
        "en": "Peer median ({unit})",
        "lt": "Grupės mediana ({unit})",
        "lv": "Kopas mediāna ({unit})",
    },
    "trends.col.p25": {"en": "Peer p25 ({unit})", "lt": "Grupės p25 ({unit})", "lv": "Kopas p25 ({unit})"},
    "trends.col.p75": {"en": "Peer p75 ({unit})", "lt": "Grupės p75 ({unit})", "lv": "Kopas p75 ({unit})"},
    "trends.col.n": {
        "en": "Peers with a value",
        "lt": "Grupės narių su reikšme",
        "lv": "Kopas dalībnieki ar vērtību",
    },
    "trends.col.gap": {
        "en": "Gap to median (+ = better)",
        "lt": "Atotrūkis nuo medianos (+ = geriau)",
        "lv": "Atšķirība no mediānas (+ = labāk)",
    },
    "trends.col.gap_neutral": {
        "en": "Difference from median",
        "lt": "Skirtumas nuo medianos",
        "lv": "Atšķirība no mediānas",
    },
}
