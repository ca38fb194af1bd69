"""Sentences written for the quotes tests (none is taken from any corpus).

QUOTES: (text, content that must appear in one quote, words the quote must NOT contain, speaker name
words, relay name words (list, innermost first) or None when not checked, direct flag or None).
"""

from __future__ import annotations

L, R = "\u201c", "\u201d"

QUOTES = [
    # 1. direct quotes, cue after / before / inside, several mark styles
    (f"{L}We will not accept these terms,{R} Prime Minister Anna Berg said on Tuesday.",
     "We will not accept these terms", "said", "Anna Berg", None, True),
    (f"Finance Minister Tomas Lind said: {L}The budget is balanced for the first time in a decade.{R}",
     "The budget is balanced", "Lind said", "Tomas Lind", None, True),
    ('"The border will stay open," the interior ministry said in a statement.',
     "The border will stay open", "ministry", "interior ministry", None, True),
    ("\u00abNous ne c\u00e9derons pas\u00bb, the union president told reporters in Paris.",
     "Nous ne c\u00e9derons pas", "told", "union president", None, True),
    ("\u2018We are ready to talk,\u2019 the rebel commander told the radio station.",
     "We are ready to talk", "commander", "rebel commander", None, True),
    (f"{L}The ceasefire is holding,{R} said General Omar Haddad, the army chief.",
     "The ceasefire is holding", "Haddad", "Omar Haddad", None, True),
    (f"{L}The strike will go ahead,{R} union leader Maria Costa wrote on social media.",
     "The strike will go ahead", "wrote", "Maria Costa", None, True),
    (f"{L}Our doors remain open to dialogue,{R} the foreign ministry spokesperson tweeted.",
     "Our doors remain open to dialogue", "tweeted", "foreign ministry spokesperson", None, True),
    (f"{L}We expect the first shipments next week. The port is ready. The crews are trained,{R} "
     "the harbour master, Ivan Petrov, told journalists.",
     "The crews are trained", "told", "Ivan Petrov", None, True),
    (f"{L}This is a dark day,{R} the senator said, {L}and we will remember it.{R}",
     "we will remember it", "dark day X", "senator", None, True),
    (f"{L}Not this year,{R} Jane Roe, president of the growers' council, replied.",
     "Not this year", "replied", "Jane Roe", None, True),
    # 2. partial quotes inside reported speech
    (f"The governor said the floods had caused {L}unprecedented damage{R} to the northern towns.",
     "unprecedented damage", "governor said", "governor", None, False),
    (f"Health Minister Lena Fischer said hospitals {L}have enough beds for the winter{R}.",
     "have enough beds for the winter", "Fischer said", "Lena Fischer", None, None),
    (f"Farmers in the valley {L}cannot survive another dry year,{R} the water minister said.",
     "Farmers in the valley", "minister said", "water minister", None, False),
    (f"{L}Yes,{R} she said.", "Yes", "said", "she", None, True),
    # 3. reported speech without marks
    ("The central bank said that inflation would fall below three percent next year.",
     "inflation would fall below three percent", "central bank said", "central bank", None, False),
    ("Opposition leader Karl Weiss said the election had been rigged.",
     "the election had been rigged", "Weiss said", "Karl Weiss", None, False),
    ("According to the United Nations, more than two million people have fled the region.",
     "more than two million people have fled", "According", "United Nations", None, False),
    ("More than forty people were arrested, according to local police.",
     "More than forty people were arrested", "according", "police", None, False),
    ("The rebels claim they control the airport.",
     "they control the airport", "claim", "rebels", None, False),
    ("State television reported that the president had left the capital.",
     "the president had left the capital", "reported", "State television", None, False),
    ("The talks will resume in Geneva next month, the mediator said.",
     "The talks will resume in Geneva", "mediator said", "mediator", None, False),
    ("The company denied that it had paid any bribes, saying its accounts were audited every year.",
     "it had paid any bribes", "saying", "company", None, False),
    ("Environmental groups warned that the dam would destroy the wetlands.",
     "the dam would destroy the wetlands", "warned", "Environmental groups", None, False),
    ("The ambassador told reporters that the embassy would reopen in May.",
     "the embassy would reopen in May", "reporters", "ambassador", None, False),
    ("The minister announced plans to build three new power stations.",
     "plans to build three new power stations", "announced", "minister", None, False),
    ("The defence ministry said in a statement that two soldiers were wounded in the attack.",
     "two soldiers were wounded in the attack", "statement", "defence ministry", None, False),
    ("In the long run, the economist said, food prices will fall.",
     "food prices will fall", "economist said", "economist", None, False),
    ("The senator accused the governor of hiding the audit report.",
     "the governor of hiding the audit report", "accused", "senator", None, False),
    ("Merkel: Europe must take its fate into its own hands\nThe chancellor spoke in Munich.",
     "Europe must take its fate into its own hands", "Merkel", "Merkel", None, False),
    # 4. speakers: pronouns, organisations, unnamed officials, relative clauses
    (f"Mayor Sofia Reyes visited the flooded district. {L}We will rebuild every house,{R} she said.",
     "We will rebuild every house", "she said", "Sofia Reyes", None, True),
    ("The Finnish government issued a warning on Monday. It said the storm would reach the coast by night.",
     "the storm would reach the coast", "It said", "government", None, False),
    ("A senior European Union official said the sanctions would be extended.",
     "the sanctions would be extended", "official said", "European Union official", None, False),
    ("The plan was criticised by Daniel Okafor, who said it ignored rural voters.",
     "it ignored rural voters", "who said", "Daniel Okafor", None, False),
    (f"{L}The water is safe to drink,{R} Okafor said.",
     "The water is safe to drink", "Okafor", "Okafor", None, True),
    ("According to a statement from the port authority, the ferry service will resume on Monday.",
     "the ferry service will resume on Monday", "According", "port authority", None, False),
    ("The agency's annual report said that air pollution had fallen for a third year.",
     "air pollution had fallen for a third year", "report said", "agency", None, False),
    # a complement clause with its own subject that the parse hung on the cue without a conjunction
    ("The senator said after the vote she would not accept the party's nomination.",
     "she would not accept the party's nomination", "senator said", "senator", None, False),
    # "As X noted, ...": the clause the "as" phrase is inserted in
    ("As several tax experts have pointed out, the senator is free to publish his returns.",
     "the senator is free to publish his returns", "pointed", "tax experts", None, False),
    # a "that" clause the parse hangs on the listener as a relative clause
    ("In Lima last week, he told a meeting of regional leaders that few people understood the risks "
     "better than fishermen.", "few people understood the risks", "Lima", "he", None, False),
    # a cue that ends in a colon, and the quotation opens the next paragraph
    ("The governor added:\n\n" f"{L}We will rebuild every school that the storm destroyed this year.{R}",
     "We will rebuild every school", "added", "governor", None, True),
    # 5. relays
    ("The deal will be signed on Friday, the state news agency said, quoting a senior diplomat.",
     "The deal will be signed on Friday", "quoting", "senior diplomat", ["state news agency"], False),
    ("Troops have withdrawn from the town, the ministry said, citing spokesman Colonel Juan Ortega.",
     "Troops have withdrawn from the town", "citing", "Juan Ortega", ["ministry"], False),
    (f"The visitors will {L}see the new factories first{R}, the agency said, quoting the trade minister.",
     "see the new factories first", "quoting", "trade minister", ["agency"], None),
    # "according to" after a speech verb with its own subject: the speaker speaks, the source relays
    (f"{L}We will protect the civilians,{R} Petrov said, according to the state news agency Ria.",
     "We will protect the civilians", "according", "Petrov", ["Ria"], True),
    ("The harvest will be late this year, the farm minister said, according to the broadcaster NTV.",
     "The harvest will be late this year", "NTV", "farm minister", ["NTV"], False),
    (f"{L}Nobody was hurt in the blast,{R} police chief Ana Ruiz told reporters, according to Radio Sur.",
     "Nobody was hurt in the blast", "Radio", "Ana Ruiz", ["Radio Sur"], True),
    ("The rebels had agreed to a truce, the envoy had claimed, according to a report by the Daily Ledger.",
     "The rebels had agreed to a truce", "Ledger", "envoy", ["Daily Ledger"], False),
    # 6. a cue after a quotation that ended its sentence opens the next statement; the quotation
    # continues the previous speaker's
    (f"{L}We have repaired the bridges,{R} she said. {L}In two years the city has rebuilt every school.{R} "
     f"Tom Baker, a retired engineer, said: {L}The schools are still too small.{R}",
     "rebuilt every school", "too small", "she", None, True),
    (f"{L}We see no way forward,{R} Lena Holm told reporters in Oslo. {L}If the assault goes ahead, "
     f"thousands will flee.{R} Jonas Berg repeated his offer to mediate between the two sides.",
     "thousands will flee", "mediate", "Lena Holm", None, True),
    (f"{L}The mine will close in May,{R} the company said. {L}The workers will be paid until the end "
     f"of the year.{R} Union leader Mark Dale said the offer was an insult.",
     "paid until the end of the year", "insult", "company", None, True),
    (f"{L}Our troops are ready,{R} General Ivo Kras said on Monday. {L}They have trained for months "
     f"and they know the ground.{R} The defence minister added that no date had been set.",
     "They have trained for months", "no date", "Ivo Kras", None, True),
    # a "that" clause the parse hangs on the noun of a phrase of the speech verb
    ("A spokesman for the governor warned shortly after the court's ruling that the decision would "
     "cause chaos in the prisons.", "cause chaos in the prisons", "ruling that", "spokesman", None, False),
    ("The union warned after the announcement that the strike would go on until Christmas.",
     "the strike would go on until Christmas", "announcement", "union", None, False),
    ("Finance Minister Sara Lunde said after the meeting on Friday that the budget would be cut.",
     "the budget would be cut", "meeting", "Sara Lunde", None, False),
    ("The rebels insisted after the latest offer that any deal must include the prisoners.",
     "any deal must include the prisoners", "offer that", "rebels", None, False),
    # a speaker that speaks for someone named: "a spokesman for X", "an official at X", "an adviser to X"
    ("A spokeswoman for Chancellor Olaf Scholz said the talks would resume in March.",
     "the talks would resume in March", "said", "spokeswoman for Olaf Scholz", None, False),
    ("An official at the World Health Organization said the outbreak was under control.",
     "the outbreak was under control", "said", "official at World Health Organization", None, False),
    ("A senior adviser to President Emmanuel Macron told reporters the plan had been dropped.",
     "the plan had been dropped", "told", "adviser to Emmanuel Macron", None, False),
    ("The head of the International Monetary Fund warned that growth would slow next year.",
     "growth would slow next year", "warned", "head of International Monetary Fund", None, False),
    # the outlet of the speaker's interview or article relays the statement
    ("In an interview with the Daily Ledger, the senator said the bill would pass.",
     "the bill would pass", "interview", "senator", ["Daily Ledger"], False),
    ("The minister said in an interview with Radio Sur that the talks had failed.",
     "the talks had failed", "interview", "minister", ["Radio Sur"], False),
    (f"Writing in an op-ed for the Morning Herald, Anna Berg said: {L}The law is unfair to tenants.{R}",
     "The law is unfair to tenants", "Herald", "Anna Berg", ["Morning Herald"], True),
    ("In a CNN interview, the governor said the state would sue.",
     "the state would sue", "interview", "governor", ["CNN"], False),
    (f"In an email interview with the Observer, Mr Haddad said: {L}We are ready to talk.{R} He added: "
     f"{L}It would be wrong to let this chance slip away.{R}",
     "It would be wrong to let this chance slip away", "ready", "Haddad", ["Observer"], True),
    # fractions and shares of a group speak for the group, named with it
    ("Even so, three-quarters of the voters said they were worried about the price of bread.",
     "they were worried about the price of bread", "said", "three-quarters of the voters", None, False),
    ("Two-thirds of the delegates said the new rules were unfair.",
     "the new rules were unfair", "said", "Two-thirds of the delegates", None, False),
    ("About a third of the nurses say they will leave the profession within five years.",
     "they will leave the profession", "say", "third of the nurses", None, False),
    ("A quarter of the shop owners told the survey team that sales had fallen.",
     "sales had fallen", "told", "quarter of the shop owners", None, False),
    # descriptions of a person as speakers ("the billionaire magnate says")
    ("The billionaire shipping magnate says a tax on fuel would ruin the islands.",
     "a tax on fuel would ruin the islands", "says", "magnate", None, False),
    ("The Republican hopeful said the border would be closed on his first day.",
     "the border would be closed", "said", "hopeful", None, False),
    ("The veteran firebrand told supporters the election had been stolen.",
     "the election had been stolen", "told", "firebrand", None, False),
    ("A prominent donor warned that the party would lose the young vote.",
     "the party would lose the young vote", "warned", "donor", None, False),
    # "which he said ...": a statement inside a relative clause; the cue and its speaker are no content
    ("Governor Ana Ruiz praised the new levee, which she said would protect ten thousand homes.",
     "would protect ten thousand homes", "she said", "Ana Ruiz", None, False),
    ("The union rejected the offer, which its leader said fell far short of inflation.",
     "fell far short of inflation", "leader said", "leader", None, False),
    ("Mayor Tom Hale opened the bridge, which he said would cut traffic in the old town by half.",
     "would cut traffic in the old town", "he said", "Tom Hale", None, False),
    ("Critics point to the new toll, which they say will hurt the poorest drivers most.",
     "will hurt the poorest drivers most", "they say", "Critics", None, False),  # "they" stands for the critics
    # a name the tagger took for a common noun speaks when it was named as a person before
    ("A guard grabbed the reporter Michelle Fields by the arm. Fields said she had been pulled backward.",
     "she had been pulled backward", "said", "Fields", None, False),
    ("Officers stopped the driver, Tom Banks, near the bridge. Banks said he had not been drinking.",
     "he had not been drinking", "said", "Banks", None, False),
    # a speech verb coordinated with the outer statement, which the parse hangs on the reported clause
    ("He said the government had lost its way and claimed the new law would not survive in court.",
     "the new law would not survive in court", "lost its way", "He", None, False),
    ("The rebels said the army had shelled the village and demanded an inquiry by the United Nations.",
     "an inquiry by the United Nations", "shelled", "rebels", None, False),
    ("She said the talks were over and accused the company of lying to its workers.",
     "the company of lying to its workers", "talks", "She", None, False),
    ("Okafor said prices would rise next year and predicted a long and costly strike.",
     "a long and costly strike", "prices", "Okafor", None, False),
    # an institution that speaks for its country keeps its own name ("the White House said")
    ("The White House warned on Friday that its partners would answer any strike.",
     "its partners would answer any strike", "warned", "White House", None, False),
    ("The Kremlin said on Monday that the talks would resume in Geneva.",
     "the talks would resume in Geneva", "Kremlin said", "Kremlin", None, False),
    ("Downing Street said the prime minister had full confidence in the chancellor.",
     "had full confidence in the chancellor", "Street said", "Downing Street", None, False),
    ("The Pentagon said two drones had been shot down over the sea.",
     "two drones had been shot down", "Pentagon", "Pentagon", None, False),
]

# sentences holding no quote: scare quotes, titles, cues with nothing reported
NO_QUOTES = [
    f"The so-called {L}peace dividend{R} never arrived.",
    f"She starred in {L}Winter Roads{R} before moving to Berlin.",
    f"The senator will appear on {L}Meet the Voters of the North{R} this weekend.",
    "The minister said nothing.",
    "The company's sales grew by ten percent last year.",
    "Protesters gathered outside parliament on Sunday.",
    "LONDON: The markets opened lower on Monday.",
]

# statements whose relays must stay empty (no outlet, no "according to")
NO_RELAY = [
    "The senator told the Ledger in an interview on Monday that taxes would rise.",
    "In a letter to the council, the mayor said the budget was short.",
    "In an interview in Berlin, the minister said the talks had failed.",
    "In a speech to the party on Sunday, the leader said the election would be close.",
]
