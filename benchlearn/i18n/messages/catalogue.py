"""The indicator catalogue."""

MESSAGES = {
    "catalogue.nav": {"en": "Indicator catalogue", "lt": "Rodiklių katalogas", "lv": "Rādītāju katalogs"},
    "catalogue.title": {"en": "Indicator catalogue", "lt": "Rodiklių katalogas", "lv": "Rādītāju katalogs"},
    "catalogue.intro": {
        "en": "Every indicator the store holds: what it measures, its unit, which direction is better, "
              "where it comes from, how a derived one is computed, and how much data there is.",
        "lt": "Visi duomenų bazės rodikliai: ką jie matuoja, jų vienetai, kuri kryptis geresnė, iš kur "
              "duomenys, kaip apskaičiuojami išvestiniai rodikliai ir kiek yra duomenų.",
        "lv": "Visi datu bāzes rādītāji: ko tie mēra, to mērvienības, kurš virziens ir labāks, no kurienes "
              "dati, kā aprēķina atvasinātos rādītājus un cik daudz ir datu.",
    },
    "catalogue.filter.domain": {"en": "Domain", "lt": "Sritis", "lv": "Joma"},
    "catalogue.filter.network": {"en": "Network", "lt": "Tinklas", "lv": "Tīkls"},
    "catalogue.filter.text": {
        "en": "Search name, code or definition",
        "lt": "Ieškoti pavadinimo, kodo ar apibrėžimo",
        "lv": "Meklēt nosaukumu, kodu vai definīciju",
    },
    "catalogue.all": {"en": "All", "lt": "Visi", "lv": "Visi"},
    "catalogue.shown": {
        "en": "{n} of {total} indicators",
        "lt": "Rodiklių: {n} iš {total}",
        "lv": "Rādītāji: {n} no {total}",
    },
    "catalogue.empty": {
        "en": "The store holds no indicators yet. Load the demo data or upload an indicators file.",
        "lt": "Duomenų bazėje dar nėra rodiklių. Įkelkite demonstracinius duomenis arba rodiklių failą.",
        "lv": "Datu bāzē vēl nav rādītāju. Ielādējiet demonstrācijas datus vai rādītāju failu.",
    },
    "catalogue.no_match": {
        "en": "No indicator matches these filters.",
        "lt": "Šiuos filtrus atitinkančių rodiklių nėra.",
        "lv": "Neviens rādītājs neatbilst šiem filtriem.",
    },
    "catalogue.formula": {
        "en": "{numerator} / {denominator} × {multiplier}",
        "lt": "{numerator} / {denominator} × {multiplier}",
        "lv": "{numerator} / {denominator} × {multiplier}",
    },
    "catalogue.col.name": {"en": "Name", "lt": "Pavadinimas", "lv": "Nosaukums"},
    "catalogue.col.code": {"en": "Code", "lt": "Kodas", "lv": "Kods"},
    "catalogue.col.description": {"en": "Definition", "lt": "Apibrėžimas", "lv": "Definīcija"},
    "catalogue.col.unit": {"en": "Unit", "lt": "Matavimo vienetas", "lv": "Mērvienība"},
    "catalogue.col.direction": {
        "en": "Which direction is better",
        "lt": "Kuri kryptis geresnė",
        "lv": "Kurš virziens ir labāks",
    },
    "catalogue.col.domain": {"en": "Domain", "lt": "Sritis", "lv": "Joma"},
    "catalogue.col.source": {"en": "Source", "lt": "Šaltinis", "lv": "Avots"},
    "catalogue.col.formula": {"en": "Computed as", "lt": "Apskaičiavimas", "lv": "Aprēķins"},
    "catalogue.col.periods": {
        "en": "Periods with data",
        "lt": "Laikotarpiai su duomenimis",
        "lv": "Periodi ar datiem",
    },
    "catalogue.col.span": {"en": "From – to", "lt": "Nuo – iki", "lv": "No – līdz"},
    "catalogue.col.entities": {
        "en": "Areas with data",
        "lt": "Teritorijos su duomenimis",
        "lv": "Teritorijas ar datiem",
    },
    "catalogue.col.networks": {"en": "Networks", "lt": "Tinklai", "lv": "Tīkli"},
}
