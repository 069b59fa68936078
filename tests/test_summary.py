"""Plain-language summaries (issue 16.5): the exact sentences for 1, 2, 5 and 21 peers in each language, the
bands of the MAD score, and a whole profile — plural forms and cases through the catalogues."""

from __future__ import annotations

import pandas as pd
import pytest

from benchlearn.compare.summary import indicator_sentences, position, profile_sentences

ROW = dict(entity="Alytus", indicator="Infant deaths per 1 000 live births", period="2017", unit="‰",
           polarity="lower_better", value=2.0, status="final", median=3.0, mad_score=-1.0, gap_to_median=1.0,
           previous_period="2016", previous_value=4.0, direction="improving")
EN_TREND = "Since 2016 the value has improved (it was 4.0 ‰)."
EN_POSITION = "The value, 2.0 ‰, is slightly better than the peer median of 3.0 ‰ (a difference of 1.0 ‰)."
LT_TREND = "Palyginti su 2016, reikšmė pagerėjo (buvo 4,0 ‰)."
LT_POSITION = "Reikšmė – 2,0 ‰ – šiek tiek geresnė už grupės medianą (3,0 ‰; skirtumas 1,0 ‰)."
LV_TREND = "Salīdzinājumā ar 2016 vērtība ir uzlabojusies (bija 4,0 ‰)."
LV_POSITION = "Vērtība – 2,0 ‰ – ir nedaudz labāka par grupas mediānu (3,0 ‰; starpība 1,0 ‰)."
LT_IND = "pagal rodiklį „Infant deaths per 1 000 live births“ (2017)."
LV_IND = "pēc rādītāja “Infant deaths per 1 000 live births” (2017)."
EXPECTED = {
    ("en", 1): ["Alytus is the only member of the peer set with a value for Infant deaths per 1 000 live births "
                "in 2017: 2.0 ‰.", EN_TREND],
    ("en", 2): ["Alytus ranks 2 of 2 peers on Infant deaths per 1 000 live births in 2017.", EN_POSITION, EN_TREND,
                "The value is preliminary and may still be revised.",
                "Only 2 peers have a value, fewer than 5: no percentile or quarter is given."],
    ("en", 5): ["Alytus ranks 3 of 5 peers on Infant deaths per 1 000 live births in 2017.", EN_POSITION, EN_TREND],
    ("en", 21): ["Alytus shares rank 3 of 21 peers with others on Infant deaths per 1 000 live births in 2017.",
                 EN_POSITION, EN_TREND],
    ("lt", 1): ["Alytus – vienintelė palyginimo grupės narė, turinti rodiklio „Infant deaths per 1 000 live "
                "births“ reikšmę (2017): 2,0 ‰.", LT_TREND],
    ("lt", 2): [f"Alytus užima 2 vietą iš 2 savivaldybių {LT_IND}", LT_POSITION, LT_TREND,
                "Reikšmė preliminari ir dar gali būti patikslinta.",
                "Reikšmę turi tik 2 savivaldybės, mažiau nei 5, todėl procentilis ir ketvirtis nenurodomi."],
    ("lt", 5): [f"Alytus užima 3 vietą iš 5 savivaldybių {LT_IND}", LT_POSITION, LT_TREND],
    ("lt", 21): [f"Alytus kartu su kitomis dalijasi 3 vietą iš 21 savivaldybės {LT_IND}", LT_POSITION, LT_TREND],
    ("lv", 1): ["Alytus ir vienīgā salīdzināšanas grupas dalībniece ar rādītāja “Infant deaths per 1 000 live "
                "births” vērtību (2017): 2,0 ‰.", LV_TREND],
    ("lv", 2): [f"Alytus ieņem 2. vietu no 2 pašvaldībām {LV_IND}", LV_POSITION, LV_TREND,
                "Vērtība ir provizoriska un vēl var tikt precizēta.",
                "Vērtība ir tikai 2 pašvaldībām, mazāk nekā 5, tāpēc procentile un ceturtdaļa netiek norādīta."],
    ("lv", 5): [f"Alytus ieņem 3. vietu no 5 pašvaldībām {LV_IND}", LV_POSITION, LV_TREND],
    ("lv", 21): [f"Alytus kopā ar citām dala 3. vietu no 21 pašvaldības {LV_IND}", LV_POSITION, LV_TREND],
}


@pytest.mark.parametrize(("lang", "n"), list(EXPECTED))
def test_sentences_for_one_two_five_and_twenty_one_peers(lang: str, n: int) -> None:
    # two peers: a preliminary value; 21: a shared rank
    row = dict(ROW, n=n, rank=min(3, n), status="preliminary" if n == 2 else "final", tied=n == 21)
    assert indicator_sentences(row, lang) == EXPECTED[lang, n]


