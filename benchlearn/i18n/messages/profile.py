"""The municipality profile page (and the direction-of-travel words the trends page shares)."""

MESSAGES = {
    "profile.nav": {"en": "Municipality profile", "lt": "Savivaldybės profilis", "lv": "Pašvaldības profils"},
    "profile.title": {
        "en": "Municipality profile",
        "lt": "Savivaldybės profilis",
        "lv": "Pašvaldības profils",
    },
    "profile.intro": {
        "en": "How the municipality compares with its peers on every indicator of the network: each bar is "
              "its percentile among the peers, and the dashed line at 50 is the peer median.",
        "lt": "Kaip savivaldybė atrodo, palyginti su grupe, pagal kiekvieną tinklo rodiklį: kiekviena "
              "juosta – jos procentilis grupėje, o brūkšninė linija ties 50 – grupės mediana.",
        "lv": "Kā pašvaldība izskatās salīdzinājumā ar kopu pēc katra tīkla rādītāja: katra josla ir tās "
              "procentile kopā, un pārtrauktā līnija pie 50 ir kopas mediāna.",
    },
    "profile.indicators_of": {
        "en": "Indicators of the network {network}.",
        "lt": "Tinklo {network} rodikliai.",
        "lv": "Tīkla {network} rādītāji.",
    },
    "profile.indicators_all": {
        "en": "All indicators with data in this period.",
        "lt": "Visi rodikliai, turintys duomenų šiuo laikotarpiu.",
        "lv": "Visi rādītāji, kuriem šajā periodā ir dati.",
    },
    "profile.not_member": {
        "en": "{entity} is not a member of this peer set: it is compared with the set's members.",
        "lt": "{entity} nepriklauso šiai palyginimo grupei: ji lyginama su grupės narėmis.",
        "lv": "{entity} nav šīs salīdzināšanas kopas dalībniece: tā tiek salīdzināta ar kopas dalībniecēm.",
    },
    "profile.no_periods": {
        "en": "{entity} has no values for these indicators yet. Choose another municipality or peer set.",
        "lt": "{entity} dar neturi šių rodiklių reikšmių. Pasirinkite kitą savivaldybę arba palyginimo "
              "grupę.",
        "lv": "{entity} vēl nav šo rādītāju vērtību. Izvēlieties citu pašvaldību vai salīdzināšanas kopu.",
    },
    "profile.no_data": {
        "en": "No indicator of this profile has data in {period} for these peers. Choose another period or "
              "peer set.",
        "lt": "Šio profilio rodikliai neturi duomenų laikotarpiu {period} šiai grupei. Pasirinkite kitą "
              "laikotarpį arba grupę.",
        "lv": "Šī profila rādītājiem periodā {period} šai kopai nav datu. Izvēlieties citu periodu vai kopu.",
    },
    "profile.chart.performance": {
        "en": "{entity}: performance profile, {period}",
        "lt": "{entity}: rezultatų profilis, {period}",
        "lv": "{entity}: snieguma profils, {period}",
    },
    "profile.chart.performance_sub": {
        "en": "Percentile among “{peers}” · each indicator's better direction applied: 100 = best",
        "lt": "Procentilis grupėje „{peers}“ · atsižvelgta į kiekvieno rodiklio geresnę kryptį: 100 = "
              "geriausia",
        "lv": "Procentile kopā “{peers}” · ņemts vērā katra rādītāja labākais virziens: 100 = labākais",
    },
    "profile.chart.position": {
        "en": "{entity}: position on indicators with no better direction, {period}",
        "lt": "{entity}: padėtis pagal rodiklius be geresnės krypties, {period}",
        "lv": "{entity}: novietojums pēc rādītājiem bez labākā virziena, {period}",
    },
    "profile.chart.position_sub": {
        "en": "Percentile among “{peers}” · neither direction is better: 100 = highest value (a position, "
              "not a judgement)",
        "lt": "Procentilis grupėje „{peers}“ · kryptis nevertinama: 100 = didžiausia reikšmė (padėtis, ne "
              "vertinimas)",
        "lv": "Procentile kopā “{peers}” · virziens netiek vērtēts: 100 = lielākā vērtība (novietojums, "
              "nevis vērtējums)",
    },
    "profile.axis": {
        "en": "Percentile among peers (0–100)",
        "lt": "Procentilis grupėje (0–100)",
        "lv": "Procentile kopā (0–100)",
    },
    "profile.median": {"en": "Peer median", "lt": "Grupės mediana", "lv": "Kopas mediāna"},
    "profile.position.top": {
        "en": "Highest quarter",
        "lt": "Didžiausių reikšmių ketvirtis",
        "lv": "Lielāko vērtību ceturtdaļa",
    },
    "profile.position.upper_middle": {
        "en": "Upper middle",
        "lt": "Aukštesnis vidurys",
        "lv": "Augšējais vidus",
    },
    "profile.position.lower_middle": {
        "en": "Lower middle",
        "lt": "Žemesnis vidurys",
        "lv": "Apakšējais vidus",
    },
    "profile.position.bottom": {
        "en": "Lowest quarter",
        "lt": "Mažiausių reikšmių ketvirtis",
        "lv": "Mazāko vērtību ceturtdaļa",
    },
    "profile.no_directional": {
        "en": "None of these indicators has a better direction, so there is no performance profile; the "
              "municipality's position on them is shown below.",
        "lt": "Nė vienas šių rodiklių neturi geresnės krypties, todėl rezultatų profilio nėra; savivaldybės "
              "padėtis pagal juos parodyta žemiau.",
        "lv": "Nevienam no šiem rādītājiem nav labākā virziena, tāpēc snieguma profila nav; pašvaldības "
              "novietojums pēc tiem parādīts zemāk.",
    },
    "profile.strongest": {"en": "Strongest", "lt": "Stipriausi rodikliai", "lv": "Stiprākie rādītāji"},
    "profile.weakest": {"en": "Weakest", "lt": "Silpniausi rodikliai", "lv": "Vājākie rādītāji"},
    "profile.none_judged": {
        "en": "No indicator with a better direction has a value here.",
        "lt": "Čia nėra rodiklių su geresne kryptimi, turinčių reikšmę.",
        "lv": "Šeit nav rādītāju ar labāko virzienu, kuriem ir vērtība.",
    },
    "profile.no_strongest": {
        "en": "No indicator with a better direction is at or above the peer middle (percentile 50).",
        "lt": "Nė vienas rodiklis su geresne kryptimi nepasiekia palyginamųjų vidurio (50 procentilio).",
        "lv": "Neviens rādītājs ar labāko virzienu nesasniedz salīdzināmo vidu (50. procentili).",
    },
    "profile.no_weakest": {
        "en": "No indicator with a better direction is below the peer middle (percentile 50).",
        "lt": "Nė vienas rodiklis su geresne kryptimi nėra žemiau palyginamųjų vidurio (50 procentilio).",
        "lv": "Neviens rādītājs ar labāko virzienu nav zem salīdzināmo vidus (50. procentiles).",
    },
    "profile.percentile_value": {"en": "Percentile {p}", "lt": "{p} procentilis", "lv": "{p}. procentile"},
    "profile.table": {
        "en": "Indicator by indicator",
        "lt": "Rodiklis po rodiklio",
        "lv": "Rādītājs pēc rādītāja",
    },
    "profile.table_note": {
        "en": "The direction of travel compares {period} with the period before it; the trend line shows "
              "the municipality's values over every period with data.",
        "lt": "Pokyčio kryptis lygina {period} su ankstesniu laikotarpiu; tendencijos linija rodo "
              "savivaldybės reikšmes per visus laikotarpius, turinčius duomenų.",
        "lv": "Izmaiņu virziens salīdzina {period} ar iepriekšējo periodu; tendences līnija rāda "
              "pašvaldības vērtības visos periodos, kuros ir dati.",
    },
    "profile.col.indicator": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "profile.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "profile.col.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "profile.col.polarity": {"en": "Better direction", "lt": "Geresnė kryptis", "lv": "Labākais virziens"},
    "profile.col.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "profile.col.median": {"en": "Peer median", "lt": "Grupės mediana", "lv": "Kopas mediāna"},
    "profile.col.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "profile.col.band": {"en": "Band", "lt": "Ketvirtis", "lv": "Ceturtdaļa"},
    "profile.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "profile.col.peers": {
        "en": "Peers with a value",
        "lt": "Grupės narių su reikšme",
        "lv": "Kopas dalībnieki ar vērtību",
    },
    "profile.col.direction": {"en": "Direction of travel", "lt": "Pokyčio kryptis", "lv": "Izmaiņu virziens"},
    "profile.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "profile.col.trend": {"en": "Trend", "lt": "Tendencija", "lv": "Tendence"},
    "profile.direction.improving": {"en": "improving", "lt": "gerėja", "lv": "uzlabojas"},
    "profile.direction.worsening": {"en": "worsening", "lt": "blogėja", "lv": "pasliktinās"},
    "profile.direction.stable": {"en": "stable", "lt": "stabilu", "lv": "stabils"},
    "profile.direction.up": {"en": "up", "lt": "didėja", "lv": "pieaug"},
    "profile.direction.down": {"en": "down", "lt": "mažėja", "lv": "samazinās"},
    "profile.direction.none": {
        "en": "no earlier value",
        "lt": "nėra ankstesnės reikšmės",
        "lv": "nav iepriekšējās vērtības",
    },
    "profile.learn_heading": {"en": "Who to learn from", "lt": "Iš ko mokytis", "lv": "No kā mācīties"},
    "profile.learn_indicator": {
        "en": "Indicator to learn on",
        "lt": "Rodiklis, pagal kurį mokytis",
        "lv": "Rādītājs, pēc kura mācīties",
    },
    "profile.learn_none": {
        "en": "No indicator of this profile has a better direction, so there is no one to learn from on it.",
        "lt": "Nė vienas šio profilio rodiklis neturi geresnės krypties, todėl nėra iš ko mokytis.",
        "lv": "Nevienam šī profila rādītājam nav labākā virziena, tāpēc nav no kā mācīties.",
    },
}
