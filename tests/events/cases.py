"""Sentences written for these tests, with the event each must yield.

Each case: (sentence, type, source country, target country or None, status, negated). Countries are
ISO 3166-1 alpha-3 (WST for "the West", IGO for international organisations).
"""

from __future__ import annotations

R, P, A, C, H, ONGOING = "reported", "planned", "attempted", "claimed", "hypothetical", "ongoing"


def country(side):
    """The country of an event's source or target (None when the side is missing)."""
    return side.country if side is not None else None


def describe(rec) -> str:
    """A record's events on one line, for assertion messages."""
    return "; ".join(f"{e.type} {country(e.source)}->{country(e.target)} {e.status}"
                     f"{' NOT' if e.negated else ''} [{e.rule}]" for e in rec.events) or "no events"


def assert_event(rec, type_: str, source: str | None, target: str | None, status: str) -> None:
    """The record has an event of this type and dyad, and the first such event has this status."""
    hits = [e for e in rec.events if e.type == type_ and country(e.source) == source and country(e.target) == target]
    assert hits, f"want {type_} {source}->{target}, got {describe(rec)}"
    assert hits[0].status == status, describe(rec)

CASES: list[tuple[str, str, str, str | None, str, bool]] = [
    # ---- CONSULT: visits, meetings, talks, hosting, phone calls, negotiation, mediation
    ("Japan's prime minister visited India last week.", "CONSULT", "JPN", "IND", R, False),
    ("The French president will visit Egypt next month.", "CONSULT", "FRA", "EGY", P, False),
    ("Germany's chancellor travelled to Brazil on Tuesday.", "CONSULT", "DEU", "BRA", R, False),
    ("Turkey's foreign minister flew to Qatar for talks.", "CONSULT", "TUR", "QAT", R, False),
    ("Kenya hosted Ethiopia's prime minister in Nairobi.", "CONSULT", "KEN", "ETH", R, False),
    ("Mexico held talks with Canada on trade.", "CONSULT", "MEX", "CAN", R, False),
    ("Poland will hold talks with Lithuania on Friday.", "CONSULT", "POL", "LTU", P, False),
    ("Spain met Portugal's delegation in Madrid.", "CONSULT", "ESP", "PRT", R, False),
    ("Vietnam is due to meet the Philippines at the summit.", "CONSULT", "VNM", "PHL", P, False),
    ("Greece plans to visit Cyprus in the spring.", "CONSULT", "GRC", "CYP", P, False),
    ("The visit by Italy to Tunisia was brief.", "CONSULT", "ITA", "TUN", R, False),
    ("Norway's visit to Iceland ended on Sunday.", "CONSULT", "NOR", "ISL", R, False),
    ("Argentina negotiated with Chile over the border.", "CONSULT", "ARG", "CHL", R, False),
    ("Qatar mediated between Israel and Hamas.", "CONSULT", "QAT", "ISR", R, False),
    ("Talks between Iran and Iraq stalled in May.", "CONSULT", "IRN", "IRQ", R, False),
    ("Kenya and Uganda are in talks over the railway.", "CONSULT", "KEN", "UGA", R, False),
    ("Sweden did not meet Finland's envoy.", "CONSULT", "SWE", "FIN", R, True),
    ("India's foreign minister telephoned Bangladesh's foreign minister on Monday.", "CONSULT", "IND", "BGD", R, False),
    ("Egypt attempted to meet Sudan's generals.", "CONSULT", "EGY", "SDN", A, False),
    ("Thailand would visit Cambodia if invited.", "CONSULT", "THA", "KHM", H, False),
    ("Indonesia is visiting Malaysia this week.", "CONSULT", "IDN", "MYS", ONGOING, False),
    ("Peru's president arrived in Bolivia on Monday.", "CONSULT", "PER", "BOL", R, False),
    ("Austria and Hungary held a meeting with Slovakia.", "CONSULT", "AUT", "SVK", R, False),
    ("Nigeria visited Ghana and Senegal.", "CONSULT", "NGA", "SEN", R, False),
    # ---- AGREE
    ("Colombia signed an agreement with Ecuador on Tuesday.", "AGREE", "COL", "ECU", R, False),
    ("Morocco will sign a trade deal with Senegal.", "AGREE", "MAR", "SEN", P, False),
    ("Uruguay reached a deal with Paraguay.", "AGREE", "URY", "PRY", R, False),
    ("Jordan's agreement with Iraq covers oil.", "AGREE", "JOR", "IRQ", R, False),
    ("Armenia and Azerbaijan issued a joint statement.", "AGREE", "ARM", "AZE", R, False),
    ("Kazakhstan promised Uzbekistan more water.", "AGREE", "KAZ", "UZB", R, False),
    ("Serbia agreed with Hungary on the pipeline.", "AGREE", "SRB", "HUN", R, False),
    ("Ghana refused to sign a deal with Togo.", "REJECT", "GHA", "TGO", R, False),
    ("Estonia claims to have signed a treaty with Latvia.", "AGREE", "EST", "LVA", C, False),
    # ---- SUPPORT
    ("China has backed Pakistan in the dispute.", "SUPPORT", "CHN", "PAK", R, False),
    ("France praised Senegal for the peaceful vote.", "SUPPORT", "FRA", "SEN", R, False),
    ("Britain welcomed Ireland's decision.", "SUPPORT", "GBR", "IRL", R, False),
    ("Canada will support Ukraine.", "SUPPORT", "CAN", "UKR", P, False),
    ("Russia defended Syria at the United Nations.", "SUPPORT", "RUS", "SYR", R, False),
    ("Iran did not endorse Iraq's candidate.", "SUPPORT", "IRN", "IRQ", R, True),
    ("Cuba expressed solidarity with Venezuela.", "SUPPORT", "CUB", "VEN", R, False),
    ("Israel does not recognise Iran.", "SUPPORT", "ISR", "IRN", R, True),
    ("Brazil's support for Bolivia surprised many.", "SUPPORT", "BRA", "BOL", R, False),
    ("Italy congratulated Croatia on its election.", "SUPPORT", "ITA", "HRV", R, False),
    # ---- COOPERATE
    ("Australia cooperates with Indonesia on fisheries.", "COOPERATE", "AUS", "IDN", R, False),
    ("India will strengthen ties with Japan.", "COOPERATE", "IND", "JPN", P, False),
    ("Egypt has maintained close relations with Saudi Arabia.", "COOPERATE", "EGY", "SAU", R, False),
    ("Mongolia's ties with Russia are strong.", "COOPERATE", "MNG", "RUS", R, False),
    ("Norway shared intelligence with Denmark.", "COOPERATE", "NOR", "DNK", R, False),
    ("Chile restored relations with Bolivia.", "COOPERATE", "CHL", "BOL", R, False),
    ("Kenya held joint drills with Tanzania.", "COOPERATE", "KEN", "TZA", R, False),
    ("Singapore partnered with Malaysia on the railway.", "COOPERATE", "SGP", "MYS", R, False),
    ("Japan deepened cooperation with the Philippines.", "COOPERATE", "JPN", "PHL", R, False),
    # ---- AID
    ("Germany sent weapons to Ukraine in May.", "AID", "DEU", "UKR", R, False),
    ("Japan will provide aid to Nepal.", "AID", "JPN", "NPL", P, False),
    ("China will not provide arms to Russia.", "AID", "CHN", "RUS", P, True),
    ("Saudi Arabia gave a loan to Pakistan.", "AID", "SAU", "PAK", R, False),
    ("Sweden has supplied ammunition to Finland.", "AID", "SWE", "FIN", R, False),
    ("Norway has funded Somalia's army.", "AID", "NOR", "SOM", R, False),
    ("Turkey sent humanitarian aid to Syria.", "AID", "TUR", "SYR", R, False),
    ("Britain's aid to Kenya rose last year.", "AID", "GBR", "KEN", R, False),
    ("Spain granted asylum to Venezuela's opposition leader.", "AID", "ESP", "VEN", R, False),
    ("The United States has armed Taiwan.", "AID", "USA", "TWN", R, False),
    # ---- CONCEDE
    ("Iran released Britain's detained sailors.", "CONCEDE", "IRN", "GBR", R, False),
    ("Japan apologized to South Korea.", "CONCEDE", "JPN", "KOR", R, False),
    ("The United States lifted sanctions on Cuba.", "CONCEDE", "USA", "CUB", R, False),
    ("Russia will ease restrictions on Georgia.", "CONCEDE", "RUS", "GEO", P, False),
    ("Belarus freed Lithuania's citizens.", "CONCEDE", "BLR", "LTU", R, False),
    ("Serbia made concessions to Kosovo.", "CONCEDE", "SRB", "XKX", R, False),
    ("Iran met the demands of Iraq.", "CONCEDE", "IRN", "IRQ", R, False),
    ("Israel pardoned Jordan's prisoners.", "CONCEDE", "ISR", "JOR", R, False),
    ("Russia and Ukraine exchanged prisoners on Friday.", "CONCEDE", "RUS", "UKR", R, False),
    # ---- RETREAT
    ("Russia withdrew troops from Georgia.", "RETREAT", "RUS", "GEO", R, False),
    ("Ethiopia will pull its forces out of Somalia.", "RETREAT", "ETH", "SOM", P, False),
    ("Armenia's withdrawal from Azerbaijan took a week.", "RETREAT", "ARM", "AZE", R, False),
    ("Israel pulled out of Lebanon.", "RETREAT", "ISR", "LBN", R, False),
    ("India and Pakistan declared a ceasefire.", "RETREAT", "IND", "PAK", R, False),
    ("Uganda retreated from Rwanda.", "RETREAT", "UGA", "RWA", R, False),
    # ---- REQUEST
    ("France urged Iran to release the prisoners.", "REQUEST", "FRA", "IRN", R, False),
    ("Ukraine called on Germany to send tanks.", "REQUEST", "UKR", "DEU", R, False),
    ("Lebanon appealed to France for help.", "REQUEST", "LBN", "FRA", R, False),
    ("Poland asked Germany for reparations.", "REQUEST", "POL", "DEU", R, False),
    ("Somalia requested aid from Kenya.", "REQUEST", "SOM", "KEN", R, False),
    ("Egypt invited Israel to talks in Cairo.", "REQUEST", "EGY", "ISR", R, False),
    ("Sudan's appeal to Egypt went unanswered.", "REQUEST", "SDN", "EGY", R, False),
    ("Niger demanded the withdrawal of French troops.", "REQUEST", "NER", "FRA", R, False),
    ("Canada pressed China to free its citizens.", "REQUEST", "CAN", "CHN", R, False),
    ("Moldova will ask Romania for gas.", "REQUEST", "MDA", "ROU", P, False),
    # ---- ACCUSE
    ("China has accused the United States of meddling.", "ACCUSE", "CHN", "USA", R, False),
    ("Germany condemned Russia on Monday.", "ACCUSE", "DEU", "RUS", R, False),
    ("India criticised Pakistan for the attack.", "ACCUSE", "IND", "PAK", R, False),
    ("Turkey blamed Greece for the incident.", "ACCUSE", "TUR", "GRC", R, False),
    ("Iran denounced Israel at the summit.", "ACCUSE", "IRN", "ISR", R, False),
    ("Japan's condemnation of North Korea was swift.", "ACCUSE", "JPN", "PRK", R, False),
    ("Lithuania summoned Belarus's ambassador.", "ACCUSE", "LTU", "BLR", R, False),
    ("Poland summoned Belarus's top diplomat in Warsaw.", "ACCUSE", "POL", "BLR", R, False),
    ("Ukraine sued Russia at the court.", "ACCUSE", "UKR", "RUS", R, False),
    ("China protested to Japan over the visit.", "ACCUSE", "CHN", "JPN", R, False),
    ("Britain did not criticise Saudi Arabia.", "ACCUSE", "GBR", "SAU", R, True),
    ("Venezuela was criticised by Colombia.", "ACCUSE", "COL", "VEN", R, False),
    ("Algeria claims to have condemned Morocco.", "ACCUSE", "DZA", "MAR", C, False),
    ("Iraq investigated Turkey's strikes.", "ACCUSE", "IRQ", "TUR", R, False),
    # ---- REJECT
    ("Israel rejected Egypt's proposal.", "REJECT", "ISR", "EGY", R, False),
    ("Hungary opposed Ukraine's membership bid.", "REJECT", "HUN", "UKR", R, False),
    ("Venezuela dismissed Guyana's claims.", "REJECT", "VEN", "GUY", R, False),
    ("Russia vetoed Albania's resolution.", "REJECT", "RUS", "ALB", R, False),
    ("North Korea rebuffed South Korea.", "REJECT", "PRK", "KOR", R, False),
    ("Ethiopia refused to meet Egypt.", "REJECT", "ETH", "EGY", R, False),
    ("The PRC demanded that the United States cancel the sale.", "REQUEST", "CHN", "USA", R, False),
    ("Serbia defied the European Union.", "REJECT", "SRB", "IGO", R, False),
    # ---- THREATEN
    ("North Korea threatened Japan with missiles.", "THREATEN", "PRK", "JPN", R, False),
    ("Russia warned Finland against joining the alliance.", "THREATEN", "RUS", "FIN", R, False),
    ("China threatened to impose sanctions on Lithuania.", "THREATEN", "CHN", "LTU", R, False),
    ("Iran threatened to attack Israel.", "THREATEN", "IRN", "ISR", R, False),
    ("Turkey issued an ultimatum to Sweden.", "THREATEN", "TUR", "SWE", R, False),
    ("Azerbaijan's threat against Armenia alarmed observers.", "THREATEN", "AZE", "ARM", R, False),
    ("Pakistan will warn India.", "THREATEN", "PAK", "IND", P, False),
    ("Iran vowed to retaliate against Israel.", "THREATEN", "IRN", "ISR", R, False),
    # ---- PROTEST
    # a state's protest is an official complaint (CAMEO 114), not a demonstration
    ("Greece protested against Turkey's drilling.", "ACCUSE", "GRC", "TUR", R, False),
    ("Ukrainians demonstrated against Russia in Berlin.", "PROTEST", "UKR", "RUS", R, False),
    ("Serbians rallied in Belgrade.", "PROTEST", "SRB", None, R, False),  # "rally" has other senses: no implied target
    ("Georgians staged protests against Russia.", "PROTEST", "GEO", "RUS", R, False),
    ("Iranians held a rally outside Britain's embassy.", "PROTEST", "IRN", "GBR", R, False),
    # ---- SANCTION
    ("The United States imposed sanctions on Iran.", "SANCTION", "USA", "IRN", R, False),
    ("Canada sanctioned Russia's oligarchs.", "SANCTION", "CAN", "RUS", R, False),
    ("Bahrain cut ties with Qatar.", "SANCTION", "BHR", "QAT", R, False),
    ("Poland expelled Russia's diplomats.", "SANCTION", "POL", "RUS", R, False),
    ("Japan's sanctions on North Korea remain.", "SANCTION", "JPN", "PRK", R, False),
    ("The West attempts to isolate Russia.", "SANCTION", "WST", "RUS", A, False),
    ("Britain will impose an embargo on Syria.", "SANCTION", "GBR", "SYR", P, False),
    ("Morocco severed relations with Iran.", "SANCTION", "MAR", "IRN", R, False),
    ("China boycotted Japan's products.", "SANCTION", "CHN", "JPN", R, False),
    ("Germany suspended aid to Mali.", "SANCTION", "DEU", "MLI", R, False),
    # ---- MOBILIZE
    ("Russia deployed troops to Belarus.", "MOBILIZE", "RUS", "BLR", R, False),
    ("China will send warships to Cambodia.", "MOBILIZE", "CHN", "KHM", P, False),
    ("India massed troops near Pakistan.", "MOBILIZE", "IND", "PAK", R, False),
    ("Armenia mobilized troops.", "MOBILIZE", "ARM", None, R, False),
    ("Japan scrambled jets toward China.", "MOBILIZE", "JPN", "CHN", R, False),
    ("Russia's deployment to Syria grew.", "MOBILIZE", "RUS", "SYR", R, False),
    ("Russia reinforced its positions near Ukraine.", "MOBILIZE", "RUS", "UKR", R, False),
    # ---- COERCE
    ("Iran arrested Britain's ambassador.", "COERCE", "IRN", "GBR", R, False),
    ("Russia detained Ukraine's sailors.", "COERCE", "RUS", "UKR", R, False),
    ("Egypt seized Sudan's ships.", "COERCE", "EGY", "SDN", R, False),
    ("China cracked down on Taiwan's supporters.", "COERCE", "CHN", "TWN", R, False),
    ("Turkey deported Syria's refugees.", "COERCE", "TUR", "SYR", R, False),
    ("Russia hacked Estonia.", "COERCE", "RUS", "EST", R, False),
    ("Belarus pressured Lithuania.", "COERCE", "BLR", "LTU", R, False),
    # ---- ASSAULT
    ("Russia invaded Ukraine in February.", "ASSAULT", "RUS", "UKR", R, False),
    ("Moscow's invasion of Georgia began in August.", "ASSAULT", "RUS", "GEO", R, False),
    ("Israel attacked Syria overnight.", "ASSAULT", "ISR", "SYR", R, False),
    ("Azerbaijan launched an offensive against Armenia.", "ASSAULT", "AZE", "ARM", R, False),
    ("Ukraine was attacked by Russia.", "ASSAULT", "RUS", "UKR", R, False),
    ("Turkey bombed Iraq's border villages.", "ASSAULT", "TUR", "IRQ", R, False),
    ("Saudi Arabia's strikes on Yemen continued.", "ASSAULT", "SAU", "YEM", R, False),
    ("Eritrea occupied Ethiopia's border town.", "ASSAULT", "ERI", "ETH", R, False),
    ("Russia annexed part of Ukraine.", "ASSAULT", "RUS", "UKR", R, False),
    ("Armenia clashed with Azerbaijan.", "ASSAULT", "ARM", "AZE", R, False),
    ("Azerbaijan captured the town of Lachin from Armenia.", "ASSAULT", "AZE", "ARM", R, False),
    ("Iran could attack Iraq.", "ASSAULT", "IRN", "IRQ", H, False),
    ("Cyprus said Turkey must withdraw its troops from Syria.", "RETREAT", "TUR", "SYR", H, False),
    ("Russia allegedly attacked Georgia.", "ASSAULT", "RUS", "GEO", C, False),
    # ---- relative and participial clauses, control and raising, adverbs
    ("Russia, which invaded Ukraine in 2022, was condemned by France.", "ASSAULT", "RUS", "UKR", R, False),
    ("Russia, which invaded Ukraine in 2022, was condemned by France.", "ACCUSE", "FRA", "RUS", R, False),
    ("Turkey closed the border, accusing Syria of aggression.", "ACCUSE", "TUR", "SYR", R, False),
    ("Indian Foreign Minister Subrahmanyam Jaishankar is due to speak at the forum.", "CONSULT", "IND", None, P, False),
    ("The West will continue to isolate Russia.", "SANCTION", "WST", "RUS", P, False),
    ("China is going to visit Nepal.", "CONSULT", "CHN", "NPL", P, False),
    ("Iran never met Iraq's envoys.", "CONSULT", "IRN", "IRQ", R, True),
    ("Japan is expected to sign a deal with Vietnam.", "AGREE", "JPN", "VNM", P, False),
    ("Israel's efforts to isolate Iran failed.", "SANCTION", "ISR", "IRN", A, False),
    ("Russia would not invade Moldova.", "ASSAULT", "RUS", "MDA", H, True),
    ("If Turkey attacks Syria, Russia will respond.", "ASSAULT", "TUR", "SYR", H, False),
    ("Iran's planned visit to Iraq was postponed.", "CONSULT", "IRN", "IRQ", P, False),
    ("There will be no talks between Israel and Syria.", "CONSULT", "ISR", "SYR", P, True),
]

