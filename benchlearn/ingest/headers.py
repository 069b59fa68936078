"""Header aliases in English, Lithuanian and Latvian, and mapping a header row onto canonical columns.

Columns are mapped by name, never by position. Each canonical column has aliases in ranks: when two cells map
to one column, the lower rank wins and the other is ignored with a note (a file with both `entity_code` and
`entity_name` uses the codes); two cells of the same rank are a duplicated column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchlearn.ingest.labels import label_key
from benchlearn.model import Kind

# canonical column → aliases by rank (0 = codes, 1 = generic, 2 = names); compared after label_key()
_ENTITY_REF = (
    ["entity_code", "municipality_code", "code", "kodas", "kods", "savivaldybes_kodas", "pasvaldibas_kods",
     "kommunkod", "iso_3166_2", "entity_id"],
    ["entity", "municipality", "savivaldybe", "pasvaldiba", "novads", "kommun", "member"],
    ["entity_name", "municipality_name", "savivaldybes_pavadinimas", "pasvaldibas_nosaukums", "kommunnamn"],
)
_ALIASES: dict[Kind, dict[str, tuple[list[str], ...]]] = {
    Kind.VALUES: {
        "entity_code": _ENTITY_REF[:2] + (_ENTITY_REF[2] + ["name", "pavadinimas", "nosaukums"],),
        "indicator_code": (
            ["indicator_code", "indicator_id", "rodiklio_kodas", "raditaja_kods"],
            ["indicator", "rodiklis", "raditajs", "variable", "measure", "nyckeltal"],
            ["indicator_name", "rodiklio_pavadinimas", "raditaja_nosaukums"],
        ),
        "period": (["period", "periodas", "laikotarpis", "periods", "year", "metai", "gads", "time", "ar"],),
        "value": (["value", "values", "reiksme", "vertiba", "obs_value", "varde"],),
        "status": (["status", "statusas", "busena", "statuss", "flag"],),
    },
    Kind.INDICATORS: {
        "code": (["code", "indicator_code", "kodas", "kods", "rodiklio_kodas", "raditaja_kods", "id"],),
        "name": (["name", "name_en", "indicator_name", "pavadinimas", "nosaukums", "title"],),
        "unit": (["unit", "units", "matavimo_vienetas", "vienetas", "mervieniba", "vieniba", "enhet"],),
        "polarity": (["polarity", "direction", "kryptis", "virziens"],),
        "name_lt": (["name_lt", "pavadinimas_lt"],),
        "name_lv": (["name_lv", "nosaukums_lv"],),
        "unit_lt": (["unit_lt", "vienetas_lt"],),
        "unit_lv": (["unit_lv", "mervieniba_lv"],),
        "domain": (["domain", "theme", "sritis", "tema", "joma"],),
        "description": (["description", "definition", "aprasymas", "apibrezimas", "apraksts", "definicija"],),
        "source": (["source", "saltinis", "avots", "kalla"],),
        "min": (["min", "min_value", "minimum"],),
        "max": (["max", "max_value", "maximum"],),
        "decimals": (["decimals", "decimal_places"],),
        "numerator": (["numerator", "numerator_code", "skaitiklis", "skaititajs"],),
        "denominator": (["denominator", "denominator_code", "vardiklis", "saucejs"],),
        "multiplier": (["multiplier", "daugiklis", "reizinatajs"],),
        "min_denominator": (["min_denominator", "minimum_denominator", "min_vardiklis", "min_saucejs"],),
        "size_indicator": (["size_indicator", "denominator_indicator", "dydzio_rodiklis", "apjoma_raditajs"],),
        # the period a changed definition, unit or formula applies from (issue 16.4)
        "valid_from": (["valid_from", "version_from", "galioja_nuo", "ir_speka_no", "piemero_no"],),
    },
    Kind.ENTITIES: {
        "code": (["code", "entity_code", "kodas", "kods", "municipality_code", "iso_3166_2", "id"],),
        "name": (["name", "entity_name", "pavadinimas", "nosaukums", "municipality", "savivaldybe",
                  "pasvaldiba", "kommun"],),
        "aliases": (["aliases", "alias", "other_names", "kiti_pavadinimai", "citi_nosaukumi"],),
        "kind": (["kind", "type", "tipas", "tips", "veids"],),
        "parent_code": (["parent_code", "parent"],),
        "country": (["country", "salis", "valsts", "land"],),
        "valid_from": (["valid_from", "from", "galioja_nuo", "derigs_no"],),
        "valid_to": (["valid_to", "to", "galioja_iki", "derigs_lidz"],),
        "successor_code": (["successor_code", "successor", "merged_into"],),
    },
    Kind.MEMBERS: {
        "group": (["group", "group_code", "network", "network_code", "peer_group", "tinklas", "tikls",
                   "grupe", "grupa"],),
        "entity_code": _ENTITY_REF,
        "group_kind": (["group_kind", "kind", "type"],),
        "group_name": (["group_name", "network_name", "grupes_pavadinimas", "grupas_nosaukums"],),
        "group_name_lt": (["group_name_lt", "network_name_lt"],),
        "group_name_lv": (["group_name_lv", "network_name_lv"],),
    },
    Kind.PRACTICES: {  # good practices (benchlearn/ingest/practices.py)
        "id": (["id", "practice_id", "praktikos_id", "prakses_id"],),
        "entity_code": _ENTITY_REF,
        "title": (["title", "practice_title", "pavadinimas", "nosaukums", "antraste", "virsraksts"],),
        "body": (["body", "description", "aprasymas", "apraksts", "text"],),
        "indicator_codes": (["indicator_codes", "indicators", "indicator", "indicator_code", "rodikliai",
                             "rodiklis", "raditaji", "raditajs"],),
        "network_code": (["network_code", "network", "tinklas", "tikls"],),
        "contact": (["contact", "kontaktai", "kontaktas", "kontakti", "kontakts"],),
        "links": (["links", "link", "url", "nuorodos", "nuoroda", "saites", "saite"],),
        "attachments": (["attachments", "attachment", "files", "prisegtukai", "pielikumi"],),
        "started_period": (["started_period", "started", "start", "period", "pradzia", "sakums", "metai",
                            "gads", "year"],),
        "language": (["language", "lang", "kalba", "valoda"],),
    },
}
#: aliases as users write them, for messages (the tables above are folded)
EXAMPLES = {
    "entity_code": "municipality, savivaldybė or pašvaldība",
    "indicator_code": "indicator, rodiklis or rādītājs",
    "period": "year, metai or gads", "value": "reikšmė or vērtība", "code": "kodas or kods",
    "name": "pavadinimas or nosaukums", "unit": "vienetas or mērvienība", "polarity": "direction",
    "group": "network, tinklas or tīkls", "title": "pavadinimas or nosaukums",
}
#: columns a wide values file may carry beside the indicators; ignored with a note
IGNORABLE = frozenset(label_key(w) for w in (
    "source", "unit", "note", "notes", "comment", "comments", "pastaba", "pastabos", "piezime", "piezimes",
    "saltinis", "avots", "kalla", "county", "apskritis", "region", "country", "salis", "valsts",
))

_LOOKUP: dict[Kind, dict[str, tuple[str, int]]] = {
    kind: {label_key(alias): (column, rank) for column, ranks in table.items()
           for rank, aliases in enumerate(ranks) for alias in aliases}
    for kind, table in _ALIASES.items()
}


@dataclass
class ColumnMap:
    """Where each canonical column sits in the header, and what else the header holds."""

    columns: dict[str, int] = field(default_factory=dict)
    ignored: list[int] = field(default_factory=list)  # outranked aliases and ignorable columns
    others: list[int] = field(default_factory=list)  # not recognised (wide: indicator columns)
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)  # (position, first position, column)


def canonical(kind: Kind, cell: str) -> tuple[str, int] | None:
    """The canonical column a header cell means for this kind of file, with its alias rank."""
    return _LOOKUP[kind].get(label_key(cell))


def aliases_of(kind: Kind, column: str) -> list[str]:
    """A few aliases of a column, for messages."""
    return [a for ranks in _ALIASES[kind][column] for a in ranks][:6]


def score(kind: Kind, cells: list[str]) -> tuple[int, int]:
    """How header-like a row is: (cells that are known column names, non-empty cells)."""
    known = sum(1 for c in cells if c.strip() and canonical(kind, c) is not None)
    return known, sum(1 for c in cells if c.strip())


def map_columns(kind: Kind, header: list[str]) -> ColumnMap:
    """Map header cells to canonical columns by name (lower alias rank wins; equal rank is a duplicate)."""
    out = ColumnMap()
    ranks: dict[str, int] = {}
    for pos, cell in enumerate(header):
        hit = canonical(kind, cell) if cell.strip() else None
        if hit is None:
            (out.ignored if not cell.strip() or label_key(cell) in IGNORABLE else out.others).append(pos)
            continue
        column, rank = hit
        if column not in out.columns:
            out.columns[column], ranks[column] = pos, rank
        elif rank < ranks[column]:
            out.ignored.append(out.columns[column])
            out.columns[column], ranks[column] = pos, rank
        elif rank > ranks[column]:
            out.ignored.append(pos)
        else:
            out.duplicates.append((pos, out.columns[column], column))
    out.ignored.sort()
    return out


def layout(kind: Kind, mapping: ColumnMap) -> str:
    """'long', or 'wide' for a values file with neither an indicator nor a value column."""
    if kind is Kind.VALUES and "indicator_code" not in mapping.columns and "value" not in mapping.columns:
        return "wide"
    return "long"
