"""The network meeting pack: the page, the PDF and the workbook."""

MESSAGES = {
    "meeting.nav": {"en": "Meeting pack", "lt": "Susitikimo medžiaga", "lv": "Sanāksmes materiāli"},
    "meeting.title": {
        "en": "Network meeting pack",
        "lt": "Tinklo susitikimo medžiaga",
        "lv": "Tīkla sanāksmes materiāli",
    },
    "meeting.intro": {
        "en": "Everything a network meeting looks at, for one network and period: the heatmap, each "
              "indicator's ranking, who improved most, the biggest gaps to the median, the targets and the "
              "practices recorded since the last meeting — here, and as one PDF and one Excel workbook.",
        "lt": "Viskas, ką aptaria tinklo susitikimas, vienam tinklui ir laikotarpiui: šilumos žemėlapis, "
              "kiekvieno rodiklio reitingas, labiausiai pagerėję nariai, didžiausi atotrūkiai nuo medianos, "
              "tikslai ir nuo paskutinio susitikimo užrašytos praktikos – čia ir kaip vienas PDF bei viena "
              "Excel darbaknygė.",
        "lv": "Viss, ko apspriež tīkla sanāksme, vienam tīklam un periodam: siltuma karte, katra rādītāja "
              "reitings, visvairāk uzlabojušies dalībnieki, lielākās atšķirības no mediānas, mērķi un kopš "
              "pēdējās sanāksmes aprakstītās prakses – šeit un kā viens PDF un viena Excel darbgrāmata.",
    },
    "meeting.network": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "meeting.period": {"en": "Period", "lt": "Laikotarpis", "lv": "Periods"},
    "meeting.since": {"en": "Last meeting", "lt": "Paskutinis susitikimas", "lv": "Pēdējā sanāksme"},
    "meeting.since_help": {
        "en": "The pack lists the practices recorded on or after this date.",
        "lt": "Medžiagoje pateikiamos praktikos, užrašytos šią dieną ar vėliau.",
        "lv": "Materiālos iekļautas prakses, kas aprakstītas šajā datumā vai vēlāk.",
    },
    "meeting.members": {"en": "Members", "lt": "Narių", "lv": "Dalībnieku"},
    "meeting.language": {"en": "Language", "lt": "Kalba", "lv": "Valoda"},
    "meeting.generated": {"en": "Made on", "lt": "Parengta", "lv": "Sagatavots"},
    "meeting.choose": {
        "en": "Choose a network in the sidebar.",
        "lt": "Šoninėje juostoje pasirinkite tinklą.",
        "lv": "Sānjoslā izvēlieties tīklu.",
    },
    "meeting.no_periods": {
        "en": "This network has no values yet: upload its data first.",
        "lt": "Šis tinklas dar neturi reikšmių: pirmiausia įkelkite jo duomenis.",
        "lv": "Šim tīklam vēl nav vērtību: vispirms augšupielādējiet tā datus.",
    },
    "meeting.no_data": {
        "en": "The network's members have no values in {period}.",
        "lt": "Tinklo nariai neturi reikšmių laikotarpiu {period}.",
        "lv": "Tīkla dalībniekiem nav vērtību periodā {period}.",
    },
    "meeting.downloads": {"en": "The pack", "lt": "Medžiaga", "lv": "Materiāli"},
    "meeting.pdf": {"en": "Download the PDF", "lt": "Atsisiųsti PDF", "lv": "Lejupielādēt PDF"},
    "meeting.excel": {
        "en": "Download the Excel workbook",
        "lt": "Atsisiųsti Excel darbaknygę",
        "lv": "Lejupielādēt Excel darbgrāmatu",
    },
    "meeting.pdf_note": {
        "en": "The PDF is made when you click (charts take a few seconds); both files carry the data "
              "attribution.",
        "lt": "PDF parengiamas paspaudus (diagramos užtrunka kelias sekundes); abiejuose failuose nurodomas "
              "duomenų šaltinis.",
        "lv": "PDF tiek sagatavots pēc klikšķa (diagrammas aizņem dažas sekundes); abos failos norādīts "
              "datu avots.",
    },
    "meeting.pdf_title": {
        "en": "Network meeting pack: {network}",
        "lt": "Tinklo susitikimo medžiaga: {network}",
        "lv": "Tīkla sanāksmes materiāli: {network}",
    },
    "meeting.page": {
        "en": "Page {page} of {total}",
        "lt": "{page} psl. iš {total}",
        "lv": "{page}. lappuse no {total}",
    },
    "meeting.no_charts": {
        "en": "Charts could not be drawn ({reason}); every table below holds the same figures.",
        "lt": "Diagramų nepavyko nubraižyti ({reason}); visi tie patys skaičiai pateikti lentelėse.",
        "lv": "Diagrammas neizdevās uzzīmēt ({reason}); visi tie paši skaitļi ir tabulās.",
    },
    "meeting.peers": {
        "en": "{network} ({n} members)",
        "lt": "{network} (narių: {n})",
        "lv": "{network} (dalībnieki: {n})",
    },
    "meeting.heatmap": {
        "en": "Members × indicators",
        "lt": "Nariai × rodikliai",
        "lv": "Dalībnieki × rādītāji",
    },
    "meeting.heatmap_title": {
        "en": "Percentile of each member on each indicator, {period}",
        "lt": "Kiekvieno nario procentilis pagal kiekvieną rodiklį, {period}",
        "lv": "Katra dalībnieka procentile katrā rādītājā, {period}",
    },
    "meeting.heatmap_subtitle": {
        "en": "{network} · 100 = best, whichever direction is better for the indicator",
        "lt": "{network} · 100 = geriausia, atsižvelgiant į tai, kuri rodiklio kryptis geresnė",
        "lv": "{network} · 100 = labākā, ņemot vērā, kurš rādītāja virziens ir labāks",
    },
    "meeting.heatmap_note": {
        "en": "Percentile 0–100 among the members (100 = does at least as well as every other member); "
              "indicators without a better direction are left out.",
        "lt": "Procentilis 0–100 tarp narių (100 = ne prasčiau už visus kitus narius); rodikliai be "
              "geresnės krypties nepateikiami.",
        "lv": "Procentile 0–100 starp dalībniekiem (100 = ne sliktāk par visiem pārējiem); rādītāji bez "
              "labākā virziena nav iekļauti.",
    },
    "meeting.heatmap_none": {
        "en": "No indicator of this network has a better direction in this period, so there is no heatmap.",
        "lt": "Nė vienas šio tinklo rodiklis šiuo laikotarpiu neturi geresnės krypties, todėl šilumos "
              "žemėlapio nėra.",
        "lv": "Nevienam šī tīkla rādītājam šajā periodā nav labākā virziena, tāpēc siltuma kartes nav.",
    },
    "meeting.rankings": {
        "en": "Each indicator's ranking ({n})",
        "lt": "Kiekvieno rodiklio reitingas ({n})",
        "lv": "Katra rādītāja reitings ({n})",
    },
    "meeting.ranking": {
        "en": "Ranking: {indicator}, {period}",
        "lt": "Reitingas: {indicator}, {period}",
        "lv": "Reitings: {indicator}, {period}",
    },
    "meeting.ranking_stats": {
        "en": "median {median} · {n} with a value, {missing} without",
        "lt": "mediana {median} · su reikšme: {n}, be reikšmės: {missing}",
        "lv": "mediāna {median} · ar vērtību: {n}, bez vērtības: {missing}",
    },
    "meeting.improved": {
        "en": "Most improved members",
        "lt": "Labiausiai pagerėję nariai",
        "lv": "Visvairāk uzlabojušies dalībnieki",
    },
    "meeting.improved_note": {
        "en": "Change from the previous period with data, counted in the better direction (up to 3 per "
              "indicator).",
        "lt": "Pokytis nuo ankstesnio laikotarpio su duomenimis, skaičiuojamas geresne kryptimi (iki 3 "
              "kiekvienam rodikliui).",
        "lv": "Izmaiņas kopš iepriekšējā perioda ar datiem, skaitot labākajā virzienā (līdz 3 katram "
              "rādītājam).",
    },
    "meeting.improved_none": {
        "en": "Nobody improved, or there is no earlier period to compare with.",
        "lt": "Niekas nepagerėjo arba nėra ankstesnio laikotarpio palyginimui.",
        "lv": "Neviens nav uzlabojies, vai nav agrāka perioda salīdzināšanai.",
    },
    "meeting.gaps": {
        "en": "Biggest gaps to the median",
        "lt": "Didžiausi atotrūkiai nuo medianos",
        "lv": "Lielākās atšķirības no mediānas",
    },
    "meeting.gaps_note": {
        "en": "Members below the network median, worst first by the gap relative to the median.",
        "lt": "Nariai žemiau tinklo medianos, pradedant didžiausiu santykiniu atotrūkiu.",
        "lv": "Dalībnieki zem tīkla mediānas, sākot ar lielāko relatīvo atšķirību.",
    },
    "meeting.gaps_none": {
        "en": "No member is below the median on an indicator with a better direction.",
        "lt": "Nė vienas narys nėra žemiau medianos pagal rodiklį su geresne kryptimi.",
        "lv": "Neviens dalībnieks nav zem mediānas rādītājā ar labāko virzienu.",
    },
    "meeting.targets": {
        "en": "Targets and their status",
        "lt": "Tikslai ir jų būsena",
        "lv": "Mērķi un to statuss",
    },
    "meeting.targets_note": {
        "en": "Every target of the members on the network's indicators, with its status now.",
        "lt": "Visi narių tikslai pagal tinklo rodiklius su dabartine būsena.",
        "lv": "Visi dalībnieku mērķi tīkla rādītājos ar pašreizējo statusu.",
    },
    "meeting.targets_none": {
        "en": "No member has set a target on the network's indicators.",
        "lt": "Nė vienas narys nenustatė tikslo pagal tinklo rodiklius.",
        "lv": "Neviens dalībnieks nav noteicis mērķi tīkla rādītājos.",
    },
    "meeting.practices": {
        "en": "Practices recorded since {since}",
        "lt": "Praktikos, užrašytos nuo {since}",
        "lv": "Prakses, kas aprakstītas kopš {since}",
    },
    "meeting.practices_note": {
        "en": "Newest first.",
        "lt": "Naujausios pirmiausia.",
        "lv": "Jaunākās vispirms.",
    },
    "meeting.practices_none": {
        "en": "No practice has been recorded since the last meeting.",
        "lt": "Nuo paskutinio susitikimo neužrašyta jokių praktikų.",
        "lv": "Kopš pēdējās sanāksmes nav aprakstīta neviena prakse.",
    },
    "meeting.sheet.contents": {"en": "Contents", "lt": "Turinys", "lv": "Saturs"},
    "meeting.sheet.heatmap": {"en": "Heatmap", "lt": "Šilumos žemėlapis", "lv": "Siltuma karte"},
    "meeting.sheet.ranking": {"en": "Ranking {i}", "lt": "Reitingas {i}", "lv": "Reitings {i}"},
    "meeting.sheet.improved": {
        "en": "Most improved",
        "lt": "Labiausiai pagerėję",
        "lv": "Visvairāk uzlabojušies",
    },
    "meeting.sheet.gaps": {
        "en": "Gaps to median",
        "lt": "Atotrūkiai nuo medianos",
        "lv": "Atšķirības no mediānas",
    },
    "meeting.sheet.targets": {"en": "Targets", "lt": "Tikslai", "lv": "Mērķi"},
    "meeting.sheet.practices": {"en": "Practices", "lt": "Praktikos", "lv": "Prakses"},
    "meeting.col.item": {"en": "Item", "lt": "Elementas", "lv": "Elements"},
    "meeting.col.content": {"en": "Content", "lt": "Turinys", "lv": "Saturs"},
    "meeting.col.entity": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "meeting.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "meeting.col.indicator": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "meeting.col.indicators": {"en": "Indicators", "lt": "Rodikliai", "lv": "Rādītāji"},
    "meeting.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "meeting.col.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "meeting.col.value_unit": {"en": "Value ({unit})", "lt": "Reikšmė ({unit})", "lv": "Vērtība ({unit})"},
    "meeting.col.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "meeting.col.band": {"en": "Quarter", "lt": "Ketvirtis", "lv": "Ceturtdaļa"},
    "meeting.col.gap_to_median": {
        "en": "Gap to median (+ = better)",
        "lt": "Atotrūkis nuo medianos (+ = geriau)",
        "lv": "Atšķirība no mediānas (+ = labāk)",
    },
    "meeting.col.gap_pct": {
        "en": "Gap, % of the median",
        "lt": "Atotrūkis, % medianos",
        "lv": "Atšķirība, % no mediānas",
    },
    "meeting.col.median": {"en": "Network median", "lt": "Tinklo mediana", "lv": "Tīkla mediāna"},
    "meeting.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "meeting.col.previous_period": {
        "en": "Previous period",
        "lt": "Ankstesnis laikotarpis",
        "lv": "Iepriekšējais periods",
    },
    "meeting.col.previous_value": {
        "en": "Previous value",
        "lt": "Ankstesnė reikšmė",
        "lv": "Iepriekšējā vērtība",
    },
    "meeting.col.improvement": {"en": "Improvement", "lt": "Pagerėjimas", "lv": "Uzlabojums"},
    "meeting.col.kind": {"en": "Reach", "lt": "Siekti", "lv": "Sasniegt"},
    "meeting.col.target": {"en": "Target value", "lt": "Tikslo reikšmė", "lv": "Mērķa vērtība"},
    "meeting.col.by": {"en": "By", "lt": "Iki", "lv": "Līdz"},
    "meeting.col.baseline": {"en": "Baseline value", "lt": "Pradinė reikšmė", "lv": "Sākuma vērtība"},
    "meeting.col.latest_period": {
        "en": "Latest period",
        "lt": "Naujausias laikotarpis",
        "lv": "Jaunākais periods",
    },
    "meeting.col.latest": {"en": "Latest value", "lt": "Naujausia reikšmė", "lv": "Jaunākā vērtība"},
    "meeting.col.actions": {"en": "Actions planned", "lt": "Planuojami veiksmai", "lv": "Plānotās darbības"},
    "meeting.col.title": {"en": "Practice", "lt": "Praktika", "lv": "Prakse"},
    "meeting.col.started": {"en": "Started", "lt": "Pradėta", "lv": "Uzsākta"},
    "meeting.col.contact": {"en": "Contact", "lt": "Kontaktai", "lv": "Kontakti"},
    "meeting.col.links": {"en": "Links", "lt": "Nuorodos", "lv": "Saites"},
    "meeting.col.recorded": {"en": "Recorded on", "lt": "Užrašyta", "lv": "Aprakstīts"},
    "meeting.col.description": {"en": "Description", "lt": "Aprašymas", "lv": "Apraksts"},
}
