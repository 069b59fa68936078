"""The network view: members × indicators heatmap and the composite index."""

MESSAGES = {
    "network.nav": {"en": "Network view", "lt": "Tinklo apžvalga", "lv": "Tīkla pārskats"},
    "network.title": {"en": "Network view", "lt": "Tinklo apžvalga", "lv": "Tīkla pārskats"},
    "network.pick": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "network.choose": {
        "en": "Choose a network in the sidebar.",
        "lt": "Šoninėje juostoje pasirinkite tinklą.",
        "lv": "Sānjoslā izvēlieties tīklu.",
    },
    "network.no_directional": {
        "en": "No indicator of this network has a better direction, so its members cannot be scored against "
              "each other. The ranking and scatter pages still compare their values.",
        "lt": "Nė vienas šio tinklo rodiklis neturi geresnės krypties, todėl narių vertinti tarpusavyje "
              "negalima. Jų reikšmes vis tiek galima palyginti reitingo ir sklaidos diagramos puslapiuose.",
        "lv": "Nevienam šī tīkla rādītājam nav labākā virziena, tāpēc dalībniekus nevar savstarpēji "
              "novērtēt. To vērtības joprojām var salīdzināt reitinga un izkliedes diagrammas lapās.",
    },
    "network.no_data": {
        "en": "This network has no values in any period yet.",
        "lt": "Šis tinklas dar neturi reikšmių jokiu laikotarpiu.",
        "lv": "Šim tīklam vēl nav vērtību nevienā periodā.",
    },
    "network.neutral_left_out": {
        "en": "{n} neutral indicators (where neither direction is better) are left out of the heatmap and "
              "the index: a percentile of them would say where a value lies, not how good it is.",
        "lt": "Neutralūs rodikliai ({n}), kurių nė viena kryptis nėra geresnė, į šilumos žemėlapį ir "
              "indeksą neįtraukti: jų procentilis rodytų tik padėtį, o ne tai, kiek rezultatas geras.",
        "lv": "Neitrālie rādītāji ({n}), kuriem neviens virziens nav labāks, siltuma kartē un indeksā nav "
              "iekļauti: to procentile rādītu tikai novietojumu, nevis to, cik labs ir rezultāts.",
    },
    "network.heatmap": {
        "en": "Members × indicators",
        "lt": "Nariai × rodikliai",
        "lv": "Dalībnieki × rādītāji",
    },
    "network.heatmap_title": {
        "en": "Percentile of each member on each indicator, {period}",
        "lt": "Kiekvieno nario procentilis pagal kiekvieną rodiklį, {period}",
        "lv": "Katra dalībnieka procentile katrā rādītājā, {period}",
    },
    "network.heatmap_subtitle": {
        "en": "{network} · 100 = best, whichever direction is better for the indicator",
        "lt": "{network} · 100 = geriausia, atsižvelgiant į tai, kuri rodiklio kryptis geresnė",
        "lv": "{network} · 100 = labākā, ņemot vērā, kurš rādītāja virziens ir labāks",
    },
    "network.percentile": {
        "en": "Percentile (100 = best)",
        "lt": "Procentilis (100 = geriausia)",
        "lv": "Procentile (100 = labākā)",
    },
    "network.hover": {
        "en": "{name}<br>{indicator}<br>{value} · percentile {percentile}",
        "lt": "{name}<br>{indicator}<br>{value} · procentilis {percentile}",
        "lv": "{name}<br>{indicator}<br>{value} · procentile {percentile}",
    },
    "network.matrix_table": {
        "en": "Percentiles (table)",
        "lt": "Procentiliai (lentelė)",
        "lv": "Procentiles (tabula)",
    },
    "network.composite": {"en": "Composite index", "lt": "Sudėtinis indeksas", "lv": "Salikts indekss"},
    "network.weights_help": {
        "en": "Tick the indicators to combine and give each a weight. Values are turned so that higher is "
              "always better, then normalised.",
        "lt": "Pažymėkite rodiklius, kuriuos norite sujungti, ir kiekvienam priskirkite svorį. Reikšmės "
              "pakreipiamos taip, kad didesnė visada būtų geresnė, tada normalizuojamos.",
        "lv": "Atzīmējiet rādītājus, kurus apvienot, un katram piešķiriet svaru. Vērtības tiek pavērstas "
              "tā, lai lielāka vienmēr būtu labāka, un tad normalizētas.",
    },
    "network.col.use": {"en": "Use", "lt": "Naudoti", "lv": "Izmantot"},
    "network.col.indicator": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "network.col.direction": {"en": "Better direction", "lt": "Geresnė kryptis", "lv": "Labākais virziens"},
    "network.col.weight": {"en": "Weight", "lt": "Svoris", "lv": "Svars"},
    "network.method": {"en": "Normalisation", "lt": "Normalizavimas", "lv": "Normalizācija"},
    "network.method.minmax": {
        "en": "Min–max (0 = worst, 100 = best)",
        "lt": "Min–maks (0 = blogiausia, 100 = geriausia)",
        "lv": "Min–maks (0 = sliktākā, 100 = labākā)",
    },
    "network.method.z": {
        "en": "z-score (0 = mean)",
        "lt": "z įvertis (0 = vidurkis)",
        "lv": "z vērtējums (0 = vidējais)",
    },
    "network.method.rank": {
        "en": "Percentile rank (0–100)",
        "lt": "Procentilinis rangas (0–100)",
        "lv": "Procentiļu rangs (0–100)",
    },
    "network.coverage_rule": {
        "en": "A member is scored only where it has values for at least {pct} % of the chosen indicators, "
              "counted by weight; its weights are then rescaled over the indicators it has, so the segments "
              "of its bar add up to its score.",
        "lt": "Narys įvertinamas tik tada, kai turi reikšmes bent {pct} % pasirinktų rodiklių (skaičiuojant "
              "pagal svorį); tada jo svoriai perskaičiuojami pagal turimus rodiklius, todėl juostos dalys "
              "sudaro jo įvertį.",
        "lv": "Dalībnieks tiek novērtēts tikai tad, ja tam ir vērtības vismaz {pct} % izvēlēto rādītāju "
              "(skaitot pēc svara); tad tā svari tiek pārrēķināti pēc esošajiem rādītājiem, tāpēc joslas "
              "daļas kopā veido tā vērtējumu.",
    },
    "network.no_weights": {
        "en": "Give at least one indicator a weight above zero.",
        "lt": "Bent vienam rodikliui priskirkite didesnį nei nulis svorį.",
        "lv": "Vismaz vienam rādītājam piešķiriet svaru, kas lielāks par nulli.",
    },
    "network.unscored": {
        "en": "{n} members have too few of the chosen indicators to be scored; they are listed in the table "
              "without a score.",
        "lt": "{n} nariai turi per mažai pasirinktų rodiklių, kad būtų įvertinti; jie lentelėje pateikti be "
              "įverčio.",
        "lv": "{n} dalībniekiem ir pārāk maz izvēlēto rādītāju, lai tos novērtētu; tie tabulā norādīti bez "
              "vērtējuma.",
    },
    "network.none_scored": {
        "en": "No member has enough of the chosen indicators to be scored. Choose other indicators or "
              "weights.",
        "lt": "Nė vienas narys neturi pakankamai pasirinktų rodiklių, kad būtų įvertintas. Pasirinkite "
              "kitus rodiklius arba svorius.",
        "lv": "Nevienam dalībniekam nav pietiekami daudz izvēlēto rādītāju, lai to novērtētu. Izvēlieties "
              "citus rādītājus vai svarus.",
    },
    "network.composite_title": {
        "en": "Composite index, {period}",
        "lt": "Sudėtinis indeksas, {period}",
        "lv": "Salikts indekss, {period}",
    },
    "network.composite_subtitle": {
        "en": "{network} · {method} · higher is better · segments = each indicator's contribution",
        "lt": "{network} · {method} · didesnė reikšmė geresnė · dalys = kiekvieno rodiklio indėlis",
        "lv": "{network} · {method} · lielāka vērtība ir labāka · daļas = katra rādītāja ieguldījums",
    },
    "network.composite_axis": {
        "en": "Score (sum of weighted normalised values)",
        "lt": "Įvertis (svertinių normalizuotų reikšmių suma)",
        "lv": "Vērtējums (svērto normalizēto vērtību summa)",
    },
    "network.score": {"en": "Score", "lt": "Įvertis", "lv": "Vērtējums"},
    "network.median_score": {"en": "Median score", "lt": "Įverčių mediana", "lv": "Vērtējumu mediāna"},
    "network.scores_table": {"en": "Scores", "lt": "Įverčiai", "lv": "Vērtējumi"},
    "network.contributions_table": {"en": "Contributions", "lt": "Indėliai", "lv": "Ieguldījumi"},
    "network.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "network.col.entity_name": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "network.col.entity_code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "network.col.score": {"en": "Score", "lt": "Įvertis", "lv": "Vērtējums"},
    "network.col.coverage": {
        "en": "Coverage (by weight)",
        "lt": "Aprėptis (pagal svorį)",
        "lv": "Pārklājums (pēc svara)",
    },
    "network.col.components": {
        "en": "Indicators with a value",
        "lt": "Rodikliai su reikšme",
        "lv": "Rādītāji ar vērtību",
    },
    "network.col.indicator_code": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "network.col.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "network.col.normalised": {"en": "Normalised", "lt": "Normalizuota", "lv": "Normalizēta"},
    "network.col.weight_used": {"en": "Weight used", "lt": "Taikytas svoris", "lv": "Piemērotais svars"},
    "network.col.contribution": {"en": "Contribution", "lt": "Indėlis", "lv": "Ieguldījums"},
}