#: conjunctions: one event per target, and joint sources
CONJOINED: list[tuple[str, str, str, set[str]]] = [
    ("Li Shangfu is visiting Russia and Belarus.", "CONSULT", "CHN", {"RUS", "BLR"}),
    ("Germany condemned Russia and Belarus.", "ACCUSE", "DEU", {"RUS", "BLR"}),
    ("The United States imposed sanctions on Iran and Syria.", "SANCTION", "USA", {"IRN", "SYR"}),
    ("Japan sent aid to Nepal and Bhutan.", "AID", "JPN", {"NPL", "BTN"}),
]

#: a subject carried across conjoined verbs: (sentence, [(type, source, target), ...])
CARRIED: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("China claims to be neutral, but has accused the United States and has maintained ties with Russia.",
     [("ACCUSE", "CHN", "USA"), ("COOPERATE", "CHN", "RUS")]),
    ("France visited Mali and met Niger's president.", [("CONSULT", "FRA", "MLI"), ("CONSULT", "FRA", "NER")]),
    ("India condemned Pakistan and praised Afghanistan.", [("ACCUSE", "IND", "PAK"), ("SUPPORT", "IND", "AFG")]),
]

#: sentences with no event between actors
NO_EVENT: list[str] = [
    "The weather in Norway was cold on Tuesday.",
    "Germany backed the plan.",
    "France's economy grew by two percent.",
    "Japan will meet its climate targets.",
    "The report on Brazil was published in May.",
    "Russia demonstrated its new clout.",
    "Kenya hosted ceasefire talks on Thursday.",
    "John Smith, a student from Leeds, travelled to Syria last year.",
]
