"""The indicator ranking page (also the fallback of the map where there are no boundaries)."""

MESSAGES = {
    "ranking.nav": {"en": "Indicator ranking", "lt": "Rodiklio reitingas", "lv": "Rādītāja reitings"},
    "ranking.title": {"en": "Indicator ranking", "lt": "Rodiklio reitingas", "lv": "Rādītāja reitings"},
    "ranking.intro": {
        "en": "Every member of the peer set ranked on one indicator: the dashed line is the peer median, "
              "colours are quarters of the ranking, grey bars have no value. Click a bar to select that "
              "municipality.",
        "lt": "Visos palyginimo grupės savivaldybės surikiuotos pagal vieną rodiklį: brūkšninė linija – "
              "grupės mediana, spalvos – reitingo ketvirčiai, pilkos juostos – be reikšmės. Spustelėkite "
              "juostą, kad pasirinktumėte tą savivaldybę.",
        "lv": "Visas salīdzināšanas kopas pašvaldības sarindotas pēc viena rādītāja: pārtrauktā līnija ir "
              "kopas mediāna, krāsas ir reitinga ceturtdaļas, pelēkās joslas ir bez vērtības. Noklikšķiniet "
              "uz joslas, lai izvēlētos šo pašvaldību.",
    },
    "ranking.chart_title": {
        "en": "{indicator}, {period}",
        "lt": "{indicator}, {period}",
        "lv": "{indicator}, {period}",
    },
    "ranking.subtitle": {
        "en": "{polarity} · {peers} · {n} of {total} with a value",
        "lt": "{polarity} · {peers} · reikšmę turi {n} iš {total}",
        "lv": "{polarity} · {peers} · vērtība ir {n} no {total}",
    },
    "ranking.axis": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "ranking.median": {"en": "Peer median", "lt": "Grupės mediana", "lv": "Kopas mediāna"},
    "ranking.distribution": {
        "en": "Distribution of the peers' values",
        "lt": "Grupės reikšmių pasiskirstymas",
        "lv": "Kopas vērtību sadalījums",
    },
    "ranking.peers": {"en": "Peers", "lt": "Grupė", "lv": "Kopa"},
    "ranking.target": {"en": "Target for {period}", "lt": "Tikslas {period} m.", "lv": "Mērķis {period}. g."},
    "ranking.table": {
        "en": "Scores of every member",
        "lt": "Visų narių įverčiai",
        "lv": "Visu dalībnieku rādītāji",
    },
    "ranking.position.top": {
        "en": "Highest quarter",
        "lt": "Didžiausių reikšmių ketvirtis",
        "lv": "Lielāko vērtību ceturtdaļa",
    },
    "ranking.position.upper_middle": {
        "en": "Upper middle",
        "lt": "Aukštesnis vidurys",
        "lv": "Augšējais vidus",
    },
    "ranking.position.lower_middle": {
        "en": "Lower middle",
        "lt": "Žemesnis vidurys",
        "lv": "Apakšējais vidus",
    },
    "ranking.position.bottom": {
        "en": "Lowest quarter",
        "lt": "Mažiausių reikšmių ketvirtis",
        "lv": "Mazāko vērtību ceturtdaļa",
    },
    "ranking.neutral_note": {
        "en": "This indicator has no better direction: members are ordered by value, highest first, and the "
              "blues show position, not performance.",
        "lt": "Šis rodiklis neturi geresnės krypties: savivaldybės išdėstytos nuo didžiausios reikšmės, o "
              "mėlyni atspalviai rodo padėtį, ne rezultatą.",
        "lv": "Šim rādītājam nav labākā virziena: pašvaldības sakārtotas no lielākās vērtības, un zilie "
              "toņi parāda novietojumu, nevis sniegumu.",
    },
    "ranking.not_member": {
        "en": "The chosen municipality is not a member of this peer set, so it is not in the ranking. "
              "Choose another peer set in the sidebar to see it ranked.",
        "lt": "Pasirinkta savivaldybė nepriklauso šiai palyginimo grupei, todėl jos reitinge nėra. Šoninėje "
              "juostoje pasirinkite kitą grupę.",
        "lv": "Izvēlētā pašvaldība nav šīs salīdzināšanas kopas dalībniece, tāpēc reitingā tās nav. "
              "Sānjoslā izvēlieties citu kopu.",
    },
    "ranking.no_values": {
        "en": "No member of this peer set has a value for this indicator in {period}. Choose another period "
              "or peer set.",
        "lt": "Nė viena šios grupės savivaldybė neturi šio rodiklio reikšmės laikotarpiu {period}. "
              "Pasirinkite kitą laikotarpį arba grupę.",
        "lv": "Nevienai šīs kopas pašvaldībai nav šī rādītāja vērtības periodā {period}. Izvēlieties citu "
              "periodu vai kopu.",
    },
    "ranking.not_found": {
        "en": "This comparison cannot be made: {reason}. Choose another indicator, period or peer set.",
        "lt": "Šio palyginimo atlikti negalima: {reason}. Pasirinkite kitą rodiklį, laikotarpį arba grupę.",
        "lv": "Šo salīdzinājumu nevar veikt: {reason}. Izvēlieties citu rādītāju, periodu vai kopu.",
    },
    "ranking.missing": {
        "en": "{n} members without a value are listed in grey at the bottom, with the reason.",
        "lt": "{n} savivaldybės be reikšmės pateiktos pilkai apačioje su priežastimi.",
        "lv": "{n} pašvaldības bez vērtības parādītas pelēkā krāsā apakšā, norādot iemeslu.",
    },
    "ranking.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "ranking.col.entity_name": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "ranking.col.entity_code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "ranking.col.value": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "ranking.col.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "ranking.col.band": {"en": "Band", "lt": "Ketvirtis", "lv": "Ceturtdaļa"},
    "ranking.col.z": {"en": "z-score", "lt": "z įvertis", "lv": "z vērtējums"},
    "ranking.col.mad_score": {"en": "MAD score", "lt": "MAD įvertis", "lv": "MAD vērtējums"},
    "ranking.col.gap_to_median": {
        "en": "Gap to median (+ = better)",
        "lt": "Atotrūkis nuo medianos (+ = geriau)",
        "lv": "Atšķirība no mediānas (+ = labāk)",
    },
    "ranking.col.gap_to_best": {
        "en": "Gap to best",
        "lt": "Atotrūkis nuo geriausio",
        "lv": "Atšķirība no labākā",
    },
    "ranking.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "ranking.definitions": {
        "en": "Rank 1 = best (ties share the lowest rank). Percentile = share of the other peers the "
              "municipality does at least as well as. z = (value − mean) / sd; MAD score = (value − median) "
              "/ median absolute deviation. Gaps are in the indicator's unit, positive = better.",
        "lt": "1 vieta – geriausia (lygūs rezultatai dalijasi aukščiausia vieta). Procentilis – kokia dalis "
              "kitų grupės savivaldybių pasiekia ne geresnį rezultatą. z = (reikšmė − vidurkis) / "
              "standartinis nuokrypis; MAD įvertis = (reikšmė − mediana) / medianinis absoliutusis "
              "nuokrypis. Atotrūkiai pateikti rodiklio vienetais, teigiamas – geriau.",
        "lv": "1. vieta ir labākā (vienādiem rezultātiem kopīga augstākā vieta). Procentile – kāda daļa "
              "pārējo kopas pašvaldību nav labākas. z = (vērtība − vidējais) / standartnovirze; MAD "
              "vērtējums = (vērtība − mediāna) / mediānā absolūtā novirze. Atšķirības ir rādītāja "
              "mērvienībās, pozitīva – labāk.",
    },
}
