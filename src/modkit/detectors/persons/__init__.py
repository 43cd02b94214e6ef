"""Persons: who a comment is about, and the personal and sensitive data tied to them.

A lexicon detector in pure Python, built once per engine (no NER model): one
pass over the comment's word tokens, with set look-ups in the name lists of
``rules/sv/names/`` (capitalisation checked on the ORIGINAL text) and in the
cue lists of ``rules/sv/persons/persons.toml``. It finds

* full names ("Eva Lund", "Britt-Marie Ek", "Sara Sandströms", "Sven L."),
  first names, "familjen Ekström", "fru Lindh";
* people identified by a relation ("min granne", "hennes son", "Mormor Rut"),
  by a description ("hon i kassan", "mannen som står vid torget") or by a job
  ("rektorn på Ekbackens skola", "handläggaren på bygglov");
* officials in their office ("kommunalrådet", "stadsdirektören Wikström"):
  a named official acting in office is public, not personal data;
* the writer ("jag", "Jag heter Eva Lund", "Mvh Anna").

`PersonDetector.persons(doc)` exposes these spans (``PersonMention``) for other
detectors. The detector itself reports:

personal_data (a private person's name together with an identifying detail):
  PD20  name + address or where the person lives ("Eva på Kyrkvägen", "bor i Torsvik")
  PD21  name + age or date of birth ("Hanna Sjöberg, 29", "född -89")
  PD22  name + workplace ("jobbar på apoteket vid torget", "Pelle på kiosken")
  PD23  name + school or class ("går i 3B på Högsätra skola")
  PD24  name + family ("min dotter Ella Johnson", "har två barn på Västra skolan")

sensitive_data (a sensitive detail tied to an identifiable person other than
the writer; terms in ``rules/sv/persons/sensitive.toml``):
  SD20 health, SD21 addiction, SD22 social services, SD23 criminal record,
  SD24 ethnicity or migration status, SD25 religion, SD26 political opinion,
  SD27 sexual orientation, SD28 protected identity.
  A detail tied only to a pronoun the detector cannot resolve ("hon har
  cancer") sends the comment to review instead.

Findings carry start/end offsets into the original text. Most comments name
nobody: a prefilter (``prefilter.py``) skips the token analysis of a comment
that cannot yield a finding.

Modules: ``vocab`` (fixed word lists and codes), ``lexicon`` (the rule-directory
data), ``tokens``, ``mentions`` (who is mentioned), ``details`` (PD20-PD24),
``sensitive`` (SD20-SD28), ``trie`` + ``prefilter`` (the skip test) and
``detector`` (the engine-facing class).
"""

from .detector import PersonDetector
from .lexicon import Lexicon
from .mentions import PersonFinder, PersonMention
from .vocab import PD_CODES, PD_SCORE, SD_PRONOUN_SCORE, SD_SCORE

__all__ = ["PD_CODES", "PD_SCORE", "SD_PRONOUN_SCORE", "SD_SCORE", "Lexicon", "PersonDetector", "PersonFinder", "PersonMention"]
