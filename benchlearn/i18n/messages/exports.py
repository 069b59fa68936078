"""The Exports page, the one-municipality PDF report and its Excel workbook."""

MESSAGES = {
    "exports.title": {"en": "Exports", "lt": "Eksportas", "lv": "Eksports"},
    "exports.nav": {"en": "Exports", "lt": "Eksportas", "lv": "Eksports"},
    "exports.intro": {
        "en": "Download one municipality's comparison: a PDF report to share and an Excel workbook with every "
              "table behind it.",
        "lt": "Atsisiųskite vienos savivaldybės palyginimą: PDF ataskaitą dalijimuisi ir Excel darbaknygę su "
              "visomis jos lentelėmis.",
        "lv": "Lejupielādējiet vienas pašvaldības salīdzinājumu: PDF pārskatu kopīgošanai un Excel darbgrāmatu "
              "ar visām tā tabulām.",
    },
    "exports.sections": {"en": "Indicators with a ranking and a trend", "lt": "Rodikliai su reitingu ir tendencija",
                         "lv": "Rādītāji ar reitingu un tendenci"},
    "exports.sections_help": {
        "en": "Chosen for you: indicators with a better direction first, then rates and shares.",
        "lt": "Parinkta automatiškai: pirmiausia rodikliai su geresne kryptimi, tada santykiniai rodikliai ir dalys.",
        "lv": "Izvēlēti automātiski: vispirms rādītāji ar labāko virzienu, tad koeficienti un īpatsvari.",
    },
    "exports.pdf_heading": {"en": "PDF report", "lt": "PDF ataskaita", "lv": "PDF pārskats"},
    "exports.pdf_explain": {
        "en": "An A4 report in the chosen language: the municipality, period and peer set; its strongest and "
              "weakest indicators; the percentile profile as a chart and a table; for each chosen indicator a "
              "ranking chart with the five best peers, and a trend chart against the peer median and p25–p75 "
              "band. The data attribution is on every page. Making it takes a few seconds (the charts are drawn "
              "in a headless browser).",
        "lt": "A4 formato ataskaita pasirinkta kalba: savivaldybė, laikotarpis ir lyginamos savivaldybės; "
              "stipriausi ir silpniausi rodikliai; procentilių profilis diagrama ir lentele; kiekvienam "
              "pasirinktam rodikliui – reitingo diagrama su penkiomis geriausiomis savivaldybėmis ir tendencijos "
              "diagrama su mediana ir p25–p75 juosta. Duomenų šaltinis nurodytas kiekviename puslapyje. "
              "Parengimas užtrunka kelias sekundes (diagramas braižo naršyklė be lango).",
        "lv": "A4 pārskats izvēlētajā valodā: pašvaldība, periods un salīdzināmās pašvaldības; stiprākie un "
              "vājākie rādītāji; procentiļu profils kā diagramma un tabula; katram izvēlētajam rādītājam "
              "reitinga diagramma ar piecām labākajām pašvaldībām un tendences diagramma ar mediānu un p25–p75 "
              "joslu. Datu avots norādīts katrā lapā. Sagatavošana aizņem dažas sekundes (diagrammas zīmē "
              "pārlūks bez loga).",
    },
    "exports.excel_heading": {"en": "Excel workbook", "lt": "Excel darbaknygė", "lv": "Excel darbgrāmata"},
    "exports.excel_explain": {
        "en": "One sheet per table: contents, the profile, and for each chosen indicator the full ranking of "
              "every peer and the trend over every period, plus a Source sheet with the attribution. Numbers "
              "stay numbers; text a spreadsheet would run as a formula is neutralised.",
        "lt": "Kiekviena lentelė – atskirame lape: turinys, profilis, kiekvieno pasirinkto rodiklio visų "
              "lyginamų savivaldybių reitingas ir tendencija per visus laikotarpius, taip pat lapas „Source“ su "
              "duomenų šaltiniu. Skaičiai lieka skaičiais; tekstas, kurį skaičiuoklė vykdytų kaip formulę, "
              "neutralizuojamas.",
        "lv": "Katra tabula atsevišķā lapā: saturs, profils, katram izvēlētajam rādītājam visu salīdzināmo "
              "pašvaldību reitings un tendence visos periodos, kā arī lapa “Source” ar datu avotu. Skaitļi "
              "paliek skaitļi; teksts, ko izklājlapa izpildītu kā formulu, tiek neitralizēts.",
    },
    "exports.excel_button": {"en": "Download the Excel workbook", "lt": "Atsisiųsti Excel darbaknygę",
                             "lv": "Lejupielādēt Excel darbgrāmatu"},
    "exports.tables_heading": {"en": "The tables one by one", "lt": "Lentelės po vieną",
                               "lv": "Tabulas pa vienai"},
    "exports.tables_explain": {
        "en": "Choose any table of the workbook to look at it, or to download it alone as CSV or Excel.",
        "lt": "Pasirinkite bet kurią darbaknygės lentelę, kad ją peržiūrėtumėte arba atsisiųstumėte atskirai CSV "
              "ar Excel formatu.",
        "lv": "Izvēlieties jebkuru darbgrāmatas tabulu, lai to apskatītu vai lejupielādētu atsevišķi CSV vai Excel "
              "formātā.",
    },
    "exports.table_pick": {"en": "Table", "lt": "Lentelė", "lv": "Tabula"},
    "exports.no_periods": {
        "en": "{name} has no data yet: upload values for it, or choose another municipality.",
        "lt": "{name} dar neturi duomenų: įkelkite jos reikšmes arba pasirinkite kitą savivaldybę.",
        "lv": "{name} vēl nav datu: augšupielādējiet tās vērtības vai izvēlieties citu pašvaldību.",
    },
    "exports.preview": {"en": "Preview: the report's profile charts", "lt": "Peržiūra: ataskaitos profilio diagramos",
                        "lv": "Priekšskatījums: pārskata profila diagrammas"},
}

