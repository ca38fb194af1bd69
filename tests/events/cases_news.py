"""More news-style sentences written for these tests: each PLOVER type in the ways news reports it
(headline present tense, passive, nominal, "X said it would ...", "X's decision to ...").

Each case: (sentence, type, source country, target country or None, status, negated), as in cases.py.
"""

from __future__ import annotations

R, P, A, C, H, ONGOING = "reported", "planned", "attempted", "claimed", "hypothetical", "ongoing"

CASES: list[tuple[str, str, str, str | None, str, bool]] = [
    # ---- AID
    ("Japan sent humanitarian aid to Turkey after the earthquake.", "AID", "JPN", "TUR", R, False),
    ("Germany pledged 500 million euros in aid to Moldova.", "AID", "DEU", "MDA", R, False),
    ("Norway donated medical supplies to Sudan.", "AID", "NOR", "SDN", R, False),
    ("Canada delivers food aid to Haiti.", "AID", "CAN", "HTI", R, False),
    ("Emergency aid was sent to Nepal by India.", "AID", "IND", "NPL", R, False),
    ("Britain said it would provide Kenya with drought relief.", "AID", "GBR", "KEN", P, False),
    ("Saudi Arabia granted Pakistan a loan of two billion dollars.", "AID", "SAU", "PAK", R, False),
    ("Sweden's aid to Somalia rose last year.", "AID", "SWE", "SOM", R, False),
    ("France will not send weapons to Libya.", "AID", "FRA", "LBY", P, True),
    ("The United States announced a new military aid package for Taiwan.", "AID", "USA", "TWN", R, False),
    ("Qatar shipped fuel to Lebanon on Monday.", "AID", "QAT", "LBN", R, False),
    ("Australia is providing training to Fiji's police.", "AID", "AUS", "FJI", ONGOING, False),
    ("China offered debt relief to Sri Lanka.", "AID", "CHN", "LKA", R, False),
    # ---- CONCEDE
    ("Iran released two Australian citizens.", "CONCEDE", "IRN", "AUS", R, False),
    ("Venezuela freed six Americans on Saturday.", "CONCEDE", "VEN", "USA", R, False),
    ("The European Union eased sanctions on Belarus.", "CONCEDE", "IGO", "BLR", R, False),
    ("Washington lifts restrictions on Cuba.", "CONCEDE", "USA", "CUB", R, False),
    ("Turkey's decision to lift its sanctions on Sweden was welcomed.", "CONCEDE", "TUR", "SWE", P, False),
    ("China said it would ease curbs on Australian wine.", "CONCEDE", "CHN", "AUS", P, False),
    ("Sanctions on Venezuela were eased by the United States.", "CONCEDE", "USA", "VEN", R, False),
    ("Russia handed over two prisoners to Ukraine.", "CONCEDE", "RUS", "UKR", R, False),
    ("The release of the British journalist by Iran was welcomed.", "CONCEDE", "IRN", "GBR", R, False),
    ("Egypt reopened its border with Gaza.", "CONCEDE", "EGY", "PSE", R, False),
    ("India apologised to Nepal for the incident.", "CONCEDE", "IND", "NPL", R, False),
    ("Serbia gave in to Kosovo's demands.", "CONCEDE", "SRB", "XKX", R, False),
    # ---- MOBILIZE
    ("Russia deployed troops to its border with Ukraine.", "MOBILIZE", "RUS", None, R, False),
    ("China conducted military exercises near Taiwan.", "MOBILIZE", "CHN", "TWN", R, False),
    ("North Korea test-fired a ballistic missile on Sunday.", "MOBILIZE", "PRK", None, R, False),
    ("India massed troops along its border.", "MOBILIZE", "IND", None, R, False),
    ("Armenia put its army on high alert.", "MOBILIZE", "ARM", None, R, False),
    ("Thousands of soldiers were mobilised by Ethiopia.", "MOBILIZE", "ETH", None, R, False),
    ("Iran will hold naval drills in the Gulf.", "MOBILIZE", "IRN", None, P, False),
    ("Turkey sends warships to the eastern Mediterranean.", "MOBILIZE", "TUR", None, R, False),
    ("Japan scrambled fighter jets after Russian planes neared its airspace.", "MOBILIZE", "JPN", None, R, False),
    ("The deployment of American troops to Poland began on Monday.", "MOBILIZE", "USA", "POL", R, False),
    ("Pakistan said it would deploy more soldiers to Kashmir.", "MOBILIZE", "PAK", None, P, False),
    # ---- RETREAT
    ("Israel withdrew its troops from Gaza.", "RETREAT", "ISR", "PSE", R, False),
    ("France pulled its soldiers out of Mali.", "RETREAT", "FRA", "MLI", R, False),
    ("Ethiopian troops pull out of Somalia.", "RETREAT", "ETH", "SOM", R, False),
    ("Mali said it would withdraw from the African Union.", "RETREAT", "MLI", "IGO", P, False),
    ("Britain evacuated its diplomats from Sudan.", "RETREAT", "GBR", "SDN", R, False),
    ("The withdrawal of Rwandan troops from Congo was completed.", "RETREAT", "RWA", "COD", R, False),
    ("Sudan declared a unilateral ceasefire on Friday.", "RETREAT", "SDN", None, R, False),
    ("Armenia said it would withdraw its forces from the border.", "RETREAT", "ARM", None, P, False),
    ("Armenian forces surrendered to Azerbaijan after the offensive.", "RETREAT", "ARM", "AZE", R, False),
    ("Burundi withdrew from the International Criminal Court.", "RETREAT", "BDI", "IGO", R, False),
    # ---- SUPPORT
    ("Germany backs Ukraine's bid to join the European Union.", "SUPPORT", "DEU", "UKR", R, False),
    ("Egypt welcomed Saudi Arabia's initiative.", "SUPPORT", "EGY", "SAU", R, False),
    ("Brazil endorsed Argentina's candidate for the post.", "SUPPORT", "BRA", "ARG", R, False),
    ("Ukraine was praised by Poland for its resilience.", "SUPPORT", "POL", "UKR", R, False),
    ("Cuba voiced support for Venezuela.", "SUPPORT", "CUB", "VEN", R, False),
    ("Britain said it would stand by Ukraine.", "SUPPORT", "GBR", "UKR", P, False),
    ("India's backing of Bhutan was clear.", "SUPPORT", "IND", "BTN", R, False),
    ("Russia defended Iran at the Security Council.", "SUPPORT", "RUS", "IRN", R, False),
    ("Turkey hailed Azerbaijan's victory.", "SUPPORT", "TUR", "AZE", R, False),
    ("Spain recognised Palestine as a state.", "SUPPORT", "ESP", "PSE", R, False),
    # ---- CONSULT
    ("Chinese President visits Vietnam.", "CONSULT", "CHN", "VNM", R, False),
    ("The Indian prime minister met his Japanese counterpart in Tokyo.", "CONSULT", "IND", "JPN", R, False),
    ("Egypt's foreign minister held talks with his Jordanian counterpart.", "CONSULT", "EGY", "JOR", R, False),
    ("Kenya will host talks between Ethiopia and Somalia.", "CONSULT", "KEN", "ETH", P, False),
    ("Germany's chancellor spoke by phone with France's president.", "CONSULT", "DEU", "FRA", R, False),
    # ---- AGREE
    ("Greece and Turkey agreed to resume talks.", "AGREE", "GRC", "TUR", R, False),
    ("Peru signed a free trade agreement with China.", "AGREE", "PER", "CHN", R, False),
    ("Chile accepted Bolivia's offer of mediation.", "AGREE", "CHL", "BOL", R, False),
    ("Moldova agreed to a proposal from Romania.", "AGREE", "MDA", "ROU", R, False),
    # ---- COOPERATE
    ("South Korea will share intelligence with Japan.", "COOPERATE", "KOR", "JPN", P, False),
    ("Vietnam restored diplomatic relations with Indonesia.", "COOPERATE", "VNM", "IDN", R, False),
    ("Saudi Arabia will resume diplomatic ties with Iran.", "COOPERATE", "SAU", "IRN", P, False),
    ("Norway and Sweden signed a defence cooperation pact.", "AGREE", "NOR", "SWE", R, False),
    ("Brazil is working with Argentina on a common currency.", "COOPERATE", "BRA", "ARG", ONGOING, False),
    # ---- REQUEST
    ("Ukraine asked Germany for tanks.", "REQUEST", "UKR", "DEU", R, False),
    ("Lebanon appealed to France for help.", "REQUEST", "LBN", "FRA", R, False),
    ("Poland urged Hungary to back the sanctions.", "REQUEST", "POL", "HUN", R, False),
    ("Sudan demands that Chad close its border.", "REQUEST", "SDN", "TCD", R, False),
    # ---- ACCUSE
    ("Ukraine accused Russia of shelling the plant.", "ACCUSE", "UKR", "RUS", R, False),
    ("Pakistan blames India for the attack.", "ACCUSE", "PAK", "IND", R, False),
    ("China criticised Japan over the release of water.", "ACCUSE", "CHN", "JPN", R, False),
    ("Greece condemned Turkey's violation of its airspace.", "ACCUSE", "GRC", "TUR", R, False),
    # ---- REJECT
    ("Israel rejected Egypt's ceasefire proposal.", "REJECT", "ISR", "EGY", R, False),
    ("Iran dismissed accusations by Britain.", "REJECT", "IRN", "GBR", R, False),
    ("Serbia refused to recognise Kosovo.", "REJECT", "SRB", "XKX", R, False),
    ("Mali turned down Algeria's offer of talks.", "REJECT", "MLI", "DZA", R, False),
    # ---- THREATEN
    ("China threatened Taiwan with military action.", "THREATEN", "CHN", "TWN", R, False),
    ("Russia warned Finland against joining NATO.", "THREATEN", "RUS", "FIN", R, False),
    ("Turkey threatens to block Sweden's membership.", "THREATEN", "TUR", "SWE", R, False),
    ("North Korea vowed to retaliate against South Korea.", "THREATEN", "PRK", "KOR", R, False),
    ("Azerbaijan threatened on Monday to break relations with Russia unless it withdrew.", "THREATEN", "AZE", "RUS", R, False),
    ("Iran threatened to walk out of the talks if Britain imposes new sanctions.", "THREATEN", "IRN", "GBR", R, False),
    ("Police in Kenya arrested dozens of Ugandan traders.", "COERCE", "KEN", "UGA", R, False),
    ("Authorities in Chad detained two French journalists.", "COERCE", "TCD", "FRA", R, False),
    # ---- PROTEST
    ("Thousands of Armenians protested against Azerbaijan in Yerevan.", "PROTEST", "ARM", "AZE", R, False),
    ("China lodged a formal protest with Japan.", "ACCUSE", "CHN", "JPN", R, False),
    ("Greece summoned Turkey's ambassador.", "ACCUSE", "GRC", "TUR", R, False),
    ("Hundreds of Serbs demonstrated against Kosovo outside the embassy.", "PROTEST", "SRB", "XKX", R, False),
    ("Protesters in Kenya rallied against the government of Uganda.", "PROTEST", "KEN", "UGA", R, False),
    ("Iranian students staged a demonstration against Britain.", "PROTEST", "IRN", "GBR", R, False),
    # ---- SANCTION
    ("The United States imposed sanctions on Iran.", "SANCTION", "USA", "IRN", R, False),
    ("Canada froze the assets of Russian officials.", "SANCTION", "CAN", "RUS", R, False),
    ("Lithuania expelled Belarusian diplomats.", "SANCTION", "LTU", "BLR", R, False),
    ("Morocco cut diplomatic ties with Iran.", "SANCTION", "MAR", "IRN", R, False),
    ("Japan banned imports from North Korea.", "SANCTION", "JPN", "PRK", R, False),
    # ---- COERCE
    ("Iran seized a British tanker.", "COERCE", "IRN", "GBR", R, False),
    ("Russia arrested an American journalist.", "COERCE", "RUS", "USA", R, False),
    ("Belarus detained two Polish citizens.", "COERCE", "BLR", "POL", R, False),
    ("China deported Canadian nationals.", "COERCE", "CHN", "CAN", R, False),
    # ---- ASSAULT
    ("Russian forces shelled Kharkiv overnight.", "ASSAULT", "RUS", "UKR", R, False),
    ("Israeli jets struck targets in Syria.", "ASSAULT", "ISR", "SYR", R, False),
    ("Turkey launched air strikes in northern Iraq.", "ASSAULT", "TUR", "IRQ", R, False),
    ("Azerbaijani troops attacked Armenian positions.", "ASSAULT", "AZE", "ARM", R, False),
    ("Saudi warplanes bombed Yemen's capital.", "ASSAULT", "SAU", "YEM", R, False),
]
