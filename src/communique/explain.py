"""Explanations of coded events: for each event, the rule (pattern text and the file it came from), the
parse path from the event's head to its source and target, the words that set its status, and its
evidence with the trigger marked.

``explain_record(record)`` works on any article record (the parse path is read from the event's
``path`` field, which the coder writes); ``communique explain FILE`` and ``communique code --explain``
print it.
"""

from __future__ import annotations

from functools import lru_cache

from .records import ArticleRecord, EventMention


@lru_cache(maxsize=1)
def _rules() -> dict[str, tuple[str, str]]:
    from .events.patterns import load_patterns
    from .statements.cues import load_cues

    rules = {p.rule: (p.text, p.file) for p in load_patterns().all()}
    rules.update({c.rule: (f"statement cue: {c.text}", f"statements/{c.source_file}") for c in load_cues().cues})
    return rules


def rule_source(rule: str) -> str:
    """``"visit >obj (consult.yaml)"`` for a rule id, or the id itself when it is unknown here."""
    base = rule.split(":", 1)[0]
    found = _rules().get(base)
    if found is None:
        return rule
    text, file = found
    extra = " + " + rule.split(":", 1)[1] if ":" in rule else ""
    return f"{text}  ({file}){extra}"


def _side(side) -> str:
    if side is None:
        return "-"
    bits = [side.name]
    if side.country:
        bits.append(side.country)
    if side.actor:
        bits.append(side.actor)
    return "/".join(bits)


def explain_event(ev: EventMention, *, text: str | None = None) -> str:
    """A few lines on one event."""
    head = f"{ev.id} {ev.type}"
    if ev.mode:
        head += f" ({ev.mode})"
    if ev.cameo:
        head += f"  CAMEO {ev.cameo}"
    if ev.goldstein is not None:
        head += f"  Goldstein {ev.goldstein:+.1f}"
    status = ev.status + (", negated" if ev.negated else "")
    lines = [head, f"    {_side(ev.source)} -> {_side(ev.target)}   [{status}]"]
    if ev.context:
        lines.append(f"    context: {', '.join(ev.context)}")
    when = []
    if ev.date is not None:
        when.append(f"date {ev.date.start}" + (f"..{ev.date.end}" if ev.date.end and ev.date.end != ev.date.start else "")
                    + (f" ({ev.date.text})" if ev.date.text else ""))
    if ev.location is not None:
        when.append(f"location {ev.location.name}" + (f" ({ev.location.country})" if ev.location.country else ""))
    if when:
        lines.append("    " + "; ".join(when))
    if ev.attribution:
        lines.append("    according to: " + " <- ".join(s.name for s in ev.attribution))
    lines.append(f"    rule {ev.rule}: {rule_source(ev.rule)}")
    path = getattr(ev, "path", None)
    if path:
        for part in str(path).split("; "):
            lines.append(f"    parse: {part}")
    evidence = ev.evidence.text
    trig = getattr(ev, "trigger", None)
    if isinstance(trig, dict) and "start" in trig:
        a, b = trig["start"] - ev.evidence.start, trig["end"] - ev.evidence.start
        if 0 <= a < b <= len(evidence):
            evidence = evidence[:a] + "[[" + evidence[a:b] + "]]" + evidence[b:]
    lines.append("    evidence: " + " ".join(evidence.split()))
    return "\n".join(lines)


def explain_record(record: ArticleRecord) -> str:
    """Every event of ``record``, explained (see :func:`explain_event`)."""
    title = record.article.title or "(untitled)"
    lines = [f"# {title}: {len(record.events)} events"]
    for ev in record.events:
        lines.append(explain_event(ev))
    if not record.events:
        lines.append("  no events: no pattern matched with a source resolved to an actor")
    return "\n".join(lines)