# The PDF report's own words.
MESSAGES.update({
    "exports.report.title": {"en": "Municipality report: {name}", "lt": "Savivaldybės ataskaita: {name}",
                             "lv": "Pašvaldības pārskats: {name}"},
    "exports.report.peers_value": {"en": "{peers} ({n} municipalities)",
                                   "lt": "{peers} (savivaldybių skaičius: {n})",
                                   "lv": "{peers} (pašvaldību skaits: {n})"},
    "exports.report.generated": {"en": "Made with Benchlearn on {date} · municipality code {code}",
                                 "lt": "Parengta su Benchlearn {date} · savivaldybės kodas {code}",
                                 "lv": "Sagatavots ar Benchlearn {date} · pašvaldības kods {code}"},
    "exports.report.no_charts": {
        "en": "Charts could not be drawn ({reason}); this report shows the tables only.",
        "lt": "Diagramų nubraižyti nepavyko ({reason}); šioje ataskaitoje pateikiamos tik lentelės.",
        "lv": "Diagrammas neizdevās uzzīmēt ({reason}); šajā pārskatā ir tikai tabulas.",
    },
    "exports.report.page": {"en": "Page {page} of {total}", "lt": "{page} psl. iš {total}",
                            "lv": "{page}. lpp. no {total}"},
    "exports.report.summary": {"en": "Summary", "lt": "Santrauka", "lv": "Kopsavilkums"},
    "exports.report.strongest": {"en": "Strongest indicators", "lt": "Stipriausi rodikliai",
                                 "lv": "Stiprākie rādītāji"},
    "exports.report.weakest": {"en": "Weakest indicators", "lt": "Silpniausi rodikliai", "lv": "Vājākie rādītāji"},
    "exports.report.strength_line": {"en": "{name}: percentile {percentile} ({band})",
                                     "lt": "{name}: procentilis {percentile} ({band})",
                                     "lv": "{name}: procentile {percentile} ({band})"},
    "exports.report.none_judged": {
        "en": "None of these indicators has a better direction (all are neutral), so none is called strong or weak.",
        "lt": "Nė vienas šių rodiklių neturi geresnės krypties (visi neutralūs), todėl stipriausi ir silpniausi "
              "neišskiriami.",
        "lv": "Nevienam no šiem rādītājiem nav labākā virziena (visi ir neitrāli), tāpēc stiprākie un vājākie "
              "netiek izcelti.",
    },
    "exports.report.profile": {"en": "Profile across indicators", "lt": "Rodiklių profilis",
                               "lv": "Rādītāju profils"},
    "exports.report.profile_explain": {
        "en": "Percentile: the share of peers the municipality does at least as well as (0–100, 100 = best; the "
              "dashed line at 50 is the peer median). ↑ higher is better, ↓ lower is better; for unmarked "
              "(neutral) indicators 100 means the highest value.",
        "lt": "Procentilis – kokią dalį lyginamų savivaldybių ši savivaldybė lenkia arba joms prilygsta (0–100, "
              "100 = geriausia; brūkšninė linija ties 50 – lyginamų savivaldybių mediana). ↑ didesnė reikšmė "
              "geresnė, ↓ mažesnė reikšmė geresnė; nepažymėtiems (neutraliems) rodikliams 100 reiškia "
              "didžiausią reikšmę.",
        "lv": "Procentile – cik lielu daļu salīdzināmo pašvaldību šī pašvaldība pārspēj vai tām līdzinās (0–100, "
              "100 = labākais; pārtrauktā līnija pie 50 ir salīdzināmo pašvaldību mediāna). ↑ lielāka vērtība "
              "ir labāka, ↓ mazāka vērtība ir labāka; neatzīmētiem (neitrāliem) rādītājiem 100 nozīmē lielāko "
              "vērtību.",
    },
    "exports.report.profile_chart": {"en": "{name}: percentile among peers, {period}",
                                     "lt": "{name}: procentilis tarp lyginamų savivaldybių, {period}",
                                     "lv": "{name}: procentile salīdzināmo pašvaldību vidū, {period}"},
    "exports.report.marks": {
        "en": "↑ higher is better · ↓ lower is better · unmarked: neither direction is better",
        "lt": "↑ didesnė reikšmė geresnė · ↓ mažesnė reikšmė geresnė · be žymos: kryptis nevertinama",
        "lv": "↑ lielāka vērtība ir labāka · ↓ mazāka vērtība ir labāka · bez atzīmes: virziens netiek vērtēts",
    },
    "exports.report.percentile_axis": {"en": "Percentile among peers (0–100, 100 = best)",
                                       "lt": "Procentilis tarp lyginamų savivaldybių (0–100, 100 = geriausia)",
                                       "lv": "Procentile salīdzināmo pašvaldību vidū (0–100, 100 = labākais)"},
    "exports.report.median": {"en": "Peer median", "lt": "Lyginamų savivaldybių mediana",
                              "lv": "Salīdzināmo pašvaldību mediāna"},
    "exports.report.middle_half": {"en": "Peers' middle half (p25–p75)",
                                   "lt": "Lyginamų savivaldybių vidurinė pusė (p25–p75)",
                                   "lv": "Salīdzināmo pašvaldību vidējā puse (p25–p75)"},
    "exports.report.ranking": {"en": "Ranking: {indicator}, {period}", "lt": "Reitingas: {indicator}, {period}",
                               "lv": "Reitings: {indicator}, {period}"},
    "exports.report.ranking_line": {
        "en": "{name}: rank {rank} of {n}, value {value}, percentile {percentile} ({band}).",
        "lt": "{name}: {rank} vieta iš {n}, reikšmė {value}, procentilis {percentile} ({band}).",
        "lv": "{name}: {rank}. vieta no {n}, vērtība {value}, procentile {percentile} ({band}).",
    },
    "exports.report.no_value": {"en": "{name} has no value in this period ({reason}).",
                                "lt": "{name} šiuo laikotarpiu reikšmės neturi ({reason}).",
                                "lv": "{name} šajā periodā nav vērtības ({reason})."},
    "exports.report.peer_stats": {
        "en": "Peers with a value: {n}; median {median}, middle half {p25} to {p75}, best {best}.",
        "lt": "Lyginamų savivaldybių su reikšme: {n}; mediana {median}, vidurinė pusė nuo {p25} iki {p75}, "
              "geriausia {best}.",
        "lv": "Salīdzināmās pašvaldības ar vērtību: {n}; mediāna {median}, vidējā puse no {p25} līdz {p75}, "
              "labākā {best}.",
    },
    "exports.report.missing": {"en": "Peers without a value: {count} ({reasons}).",
                               "lt": "Lyginamų savivaldybių be reikšmės: {count} ({reasons}).",
                               "lv": "Salīdzināmās pašvaldības bez vērtības: {count} ({reasons})."},
    "exports.report.top_rows": {"en": "The {n} best and {name}:", "lt": "{n} geriausios ir {name}:",
                                "lv": "{n} labākās un {name}:"},
    "exports.report.trend": {"en": "Trend: {indicator}", "lt": "Tendencija: {indicator}",
                             "lv": "Tendence: {indicator}"},
    "exports.report.one_period": {
        "en": "Only one period has data for this indicator: there is no trend yet.",
        "lt": "Šiam rodikliui duomenų yra tik vienam laikotarpiui: tendencijos dar nėra.",
        "lv": "Šim rādītājam dati ir tikai par vienu periodu: tendences vēl nav.",
    },
    "exports.report.trend_line": {
        "en": "Latest change ({last} against the previous period): {change} ({pct}); direction of travel: "
              "{direction}. Average yearly growth {first}–{last}: {cagr}.",
        "lt": "Paskutinis pokytis ({last}, palyginti su ankstesniu laikotarpiu): {change} ({pct}); kryptis: "
              "{direction}. Vidutinis metinis augimas {first}–{last}: {cagr}.",
        "lv": "Pēdējās izmaiņas ({last} pret iepriekšējo periodu): {change} ({pct}); virziens: {direction}. "
              "Vidējais gada pieaugums {first}–{last}: {cagr}.",
    },
    "exports.report.recent_rows": {
        "en": "The last {n} periods (all periods are in the Excel workbook):",
        "lt": "Paskutiniai laikotarpiai ({n}; visi laikotarpiai – Excel darbaknygėje):",
        "lv": "Pēdējie periodi ({n}; visi periodi ir Excel darbgrāmatā):",
    },
})