@pytest.mark.parametrize(("score", "gap", "polarity", "want"), [
    (0.5, 1.0, "higher_better", "about_same"), (-0.4, -1.0, "lower_better", "about_same"),
    (0.51, 1.0, "higher_better", "slightly_better"), (1.5, -1.0, "higher_better", "slightly_worse"),
    (1.6, 1.0, "lower_better", "better"), (3.0, -2.0, "higher_better", "worse"),
    (3.01, 2.0, "higher_better", "much_better"), (-7.0, -2.0, "higher_better", "much_worse"),
    (2.0, 1.0, "neutral", "higher"), (0.7, -1.0, "neutral", "slightly_lower"),
    (None, 0.0, "higher_better", "about_same"), (None, -0.5, "higher_better", "worse"), (1.0, None, "neutral", None),
])
def test_bands_of_the_mad_score(score: float | None, gap: float | None, polarity: str, want: str | None) -> None:
    assert position(score, gap, polarity) == want


def test_a_small_denominator_and_a_missing_value_say_why() -> None:
    small = dict(ROW, n=5, rank=None, small=True, size=100.0, min_denominator=500.0, value=0.0, direction=None)
    assert indicator_sentences(small, "en") == [
        "Alytus has 0.0 ‰ for Infant deaths per 1 000 live births in 2017, but this value is not ranked.",
        "Its denominator (100) is below the minimum set for this indicator (500), so the value is too uncertain "
        "to compare."]
    assert indicator_sentences(dict(ROW, value=None, status="not_applicable", n=5), "lt") == [
        "Rodiklis „Infant deaths per 1 000 live births“ (2017) netaikomas: Alytus neįtraukiama į jokią vietą ar "
        "medianą."]


PROFILE = pd.DataFrame({
    "indicator_code": list("abcde"), "polarity": ["higher_better"] * 4 + ["neutral"],
    "value": [5.0, 1.0, 3.0, 2.0, 7.0], "peer_median": [4.0, 2.0, 3.0, 2.0, 7.0],
    "mad_score": [2.0, -4.0, 0.0, float("nan"), 0.0], "gap_to_median": [1.0, -1.0, 0.0, 0.0, 0.0],
    "rank": [1, 9, 4, pd.NA, 1], "small": [False, False, False, True, False],
    "direction": ["improving", "improving", "worsening", None, "up"],
    "status": ["final", "estimated", "final", "final", "final"],
})


@pytest.mark.parametrize(("lang", "want"), [
    ("en", "Alytus in 2017: 4 indicators with a better direction are compared with the peers. Better than the peer "
           "median: 1 indicator. About the same as the peer median: 1 indicator. Worse than the peer median: 1 "
           "indicator. Shown but not ranked (small denominator or fewer than 5 peers with a value): 1 indicator. "
           "Improved since the previous period: 2 indicators. Worsened since the previous period: 1 indicator. "
           "Preliminary or estimated, so may still change: 1 value."),
    ("lt", "Alytus, 2017: su palyginimo grupe palyginti 4 kryptį turintys rodikliai. Geriau už grupės medianą: 1 "
           "rodiklis. Maždaug kaip grupės mediana: 1 rodiklis. Blogiau už grupės medianą: 1 rodiklis. Rodomas, bet "
           "nereitinguojamas (mažas vardiklis arba reikšmę turi mažiau nei 5 savivaldybės): 1 rodiklis. Pagerėjo "
           "nuo ankstesnio laikotarpio: 2 rodikliai. Pablogėjo nuo ankstesnio laikotarpio: 1 rodiklis. Preliminari "
           "arba įvertinta, todėl dar gali keistis: 1 reikšmė."),
    ("lv", "Alytus, 2017: ar salīdzināšanas grupu salīdzināti 4 rādītāji ar noteiktu virzienu. Labāk par grupas "
           "mediānu: 1 rādītājs. Aptuveni kā grupas mediāna: 1 rādītājs. Sliktāk par grupas mediānu: 1 rādītājs. "
           "Parādīts, bet netiek ranžēts (mazs saucējs vai vērtība ir mazāk nekā 5 pašvaldībām): 1 rādītājs. "
           "Uzlabojušies kopš iepriekšējā perioda: 2 rādītāji. Pasliktinājies kopš iepriekšējā perioda: 1 rādītājs. "
           "Provizoriska vai novērtēta, tāpēc vēl var mainīties: 1 vērtība."),
])
def test_a_whole_profile_in_plain_words(lang: str, want: str) -> None:
    assert " ".join(profile_sentences(PROFILE, "Alytus", "2017", lang)) == want
