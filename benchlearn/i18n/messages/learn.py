"""The "who to learn from" panel: best performers and most improved peers on one indicator."""

MESSAGES = {
    "learn.source": {"en": "Learn from", "lt": "Mokytis iš", "lv": "Mācīties no"},
    "learn.source.similar": {
        "en": "Similar municipalities",
        "lt": "Panašių savivaldybių",
        "lv": "Līdzīgām pašvaldībām",
    },
    "learn.source.peers": {
        "en": "The peer set chosen in the sidebar",
        "lt": "Šoninėje juostoje pasirinktos grupės",
        "lv": "Sānjoslā izvēlētās kopas",
    },
    "learn.since": {"en": "Improvement since", "lt": "Pagerėjimas nuo", "lv": "Uzlabojums kopš"},
    "learn.peers_count": {
        "en": "{n} peers compared.",
        "lt": "Palyginta savivaldybių: {n}.",
        "lv": "Salīdzinātas pašvaldības: {n}.",
    },
    "learn.neutral": {
        "en": "This indicator has no better direction, so there is no one to learn from on it.",
        "lt": "Šis rodiklis neturi geresnės krypties, todėl pagal jį nėra iš ko mokytis.",
        "lv": "Šim rādītājam nav labākā virziena, tāpēc pēc tā nav no kā mācīties.",
    },
    "learn.no_data": {
        "en": "{entity} and these peers have no values for this indicator. Choose another indicator.",
        "lt": "{entity} ir ši grupė neturi šio rodiklio reikšmių. Pasirinkite kitą rodiklį.",
        "lv": "{entity} un šai kopai nav šī rādītāja vērtību. Izvēlieties citu rādītāju.",
    },
    "learn.best": {"en": "Best performers", "lt": "Geriausi rezultatai", "lv": "Labākie rezultāti"},
    "learn.best_note": {
        "en": "Peers doing better than {entity} in {period} ({polarity}); the gap says how much better, in "
              "{unit}.",
        "lt": "Savivaldybės, kurių rezultatas {period} geresnis nei {entity} ({polarity}); atotrūkis rodo, "
              "kiek geresnis, {unit}.",
        "lv": "Pašvaldības, kurām {period} rezultāts ir labāks nekā {entity} ({polarity}); atšķirība rāda, "
              "cik labāks, {unit}.",
    },
    "learn.best_none": {
        "en": "{entity}: no peer does better on this indicator in {period}.",
        "lt": "{entity}: {period} nė viena grupės savivaldybė pagal šį rodiklį nėra geresnė.",
        "lv": "{entity}: {period} nevienai kopas pašvaldībai pēc šī rādītāja nav labāka rezultāta.",
    },
    "learn.improved": {"en": "Most improved", "lt": "Labiausiai pagerėję", "lv": "Visvairāk uzlabojušās"},
    "learn.improved_note": {
        "en": "Improvement from {first} to {last} in {unit}, positive = better; the last column says how "
              "much more than {entity} they improved.",
        "lt": "Pagerėjimas nuo {first} iki {last}, {unit}, teigiamas – geriau; paskutinis stulpelis rodo, "
              "kiek daugiau nei {entity} jos pagerėjo.",
        "lv": "Uzlabojums no {first} līdz {last}, {unit}, pozitīvs – labāk; pēdējā kolonna rāda, par cik "
              "vairāk nekā {entity} tās uzlabojās.",
    },
    "learn.improved_none": {
        "en": "No peer improved from {first} to {last}.",
        "lt": "Nuo {first} iki {last} nė viena grupės savivaldybė nepagerėjo.",
        "lv": "No {first} līdz {last} neviena kopas pašvaldība neuzlabojās.",
    },
    "learn.one_period": {
        "en": "This indicator has values for one period only, so improvement cannot be measured yet.",
        "lt": "Šis rodiklis turi reikšmių tik vienam laikotarpiui, todėl pagerėjimo dar negalima įvertinti.",
        "lv": "Šim rādītājam ir vērtības tikai vienam periodam, tāpēc uzlabojumu vēl nevar novērtēt.",
    },
    "learn.col.entity": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "learn.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "learn.col.period": {"en": "Period", "lt": "Laikotarpis", "lv": "Periods"},
    "learn.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "learn.col.value": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "learn.col.value_in": {
        "en": "Value in {period} ({unit})",
        "lt": "Reikšmė {period} ({unit})",
        "lv": "Vērtība {period} ({unit})",
    },
    "learn.col.gap": {
        "en": "Better than {entity} by ({unit})",
        "lt": "Geresnė nei {entity} ({unit})",
        "lv": "Labāka nekā {entity} par ({unit})",
    },
    "learn.col.improvement": {
        "en": "Improvement ({unit}, + = better)",
        "lt": "Pagerėjimas ({unit}, + = geriau)",
        "lv": "Uzlabojums ({unit}, + = labāk)",
    },
    "learn.col.gap_improved": {
        "en": "Improved more than {entity} by ({unit})",
        "lt": "Pagerėjo daugiau nei {entity} ({unit})",
        "lv": "Uzlabojās vairāk nekā {entity} par ({unit})",
    },
}
