"""The map page."""

MESSAGES = {
    "map.nav": {"en": "Map", "lt": "Žemėlapis", "lv": "Karte"},
    "map.title": {"en": "Map", "lt": "Žemėlapis", "lv": "Karte"},
    "map.intro": {
        "en": "The indicator on a map of the peer set's municipalities. Click a municipality to select it.",
        "lt": "Rodiklis palyginimo grupės savivaldybių žemėlapyje. Spustelėkite savivaldybę, kad ją "
              "pasirinktumėte.",
        "lv": "Rādītājs salīdzināšanas kopas pašvaldību kartē. Noklikšķiniet uz pašvaldības, lai to "
              "izvēlētos.",
    },
    "map.colour_by": {"en": "Colour by", "lt": "Spalvinti pagal", "lv": "Krāsot pēc"},
    "map.colour.value": {"en": "Value", "lt": "Reikšmę", "lv": "Vērtības"},
    "map.colour.percentile": {"en": "Percentile", "lt": "Procentilį", "lv": "Procentiles"},
    "map.percentile_axis": {
        "en": "Percentile (100 = best)",
        "lt": "Procentilis (100 = geriausia)",
        "lv": "Procentile (100 = labākā)",
    },
    "map.percentile_axis_neutral": {
        "en": "Percentile (100 = highest value)",
        "lt": "Procentilis (100 = didžiausia reikšmė)",
        "lv": "Procentile (100 = lielākā vērtība)",
    },
    "map.no_geometry": {
        "en": "There are no boundaries for the municipalities of this comparison (the map covers Lithuania "
              "only), so it cannot be drawn on a map. Here is the ranking instead.",
        "lt": "Šio palyginimo savivaldybių ribų nėra (žemėlapis apima tik Lietuvą), todėl jo negalima "
              "parodyti žemėlapyje. Vietoj jo pateikiamas reitingas.",
        "lv": "Šī salīdzinājuma pašvaldībām nav robežu (karte aptver tikai Lietuvu), tāpēc to nevar attēlot "
              "kartē. Tā vietā parādīts reitings.",
    },
    "map.partial": {
        "en": "{n} members of the peer set have no boundaries and are not on the map; the ranking page "
              "shows them all.",
        "lt": "{n} grupės savivaldybės neturi ribų ir žemėlapyje nerodomos; reitingo puslapyje matomos "
              "visos.",
        "lv": "{n} kopas pašvaldībām nav robežu, un tās kartē nav parādītas; reitinga lapā redzamas visas.",
    },
    "map.not_on_map": {
        "en": "The chosen municipality has no boundary on this map.",
        "lt": "Pasirinktos savivaldybės ribų šiame žemėlapyje nėra.",
        "lv": "Izvēlētās pašvaldības robežas šajā kartē nav.",
    },
    "map.table": {"en": "Values of the peer set", "lt": "Grupės reikšmės", "lv": "Kopas vērtības"},
}
