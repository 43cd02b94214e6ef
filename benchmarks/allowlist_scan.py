"""Find innocent Swedish words that a compound-part lexicon entry would flag.

Every entry marked as a compound part (`*idiot/er`, `skit*`) matches inside
longer words, so every Swedish word that happens to contain one of its forms
(fantastisk, Fittja, pissoar, pistol ...) is a false alarm unless
`rules/sv/allowlist.toml` (or the rule's own `allow`) covers it. This script
expands every compound-part term of every rule into its forms
(`modkit.rules.paradigms.expand`), compares them with a large Swedish word
list the way the engine does (skeleton view, diacritic-free twin, word
boundaries, allow-list coverage) and prints the words nothing covers yet, for
a person to review: innocent ones go into the allow-list, offensive ones are
left alone.

    python -m benchmarks.allowlist_scan                 # candidates, grouped by rule and term
    python -m benchmarks.allowlist_scan --term skit     # only terms whose entry contains 'skit'
    python -m benchmarks.allowlist_scan --show-offensive --show-covered
    python -m benchmarks.allowlist_scan --collisions    # whole words that look like a term after normalising (fann -> fan)
    python -m benchmarks.allowlist_scan --words names.txt   # add words (one a line), e.g. place names

Word list: the Swedish dictionary shipped with `simplemma` (~960,000 word
forms with their lemmas; `pip install simplemma`), or, without it, a hunspell
Swedish dictionary (`apt-get install hunspell-sv`, stems only). When neither
is installed the script says so and exits 0.

"Offensive" words are left out of the candidates by a heuristic: the part of
the word outside the hit is itself a Swedish word of at least four letters on
the side(s) where the compound continues (fittkärring = fitt + kärring,
hundskit = hund + skit). `--show-offensive` lists what the heuristic dropped.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HUNSPELL_DICTS = [Path("/usr/share/hunspell/sv_SE.dic"), Path("/usr/share/hunspell/sv_FI.dic"), Path("/usr/share/myspell/sv_SE.dic")]
# Words the dictionary lacks but residents write: places, names, loanwords and brands.
SUPPLEMENT = """
Fittja Fittjaskolan Fittjagård Horred Skara Skarabygden Fanny Fannys Stefan Stefans Kukkola Kukkolaforsen Kukkonen
Habackuk Fitzgerald fitness fitnesscenter fitnesscentret fitnessgym fitnesspass fitnessklubb fitnesstest fitbit
fitting fittings kukeliku runkelbeta runkelbetor shiitake shiitakesvamp Skittles moskito Pisa Mississippi
pistol pistolen pistoler Fantasia fanbärare Fanbyn Fantorp Kuku Satanta Horsens Horsfjärden Hornsberg
"""
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_RUN_RE = re.compile(r"(.)\1+")
MIN_REST = 4  # a three-letter rest that is also a common ending (röv|are, skit|ig) is not taken for a word
ENDINGS = frozenset("are ar er or en et na ig iga igt isk lig het ad at ade and era ing ism ist".split())


# --- the word list -------------------------------------------------------------------


def load_words(extra: list[Path]) -> tuple[dict[str, str], str] | None:
    """word form -> lemma, and a description of the source; None when no word list is installed."""
    words: dict[str, str] = {}
    source = None
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY as factory
    except ImportError:
        factory = None  # type: ignore[assignment]
    if factory is not None:
        dictionary = factory.get_dictionary("sv")
        for form, lemma in dictionary.items():
            words.setdefault(form, lemma)
            words.setdefault(lemma, lemma)
        source = f"simplemma Swedish dictionary ({len(words):,} words)"
    else:
        for path in HUNSPELL_DICTS:
            if path.exists():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
                    stem = line.split("/", 1)[0].strip()
                    if stem:
                        words.setdefault(stem, stem)
                source = f"hunspell {path} ({len(words):,} stems)"
                break
    for word in SUPPLEMENT.split():
        words.setdefault(word, word)
    for path in extra:
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                words.setdefault(word, word)
        source = (source + " + " if source else "") + str(path)
    if source is None:
        return None
    clean = {w: l for w, l in words.items() if _WORD_RE.fullmatch(w) and len(w) >= 3}
    return clean, source


# --- the engine's view of a word -------------------------------------------------------


def _quick(text: str, fold: dict[int, str]) -> str:
    """A cheap stand-in for the ASCII skeleton (casefold, fold, collapse runs) used as a prefilter."""
    return _RUN_RE.sub(r"\1", text.casefold().replace("-", "").translate(fold))


@dataclass(frozen=True)
class FormEntry:
    code: str
    term: str
    form: str
    primary: str  # skeleton with diacritics
    prefix_part: bool
    suffix_part: bool


@dataclass
class Finding:
    word: str
    lemma: str
    entry: FormEntry
    start: int
    end: int
    ascii: str
    covered_by: str | None = None
    offensive_because: str | None = None


@dataclass
class Report:
    candidates: list[Finding] = field(default_factory=list)
    covered: list[Finding] = field(default_factory=list)
    offensive: list[Finding] = field(default_factory=list)


def _variants(primary: str, skeleton_text) -> list[str]:
    out = [primary]
    if any(ch in primary for ch in "åäö"):
        out.append(skeleton_text(primary.replace("ä", "ae").replace("ö", "oe").replace("å", "aa")))
    return out


def build_entries(ruleset, only: str | None) -> tuple[dict[str, list[FormEntry]], dict[str, list[str]]]:
    """ASCII skeleton key -> entries, for every compound-part term; and each rule's own allow words."""
    from modkit.rules.paradigms import expand
    from modkit.text import skeleton_text
    from modkit.text.charmaps import ASCII_FOLD

    table: dict[str, list[FormEntry]] = defaultdict(list)
    rule_allow: dict[str, list[str]] = {}
    for rule in ruleset.rules:
        spec = rule.spec
        rule_allow[spec.code] = [skeleton_text(w).translate(ASCII_FOLD) for w in spec.allow if w.strip()]
        for term in spec.terms:
            if only and only not in term:
                continue
            expanded = expand(term)
            if not (expanded.prefix_part or expanded.suffix_part):
                continue
            for form in expanded.forms:
                primary = skeleton_text(form)
                for variant in _variants(primary, skeleton_text):
                    key = variant.translate(ASCII_FOLD)
                    table[key].append(FormEntry(spec.code, term, form, variant, expanded.prefix_part, expanded.suffix_part))
    return table, rule_allow


