"""Targets and improvement plans: kinds, statuses, the progress chart, the target on the trend, the form."""

MESSAGES = {
    "targets.nav": {"en": "Targets", "lt": "Tikslai", "lv": "Mērķi"},
    "targets.title": {
        "en": "Targets and improvement plans",
        "lt": "Tikslai ir gerinimo planai",
        "lv": "Mērķi un uzlabošanas plāni",
    },
    "targets.intro": {
        "en": "Set a target for an indicator — a value, the peer median or the best quarter of the peers — "
              "with the actions planned and the practice it learns from. Its status follows every new "
              "upload.",
        "lt": "Nustatykite rodiklio tikslą – reikšmę, palyginamųjų medianą arba geriausią jų ketvirtį – su "
              "planuojamais veiksmais ir praktika, iš kurios mokomasi. Būsena atnaujinama po kiekvieno "
              "įkėlimo.",
        "lv": "Nosakiet rādītāja mērķi – vērtību, salīdzināmo mediānu vai labāko to ceturtdaļu – ar "
              "plānotajām darbībām un praksi, no kuras mācās. Statuss tiek atjaunināts pēc katras "
              "augšupielādes.",
    },
    "targets.kind.absolute": {"en": "a value", "lt": "reikšmė", "lv": "vērtība"},
    "targets.kind.peer_median": {
        "en": "the peer median",
        "lt": "palyginamųjų mediana",
        "lv": "salīdzināmo mediāna",
    },
    "targets.kind.top_quartile": {
        "en": "the peers' best quarter",
        "lt": "geriausias palyginamųjų ketvirtis",
        "lv": "salīdzināmo labākā ceturtdaļa",
    },
    "targets.status.met": {"en": "met", "lt": "pasiektas", "lv": "sasniegts"},
    "targets.status.on_track": {"en": "on track", "lt": "pagal planą", "lv": "atbilst plānam"},
    "targets.status.behind": {"en": "behind", "lt": "atsilieka", "lv": "atpaliek"},
    "targets.status.pending": {
        "en": "awaiting new values",
        "lt": "laukiama naujų duomenų",
        "lv": "gaida jaunus datus",
    },
    "targets.explain.met": {
        "en": "Met: the latest value reaches the target (by the indicator's better direction).",
        "lt": "Pasiektas: naujausia reikšmė pasiekia tikslą (atsižvelgiant į geresnę rodiklio kryptį).",
        "lv": "Sasniegts: jaunākā vērtība sasniedz mērķi (ņemot vērā rādītāja labāko virzienu).",
    },
    "targets.explain.on_track": {
        "en": "On track: not there yet, but the latest value is at least as good as the straight path from "
              "the baseline to the target expects in that period.",
        "lt": "Pagal planą: tikslas dar nepasiektas, bet naujausia reikšmė ne prastesnė, nei tam "
              "laikotarpiui numato tiesi linija nuo pradinės reikšmės iki tikslo.",
        "lv": "Atbilst plānam: mērķis vēl nav sasniegts, bet jaunākā vērtība nav sliktāka par to, ko šim "
              "periodam paredz taisna līnija no sākuma vērtības līdz mērķim.",
    },
    "targets.explain.behind": {
        "en": "Behind: the latest value is worse than the straight path from the baseline to the target "
              "expects, or the target period has come without the target being met.",
        "lt": "Atsilieka: naujausia reikšmė prastesnė, nei numato tiesi linija nuo pradinės reikšmės iki "
              "tikslo, arba tikslo laikotarpis atėjo, o tikslas nepasiektas.",
        "lv": "Atpaliek: jaunākā vērtība ir sliktāka, nekā paredz taisna līnija no sākuma vērtības līdz "
              "mērķim, vai mērķa periods ir pienācis, bet mērķis nav sasniegts.",
    },
    "targets.explain.pending": {
        "en": "Awaiting new values: nothing has been uploaded after the baseline period yet.",
        "lt": "Laukiama naujų duomenų: po pradinio laikotarpio dar niekas neįkelta.",
        "lv": "Gaida jaunus datus: pēc sākuma perioda vēl nekas nav augšupielādēts.",
    },
    "targets.label": {
        "en": "{indicator} → {aim} by {period} (no. {id})",
        "lt": "{indicator} → {aim} iki {period} (Nr. {id})",
        "lv": "{indicator} → {aim} līdz {period} (Nr. {id})",
    },
    "targets.progress.heading": {
        "en": "Progress towards the targets",
        "lt": "Pažanga siekiant tikslų",
        "lv": "Virzība uz mērķiem",
    },
    "targets.progress.none": {
        "en": "No target has been set for this municipality yet.",
        "lt": "Šiai savivaldybei dar nenustatyta jokių tikslų.",
        "lv": "Šai pašvaldībai vēl nav noteikts neviens mērķis.",
    },
    "targets.progress.set": {"en": "Set a target", "lt": "Nustatyti tikslą", "lv": "Noteikt mērķi"},
    "targets.progress.chart_title": {
        "en": "How far each target has come",
        "lt": "Kiek priartėta prie tikslų",
        "lv": "Cik tuvu katram mērķim",
    },
    "targets.progress.chart_subtitle": {
        "en": "Share of the way from the baseline to the target, by each indicator's better direction; 100 "
              "% = met",
        "lt": "Nueito kelio nuo pradinės reikšmės iki tikslo dalis pagal geresnę rodiklio kryptį; 100 % = "
              "pasiektas",
        "lv": "Veiktā ceļa daļa no sākuma vērtības līdz mērķim pēc rādītāja labākā virziena; 100 % = "
              "sasniegts",
    },
    "targets.progress.axis": {
        "en": "% of the way to the target",
        "lt": "% kelio iki tikslo",
        "lv": "% no ceļa līdz mērķim",
    },
    "targets.col.target": {"en": "Target", "lt": "Tikslas", "lv": "Mērķis"},
    "targets.col.kind": {"en": "Kind", "lt": "Rūšis", "lv": "Veids"},
    "targets.col.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "targets.col.target_value": {
        "en": "Target value now",
        "lt": "Tikslo reikšmė dabar",
        "lv": "Mērķa vērtība tagad",
    },
    "targets.col.by": {"en": "By period", "lt": "Iki laikotarpio", "lv": "Līdz periodam"},
    "targets.col.baseline": {"en": "Baseline value", "lt": "Pradinė reikšmė", "lv": "Sākuma vērtība"},
    "targets.col.baseline_period": {
        "en": "Baseline period",
        "lt": "Pradinis laikotarpis",
        "lv": "Sākuma periods",
    },
    "targets.col.latest": {"en": "Latest value", "lt": "Naujausia reikšmė", "lv": "Jaunākā vērtība"},
    "targets.col.latest_period": {
        "en": "Latest period",
        "lt": "Naujausias laikotarpis",
        "lv": "Jaunākais periods",
    },
    "targets.col.expected": {"en": "Planned path value", "lt": "Planuota reikšmė", "lv": "Plānotā vērtība"},
    "targets.col.gap": {
        "en": "Gap to target (+ = met by)",
        "lt": "Iki tikslo (+ = viršyta)",
        "lv": "Līdz mērķim (+ = pārsniegts)",
    },
    "targets.col.share": {"en": "% of the way", "lt": "% kelio", "lv": "% no ceļa"},
    "targets.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "targets.col.actions": {"en": "Actions planned", "lt": "Planuojami veiksmai", "lv": "Plānotās darbības"},
    "targets.col.practice": {"en": "Learns from", "lt": "Mokomasi iš", "lv": "Mācās no"},
    "targets.col.owner": {"en": "Set by", "lt": "Nustatė", "lv": "Noteica"},
    "targets.show": {"en": "Target to draw", "lt": "Rodomas tikslas", "lv": "Attēlotais mērķis"},
    "targets.no_trend": {
        "en": "There is no trend to draw this target on.",
        "lt": "Nėra tendencijos, ant kurios būtų galima pavaizduoti šį tikslą.",
        "lv": "Nav tendences, uz kuras attēlot šo mērķi.",
    },
    "targets.chart_title": {
        "en": "{indicator}: {entity} and its target",
        "lt": "{indicator}: {entity} ir tikslas",
        "lv": "{indicator}: {entity} un mērķis",
    },
    "targets.chart_subtitle": {
        "en": "{polarity} · against {peers}",
        "lt": "{polarity} · palyginti su: {peers}",
        "lv": "{polarity} · salīdzinājumā ar: {peers}",
    },
    "targets.axis": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "targets.median": {"en": "Peer median", "lt": "Palyginamųjų mediana", "lv": "Salīdzināmo mediāna"},
    "targets.band": {
        "en": "Middle half of the peers (p25–p75)",
        "lt": "Vidurinė palyginamųjų pusė (p25–p75)",
        "lv": "Salīdzināmo vidējā puse (p25–p75)",
    },
    "targets.target": {"en": "Target", "lt": "Tikslas", "lv": "Mērķis"},
    "targets.path": {"en": "Planned path", "lt": "Planuota trajektorija", "lv": "Plānotā trajektorija"},
    "targets.form.heading": {
        "en": "Set or change a target",
        "lt": "Nustatyti ar keisti tikslą",
        "lv": "Noteikt vai mainīt mērķi",
    },
    "targets.form.not_allowed": {
        "en": "Log in as a coordinator of {entity}'s network, as its municipality user or as an admin to "
              "set its targets.",
        "lt": "Norėdami nustatyti tikslus, prisijunkite kaip tinklo, kuriam priklauso {entity}, "
              "koordinatorius, šios savivaldybės naudotojas arba administratorius.",
        "lv": "Lai noteiktu mērķus, piesakieties kā tā tīkla koordinators, kuram pieder {entity}, kā šīs "
              "pašvaldības lietotājs vai kā administrators.",
    },
    "targets.form.which": {"en": "Target", "lt": "Tikslas", "lv": "Mērķis"},
    "targets.form.no_values": {
        "en": "{entity} has no values yet, so there is nothing to start a target from.",
        "lt": "{entity} dar neturi reikšmių, todėl nėra nuo ko pradėti tikslo.",
        "lv": "{entity} vēl nav vērtību, tāpēc mērķim nav no kā sākt.",
    },
    "targets.form.new": {"en": "A new target", "lt": "Naujas tikslas", "lv": "Jauns mērķis"},
    "targets.form.peers": {
        "en": "Peers: {peers} (the peer set chosen in the sidebar)",
        "lt": "Palyginamieji: {peers} (šoninėje juostoje pasirinkta grupė)",
        "lv": "Salīdzināmie: {peers} (sānjoslā izvēlētā grupa)",
    },
    "targets.form.period_help": {
        "en": "The period by which to reach it, such as 2026.",
        "lt": "Laikotarpis, iki kurio siekiama, pavyzdžiui, 2026.",
        "lv": "Periods, līdz kuram to sasniegt, piemēram, 2026.",
    },
    "targets.form.no_practice": {
        "en": "No practice chosen",
        "lt": "Praktika nepasirinkta",
        "lv": "Prakse nav izvēlēta",
    },
    "targets.form.save": {"en": "Save the target", "lt": "Išsaugoti tikslą", "lv": "Saglabāt mērķi"},
    "targets.form.saved": {
        "en": "Target no. {id} saved.",
        "lt": "Tikslas Nr. {id} išsaugotas.",
        "lv": "Mērķis Nr. {id} saglabāts.",
    },
    "targets.form.delete": {"en": "Delete this target", "lt": "Ištrinti šį tikslą", "lv": "Dzēst šo mērķi"},
    "targets.form.deleted": {
        "en": "Target no. {id} deleted.",
        "lt": "Tikslas Nr. {id} ištrintas.",
        "lv": "Mērķis Nr. {id} izdzēsts.",
    },
    "targets.refused": {
        "en": "The target was not saved: {count} problem(s) to fix.",
        "lt": "Tikslas neišsaugotas: reikia ištaisyti problemų – {count}.",
        "lv": "Mērķis netika saglabāts: jānovērš problēmas – {count}.",
    },
    "targets.field.entity_code": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "targets.field.indicator_code": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "targets.field.kind": {"en": "Reach", "lt": "Siekti", "lv": "Sasniegt"},
    "targets.field.value": {
        "en": "Target value ({unit})",
        "lt": "Tikslo reikšmė ({unit})",
        "lv": "Mērķa vērtība ({unit})",
    },
    "targets.field.period": {"en": "By period", "lt": "Iki laikotarpio", "lv": "Līdz periodam"},
    "targets.field.peer_spec": {"en": "Peers", "lt": "Palyginamieji", "lv": "Salīdzināmie"},
    "targets.field.baseline_period": {
        "en": "Baseline (start from the value of)",
        "lt": "Pradžia (nuo kurio laikotarpio reikšmės)",
        "lv": "Sākums (no kura perioda vērtības)",
    },
    "targets.field.actions": {
        "en": "Actions planned",
        "lt": "Planuojami veiksmai",
        "lv": "Plānotās darbības",
    },
    "targets.field.practice_id": {
        "en": "Learns from the practice",
        "lt": "Mokomasi iš praktikos",
        "lv": "Mācās no prakses",
    },
    "targets.problem.required": {
        "en": "this field is required",
        "lt": "šis laukas privalomas",
        "lv": "šis lauks ir obligāts",
    },
    "targets.problem.unknown_entity": {
        "en": "{value} is not a municipality you may set targets for",
        "lt": "{value} nėra savivaldybė, kuriai galite nustatyti tikslus",
        "lv": "{value} nav pašvaldība, kurai varat noteikt mērķus",
    },
    "targets.problem.unknown_indicator": {
        "en": "{value} is not a known indicator",
        "lt": "{value} nėra žinomas rodiklis",
        "lv": "{value} nav zināms rādītājs",
    },
    "targets.problem.bad_period": {
        "en": "{value} is not a period (expected a year such as 2026)",
        "lt": "{value} nėra laikotarpis (tikėtasi metų, pavyzdžiui, 2026)",
        "lv": "{value} nav periods (gaidīts gads, piemēram, 2026)",
    },
    "targets.problem.bad_kind": {
        "en": "{value} is not a kind of target",
        "lt": "{value} nėra tikslo rūšis",
        "lv": "{value} nav mērķa veids",
    },
    "targets.problem.bad_peer_spec": {
        "en": "the peer set {value} cannot be used",
        "lt": "palyginamųjų grupės {value} negalima naudoti",
        "lv": "salīdzināmo grupu {value} nevar izmantot",
    },
    "targets.problem.no_baseline": {
        "en": "there is no value to start from at or before this period",
        "lt": "šiame ar ankstesniame laikotarpyje nėra reikšmės, nuo kurios pradėti",
        "lv": "šajā vai agrākā periodā nav vērtības, no kuras sākt",
    },
    "targets.problem.period_not_after_baseline": {
        "en": "the target period {value} must come after the baseline period",
        "lt": "tikslo laikotarpis {value} turi būti vėlesnis už pradinį laikotarpį",
        "lv": "mērķa periodam {value} jābūt vēlākam par sākuma periodu",
    },
    "targets.problem.unknown_practice": {
        "en": "there is no practice no. {value}",
        "lt": "praktikos Nr. {value} nėra",
        "lv": "prakses Nr. {value} nav",
    },
}