# Directions of travel, sheet names and the workbook's contents sheet.
MESSAGES.update({
    "exports.direction.improving": {"en": "improving", "lt": "gerėja", "lv": "uzlabojas"},
    "exports.direction.worsening": {"en": "worsening", "lt": "blogėja", "lv": "pasliktinās"},
    "exports.direction.stable": {"en": "stable", "lt": "stabilu", "lv": "stabils"},
    "exports.direction.up": {"en": "up", "lt": "didėja", "lv": "pieaug"},
    "exports.direction.down": {"en": "down", "lt": "mažėja", "lv": "samazinās"},
    "exports.sheet.contents": {"en": "Contents", "lt": "Turinys", "lv": "Saturs"},
    "exports.sheet.profile": {"en": "Profile", "lt": "Profilis", "lv": "Profils"},
    "exports.sheet.ranking": {"en": "Ranking {i}", "lt": "Reitingas {i}", "lv": "Reitings {i}"},
    "exports.sheet.trend": {"en": "Trend {i}", "lt": "Tendencija {i}", "lv": "Tendence {i}"},
    "exports.contents.item": {"en": "Item", "lt": "Punktas", "lv": "Vienums"},
    "exports.contents.value": {"en": "Contents", "lt": "Turinys", "lv": "Saturs"},
    "exports.contents.profile": {
        "en": "Every indicator: value, peer median, percentile, quartile band, change and direction of travel",
        "lt": "Visi rodikliai: reikšmė, mediana, procentilis, ketvirtis, pokytis ir kryptis",
        "lv": "Visi rādītāji: vērtība, mediāna, procentile, ceturtdaļa, izmaiņas un virziens",
    },
    "exports.contents.ranking": {
        "en": "{indicator}: every peer ranked (rank, percentile, z, MAD score, band, gaps, why a value is missing)",
        "lt": "{indicator}: visų lyginamų savivaldybių reitingas (vieta, procentilis, z, MAD įvertis, ketvirtis, "
              "skirtumai, kodėl trūksta reikšmės)",
        "lv": "{indicator}: visu salīdzināmo pašvaldību reitings (vieta, procentile, z, MAD vērtība, ceturtdaļa, "
              "atšķirības, kāpēc trūkst vērtības)",
    },
    "exports.contents.trend": {
        "en": "{indicator}: the municipality against the peer median and p25–p75 over every period",
        "lt": "{indicator}: savivaldybė, palyginti su mediana ir p25–p75, per visus laikotarpius",
        "lv": "{indicator}: pašvaldība salīdzinājumā ar mediānu un p25–p75 visos periodos",
    },
})

