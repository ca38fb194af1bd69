"""Every scorer of the project, one module per kind of gold data.

=========== ==================================================== =========================
module      scores                                               command
=========== ==================================================== =========================
extract     the readers' body text against hand-checked bodies   ``communique eval extract``
geo         toponym recognition and resolution (Gritta formats)  ``communique eval geo``
quotes      quote content and speakers (PolNeAR brat files)      ``communique eval quotes``
plover      event types and dyads (PLOVER gold records)          ``communique eval plover``
articles    whole coded articles (the seed's gold format)        ``communique eval articles``
timeml      time expressions (TempEval-3 TimeML)                 ``communique eval timeml``
=========== ==================================================== =========================

The scorers sit on top of the pipeline: they may import the coder, the components and the readers;
nothing below them (components, coder, store, API) imports them. The commands in ``communique.cli``
only parse options and print what these modules return. This ``__init__`` imports none of them, so
that loading one scorer does not load the others' dependencies.
"""