def all_form_keys(ruleset) -> set[str]:
    """The ASCII skeleton of every form of every term of every rule (the offensive words themselves)."""
    from modkit.rules.paradigms import expand
    from modkit.text import skeleton_text
    from modkit.text.charmaps import ASCII_FOLD

    keys = set()
    for rule in ruleset.rules:
        for term in rule.spec.terms:
            for form in expand(term).forms:
                keys.add(skeleton_text(form).translate(ASCII_FOLD))
    return keys


def _covering_allow(token: str, start: int, end: int, allow: Iterable[str]) -> str | None:
    """The engine's rule: an allow word found in the token that covers the hit and is longer than it."""
    for word in allow:
        pos = token.find(word)
        while pos != -1:
            if pos <= start and pos + len(word) >= end and len(word) > end - start:
                return word
            pos = token.find(word, pos + 1)
    return None


def scan(words: dict[str, str], ruleset, only: str | None) -> Report:
    import ahocorasick

    from modkit.text import skeleton_text
    from modkit.text.charmaps import ASCII_FOLD, DIACRITIC_RE

    table, rule_allow = build_entries(ruleset, only)
    global_allow = [skeleton_text(w).translate(ASCII_FOLD) for w in ruleset.allow_words if w.strip()]
    automaton = ahocorasick.Automaton()
    for key in table:
        automaton.add_word(key, key)
    automaton.make_automaton()
    fold = ASCII_FOLD
    vocabulary = {_quick(w, fold) for w in words} | {_quick(l, fold) for l in words.values()}
    whole_forms = all_form_keys(ruleset)
    supplement = set(SUPPLEMENT.split())

    def is_head(piece: str) -> bool:
        """The rest after the hit is a word of its own (skit|kommun), not an ending (röv|are)."""
        if len(piece) < 3 or (len(piece) < MIN_REST and piece in ENDINGS):
            return False
        return piece in vocabulary

    def is_first_part(piece: str) -> bool:
        """The part before the hit is a compound's first part: a word, a stem (gubb-, duv-) or a word + linking s."""
        if len(piece) < 3:
            return False
        stems = [piece, piece + "a", piece + "e"]
        if piece.endswith("s"):
            stems += [piece[:-1], piece[:-1] + "a", piece[:-1] + "e"]
        return any(stem in vocabulary for stem in stems)

    report = Report()
    seen: set[tuple[str, str, int]] = set()
    for word, lemma in words.items():
        if not any(True for _ in automaton.iter(_quick(word, fold))):
            continue
        primary = skeleton_text(word)
        ascii_view = primary.translate(fold)
        if not ascii_view.isalnum():
            continue  # a multi-word or hyphenated entry: the engine sees several tokens
        for end_index, key in automaton.iter(ascii_view):
            start, end = end_index - len(key) + 1, end_index + 1
            left, right = start > 0, end < len(ascii_view)
            if not (left or right):
                continue  # the word is the term itself
            span = primary[start:end]
            for entry in table[key]:
                if (left and not entry.suffix_part) or (right and not entry.prefix_part):
                    continue
                if span != entry.primary and DIACRITIC_RE.search(span):
                    continue  # another real word (höra is not hora)
                marker = (word, entry.code, start)
                if marker in seen:
                    continue
                seen.add(marker)
                hit = Finding(word, lemma, entry, start, end, ascii_view)
                hit.covered_by = _covering_allow(ascii_view, start, end, [*rule_allow.get(entry.code, []), *global_allow])
                if hit.covered_by:
                    report.covered.append(hit)
                    continue
                before, after = ascii_view[:start], ascii_view[end:]
                if word in supplement:
                    report.candidates.append(hit)  # listed above as innocent
                elif _quick(lemma, fold) in whole_forms:
                    hit.offensive_because = f"an inflection of '{lemma}'"
                    report.offensive.append(hit)
                elif (not before or is_first_part(before)) and (not after or is_head(after)):
                    hit.offensive_because = f"{before or '-'} + {key} + {after or '-'}"
                    report.offensive.append(hit)
                else:
                    report.candidates.append(hit)
    return report


