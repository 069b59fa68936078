"""The scatter page: two indicators against each other."""

MESSAGES = {
    "scatter.nav": {"en": "Scatter", "lt": "Sklaidos diagrama", "lv": "Izkliedes diagramma"},
    "scatter.title": {
        "en": "Two indicators against each other",
        "lt": "Du rodikliai vienas prieš kitą",
        "lv": "Divi rādītāji vienu pret otru",
    },
    "scatter.intro": {
        "en": "Each point is a member of the peer set; the dashed lines are the peer medians, so the four "
              "quarters separate better and worse on each indicator. Click a point to select that "
              "municipality.",
        "lt": "Kiekvienas taškas – palyginimo grupės savivaldybė; brūkšninės linijos – grupės medianos, "
              "todėl keturi kvadrantai atskiria geresnius ir prastesnius pagal kiekvieną rodiklį. "
              "Spustelėkite tašką, kad pasirinktumėte tą savivaldybę.",
        "lv": "Katrs punkts ir salīdzināšanas kopas pašvaldība; pārtrauktās līnijas ir kopas mediānas, "
              "tāpēc četri kvadranti nošķir labākos un vājākos pēc katra rādītāja. Noklikšķiniet uz punkta, "
              "lai izvēlētos šo pašvaldību.",
    },
    "scatter.x": {
        "en": "Indicator on the horizontal axis (x)",
        "lt": "Rodiklis horizontalioje ašyje (x)",
        "lv": "Rādītājs horizontālajā asī (x)",
    },
    "scatter.y": {
        "en": "Indicator on the vertical axis (y)",
        "lt": "Rodiklis vertikalioje ašyje (y)",
        "lv": "Rādītājs vertikālajā asī (y)",
    },
    "scatter.choose": {
        "en": "Choose two indicators in the sidebar.",
        "lt": "Šoninėje juostoje pasirinkite du rodiklius.",
        "lv": "Sānjoslā izvēlieties divus rādītājus.",
    },
    "scatter.same": {
        "en": "Choose two different indicators.",
        "lt": "Pasirinkite du skirtingus rodiklius.",
        "lv": "Izvēlieties divus dažādus rādītājus.",
    },
    "scatter.no_common_period": {
        "en": "These two indicators have no period with data in common. Choose another pair.",
        "lt": "Šie du rodikliai neturi bendro laikotarpio su duomenimis. Pasirinkite kitą porą.",
        "lv": "Šiem diviem rādītājiem nav kopīga perioda ar datiem. Izvēlieties citu pāri.",
    },
    "scatter.too_few": {
        "en": "Fewer than two members of this peer set have both values in {period}: there is nothing to "
              "plot. Choose another period or peer set.",
        "lt": "Mažiau nei dvi šios grupės savivaldybės turi abi reikšmes laikotarpiu {period}: nėra ką "
              "pavaizduoti. Pasirinkite kitą laikotarpį arba grupę.",
        "lv": "Mazāk nekā divām šīs kopas pašvaldībām periodā {period} ir abas vērtības: nav ko attēlot. "
              "Izvēlieties citu periodu vai kopu.",
    },
    "scatter.missing": {
        "en": "{n} members lack one or both values and are not shown.",
        "lt": "{n} savivaldybės neturi vienos ar abiejų reikšmių ir nerodomos.",
        "lv": "{n} pašvaldībām trūkst vienas vai abu vērtību, un tās nav parādītas.",
    },
    "scatter.not_member": {
        "en": "The chosen municipality is not in this peer set or lacks one of the values, so it is not "
              "marked.",
        "lt": "Pasirinktos savivaldybės šioje grupėje nėra arba jai trūksta reikšmės, todėl ji nepažymėta.",
        "lv": "Izvēlētās pašvaldības šajā kopā nav vai tai trūkst vērtības, tāpēc tā nav atzīmēta.",
    },
    "scatter.trend": {
        "en": "Show the trend line (least squares)",
        "lt": "Rodyti tendencijos liniją (mažiausių kvadratų)",
        "lv": "Rādīt tendences līniju (mazāko kvadrātu)",
    },
    "scatter.trend_label": {
        "en": "Trend: y = {slope}·x + {intercept} (R² = {r2})",
        "lt": "Tendencija: y = {slope}·x + {intercept} (R² = {r2})",
        "lv": "Tendence: y = {slope}·x + {intercept} (R² = {r2})",
    },
    "scatter.chart_title": {
        "en": "{y}<br>against {x}, {period}",
        "lt": "{y}<br>palyginti su {x}, {period}",
        "lv": "{y}<br>pret {x}, {period}",
    },
    "scatter.subtitle": {
        "en": "{peers} · {n} municipalities",
        "lt": "{peers} · savivaldybių: {n}",
        "lv": "{peers} · pašvaldību skaits: {n}",
    },
    "scatter.axis": {
        "en": "{name} ({unit})<br>{polarity}",
        "lt": "{name} ({unit})<br>{polarity}",
        "lv": "{name} ({unit})<br>{polarity}",
    },
    "scatter.median_x": {"en": "median x: {value}", "lt": "x mediana: {value}", "lv": "x mediāna: {value}"},
    "scatter.median_y": {"en": "median y: {value}", "lt": "y mediana: {value}", "lv": "y mediāna: {value}"},
    "scatter.peers": {"en": "Peers", "lt": "Grupės savivaldybės", "lv": "Kopas pašvaldības"},
    "scatter.table": {"en": "Values of the peer set", "lt": "Grupės reikšmės", "lv": "Kopas vērtības"},
    "scatter.col.entity_name": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "scatter.col.entity_code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "scatter.col.value": {"en": "{name} ({unit})", "lt": "{name} ({unit})", "lv": "{name} ({unit})"},
}