# Column headers of the report's tables (PDF and workbook).
MESSAGES.update({
    "exports.col.code": {"en": "Indicator code", "lt": "Rodiklio kodas", "lv": "Rādītāja kods"},
    "exports.col.indicator": {"en": "Indicator", "lt": "Rodiklis", "lv": "Rādītājs"},
    "exports.col.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "exports.col.polarity": {"en": "Better direction", "lt": "Geresnė kryptis", "lv": "Labākais virziens"},
    "exports.col.value": {"en": "Value", "lt": "Reikšmė", "lv": "Vērtība"},
    "exports.col.peer_median": {"en": "Peer median", "lt": "Mediana", "lv": "Mediāna"},
    "exports.col.percentile": {"en": "Percentile", "lt": "Procentilis", "lv": "Procentile"},
    "exports.col.band": {"en": "Quarter", "lt": "Ketvirtis", "lv": "Ceturtdaļa"},
    "exports.col.rank": {"en": "Rank", "lt": "Vieta", "lv": "Vieta"},
    "exports.col.peer_n": {"en": "Peers with a value", "lt": "Su reikšme", "lv": "Ar vērtību"},
    "exports.col.peer_missing": {"en": "Peers without a value", "lt": "Be reikšmės", "lv": "Bez vērtības"},
    "exports.col.gap_to_median": {"en": "Gap to median (+ = better)", "lt": "Skirtumas nuo medianos (+ = geriau)",
                                  "lv": "Atšķirība no mediānas (+ = labāk)"},
    "exports.col.gap_to_best": {"en": "Gap to best (+ = better)", "lt": "Skirtumas nuo geriausios (+ = geriau)",
                                "lv": "Atšķirība no labākās (+ = labāk)"},
    "exports.col.previous_period": {"en": "Previous period", "lt": "Ankstesnis laikotarpis",
                                    "lv": "Iepriekšējais periods"},
    "exports.col.previous_value": {"en": "Previous value", "lt": "Ankstesnė reikšmė", "lv": "Iepriekšējā vērtība"},
    "exports.col.change": {"en": "Change", "lt": "Pokytis", "lv": "Izmaiņas"},
    "exports.col.direction": {"en": "Direction of travel", "lt": "Kryptis", "lv": "Virziens"},
    "exports.col.entity_code": {"en": "Municipality code", "lt": "Savivaldybės kodas", "lv": "Pašvaldības kods"},
    "exports.col.entity_name": {"en": "Municipality", "lt": "Savivaldybė", "lv": "Pašvaldība"},
    "exports.col.z": {"en": "z-score", "lt": "z įvertis", "lv": "z vērtība"},
    "exports.col.mad_score": {"en": "MAD score", "lt": "MAD įvertis", "lv": "MAD vērtība"},
    "exports.col.peer_mean": {"en": "Peer mean", "lt": "Vidurkis", "lv": "Vidējā vērtība"},
    "exports.col.peer_mad": {"en": "Peer MAD", "lt": "MAD", "lv": "MAD"},
    "exports.col.status": {"en": "Status", "lt": "Būsena", "lv": "Statuss"},
    "exports.col.period": {"en": "Period", "lt": "Laikotarpis", "lv": "Periods"},
    "exports.col.median": {"en": "Peer median", "lt": "Mediana", "lv": "Mediāna"},
    "exports.col.p25": {"en": "p25 (lower quartile)", "lt": "p25 (apatinis kvartilis)",
                        "lv": "p25 (apakšējā kvartile)"},
    "exports.col.p75": {"en": "p75 (upper quartile)", "lt": "p75 (viršutinis kvartilis)",
                        "lv": "p75 (augšējā kvartile)"},
    "exports.col.n": {"en": "Peers with a value", "lt": "Su reikšme", "lv": "Ar vērtību"},
})