def collisions(words: dict[str, str], ruleset) -> list[tuple[str, str, str, str]]:
    """Whole dictionary words that the engine would read as a term form although they are other words.

    * doubled letter: the skeleton collapses letter runs, so "fann" reads as "fan", "skett" as "sket";
    * no å/ä/ö: a real word without them equals the form without them ("rov" and "röv", "darrar" and "dårar");
    * if written without å/ä/ö: a word with å/ä/ö matches once a writer drops them ("höra" as "hora").

    Words whose lemma is the term's own lemma (dumbommar for dumbom) are not listed.
    """
    from modkit.rules.paradigms import expand
    from modkit.text import skeleton_text
    from modkit.text.charmaps import ASCII_FOLD, DIACRITIC_RE

    keys: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for rule in ruleset.rules:
        for term in rule.spec.terms:
            spec = expand(term)
            for form in spec.forms:
                if " " in form:
                    continue
                primary = skeleton_text(form)
                for variant in _variants(primary, skeleton_text):
                    keys[variant.translate(ASCII_FOLD)].append((rule.spec.code, term, form, variant, _quick(spec.lemma, {})))
    out = []
    for word, lemma in words.items():
        low = word.casefold()
        key = _quick(low, ASCII_FOLD)
        if key not in keys:
            continue
        primary = skeleton_text(low)
        if primary.translate(ASCII_FOLD) != key:
            continue
        for code, term, form, form_primary, term_lemma in keys[key]:
            if low.replace("-", "") == form or _quick(lemma, {}) == term_lemma:
                continue
            if primary == form_primary:
                kind = "doubled letter"
            elif DIACRITIC_RE.search(primary):
                kind = "if written without å/ä/ö"
            else:
                kind = "no å/ä/ö"
            out.append((code, term, form, f"{word} ({kind})"))
    return sorted(set(out))


# --- output --------------------------------------------------------------------------------


_SPELLINGS: dict[int, dict[str, str]] = {}


def _spellings(words: dict[str, str]) -> dict[str, str]:
    """ASCII skeleton -> the shortest real spelling with that skeleton (built once per word list)."""
    from modkit.text.charmaps import ASCII_FOLD

    cached = _SPELLINGS.get(id(words))
    if cached is None:
        cached = {}
        for word in words:
            low = word.casefold()
            key = _quick(low, ASCII_FOLD)
            if key not in cached or (len(low), low) < (len(cached[key]), cached[key]):
                cached[key] = low
        _SPELLINGS[id(words)] = cached
    return cached


def propose_allow_entries(candidates: list[Finding], offensive: list[Finding], words: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Few, short allow entries that together cover the candidates of one term (greedy set cover).

    An entry is a piece of a candidate word that covers the hit and is longer
    than it, preferably a dictionary word of its own (pappa covers styvpappa and
    bonuspappor; moskit covers moskiter). No entry may also cover an offensive
    compound of the same term (it would hide it).
    """
    spelling = _spellings(words)

    def pieces(f: Finding) -> set[str]:
        out = set()
        for i in range(0, f.start + 1):
            for j in range(f.end, len(f.ascii) + 1):
                if j - i > f.end - f.start:
                    out.add(f.ascii[i:j])
        return out

    def covers(piece: str, f: Finding) -> bool:
        pos = f.ascii.find(piece)
        while pos != -1:
            if pos <= f.start and pos + len(piece) >= f.end:
                return True
            pos = f.ascii.find(piece, pos + 1)
        return False

    options: dict[str, set[int]] = defaultdict(set)
    for index, f in enumerate(candidates):
        for piece in pieces(f):
            if piece in spelling or piece == f.ascii:
                options[piece].add(index)
    left = set(range(len(candidates)))
    chosen: list[tuple[str, list[str]]] = []
    while left and options:
        best = max(options, key=lambda p: (len(options[p] & left), -len(p), p))
        got = options.pop(best) & left
        if not got:
            break
        if any(covers(best, o) for o in offensive):
            continue  # it would also hide an offensive compound
        left -= got
        chosen.append((spelling.get(best, best), sorted({candidates[i].word for i in got})))
    for index in sorted(left):  # nothing safe and shorter: the word itself
        chosen.append((candidates[index].word.casefold(), [candidates[index].word]))
    return chosen


def print_findings(title: str, findings: list[Finding], out) -> None:
    by_term: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_term[(f.entry.code, f.entry.term)].append(f)
    print(f"\n## {title}: {len(findings)} words", file=out)
    for (code, term), items in sorted(by_term.items()):
        by_lemma: dict[str, list[Finding]] = defaultdict(list)
        for f in items:
            by_lemma[f.lemma.casefold()].append(f)
        print(f"\n### {code} {term!r}: {len(items)} words, {len(by_lemma)} lemmas", file=out)
        for lemma, group in sorted(by_lemma.items()):
            forms = sorted({f.word for f in group})
            shown = " ".join(forms[:8]) + (f" … (+{len(forms) - 8})" if len(forms) > 8 else "")
            extra = ""
            if group[0].covered_by:
                extra = f"  (covered by '{group[0].covered_by}')"
            elif group[0].offensive_because:
                extra = f"  ({group[0].offensive_because})"
            print(f"  {lemma:<24} {shown}{extra}", file=out)


def print_proposals(report: Report, words: dict[str, str], out) -> list[str]:
    by_term: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    offensive: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.candidates:
        by_term[(f.entry.code, f.entry.term)].append(f)
    for f in report.offensive:
        offensive[(f.entry.code, f.entry.term)].append(f)
    print("\n## Proposed allow entries (review each: only innocent words belong in allowlist.toml)", file=out)
    entries: list[str] = []
    for (code, term), items in sorted(by_term.items()):
        print(f"\n### {code} {term!r}", file=out)
        for entry, covered in propose_allow_entries(items, offensive[(code, term)], words):
            shown = " ".join(covered[:6]) + (f" … (+{len(covered) - 6})" if len(covered) > 6 else "")
            print(f"  {entry:<22} covers {len(covered):>3}: {shown}", file=out)
            entries.append(entry)
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule directory")
    parser.add_argument("--term", help="only lexicon entries containing this text")
    parser.add_argument("--words", action="append", default=[], type=Path, metavar="FILE", help="extra words, one a line")
    parser.add_argument("--show-covered", action="store_true", help="also list words the allow-lists already cover")
    parser.add_argument("--show-offensive", action="store_true", help="also list words judged offensive compounds")
    parser.add_argument("--collisions", action="store_true", help="list whole words that normalise to a term form")
    args = parser.parse_args(argv)

    loaded = load_words(args.words)
    if loaded is None:
        print("allowlist_scan: no Swedish word list installed (pip install simplemma, or apt-get install hunspell-sv); skipping.")
        return 0
    words, source = loaded

    from modkit import Engine

    engine = Engine(extra_rule_dirs=args.rules, detect_language=False)
    out = sys.stdout
    print(f"# allow-list scan: {engine.ruleset.name} {engine.ruleset.version}; word list: {source}", file=out)
    if args.collisions:
        rows = collisions(words, engine.ruleset)
        print(f"\n## Whole words read as a term form: {len(rows)}", file=out)
        for code, term, form, word in rows:
            print(f"  {code} {term!r} {form!r}: {word}", file=out)
        return 0
    report = scan(words, engine.ruleset, args.term)
    print_findings("Candidates (not covered; review, add the innocent ones to allowlist.toml)", report.candidates, out)
    if args.show_offensive:
        print_findings("Judged offensive compounds (left out)", report.offensive, out)
    if args.show_covered:
        print_findings("Already covered by an allow entry", report.covered, out)
    if report.candidates:
        print_proposals(report, words, out)
    print(f"\n{len(report.candidates)} candidates, {len(report.offensive)} offensive compounds, {len(report.covered)} already covered", file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
