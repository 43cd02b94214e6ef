"""Load rule directories into one validated, content-addressed rule set.

A rule directory holds `*.toml` rule files plus optional `guards.toml`,
`allowlist.toml` and `ruleset.toml`. Directories are applied in order: a later
directory may replace a rule by reusing its code or switch rules off with
`disable = ["PR03"]`. Every error names the file, the line, the rule code and
the field.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import RuleFileError, RuleSetError
from .paradigms import TermSyntaxError, expand
from .schema import AllowList, Fragments, GuardCues, Lexicons, RuleFile, RuleSpec, RulesetMeta

SPECIAL_FILES = {"guards.toml", "allowlist.toml", "ruleset.toml", "policy.toml", "fragments.toml", "lexicons.toml"}
_FRAGMENT_RE = re.compile(r"\{\{(\w+)\}\}")
_TOML_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class LoadedRule:
    spec: RuleSpec
    path: Path
    line: int


@dataclass(slots=True)
class RuleSet:
    """All rules in force, with the cues and allow-list they share."""

    name: str
    content_hash: str
    rules: list[LoadedRule]
    guards: GuardCues
    allow_words: list[str]
    disabled: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)

    @property
    def version(self) -> str:
        return self.content_hash[:12]

    def by_code(self, code: str) -> LoadedRule:
        for rule in self.rules:
            if rule.spec.code == code:
                return rule
        raise KeyError(code)


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from exc
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE_RE.search(str(exc))
        raise RuleFileError(path, f"not valid TOML: {exc}", line=int(m.group(1)) if m else None) from exc


def _rule_lines(raw: str) -> list[int]:
    """1-based line of each `[[rule]]` header, in file order."""
    return [n for n, line in enumerate(raw.splitlines(), 1) if line.strip().startswith("[[rule]]")]


def _field_line(raw: str, start_line: int, field_path: str) -> int:
    """Best line for a (dotted) field inside the rule that starts at `start_line`."""
    lines = raw.splitlines()
    line = start_line
    for part in field_path.split("."):
        if part.isdigit():
            continue
        for n in range(line, len(lines) + 1):
            text = lines[n - 1].strip()
            if n > start_line and text.startswith("[[rule]]"):
                return line
            if re.match(rf"(\[rule\.)?{re.escape(part)}\b", text):
                line = n
                break
    return line


def _validate_model(model: type[BaseModel], data: dict[str, Any], path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise RuleFileError(path, f"{err['msg']}", field=loc or None) from exc


def _expand_fragments(pattern: str, fragments: dict[str, str]) -> str:
    def replace(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            raise KeyError(name)
        return f"(?:{fragments[name]})"

    return _FRAGMENT_RE.sub(replace, pattern)


def _expand_lexicons(terms: object, lexicons: dict[str, list[str]]) -> object:
    if not isinstance(terms, list):
        return terms
    out: list[object] = []
    for term in terms:
        if isinstance(term, str) and term.startswith("@"):
            if term[1:] not in lexicons:
                raise KeyError(term)
            out.extend(lexicons[term[1:]])
        else:
            out.append(term)
    return out


def _parse_rule_file(path: Path, fragments: dict[str, str], lexicons: dict[str, list[str]]) -> tuple[RuleFile, list[int]]:
    data, raw = _read_toml(path)
    lines = _rule_lines(raw)
    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list):
        raise RuleFileError(path, "'rule' must be an array of tables: write [[rule]]", field="rule")
    specs: list[RuleSpec] = []
    for index, item in enumerate(rules_raw):
        line = lines[index] if index < len(lines) else None
        code = item.get("code") if isinstance(item, dict) else None
        if isinstance(item, dict):
            for key in ("terms", "near_terms"):
                try:
                    item = {**item, key: _expand_lexicons(item[key], lexicons)} if key in item else item
                except KeyError as exc:
                    where = _field_line(raw, line, key) if line else None
                    raise RuleFileError(path, f"unknown lexicon {exc.args[0]} (define it in lexicons.toml)", line=where, code=code, field=key) from exc
        if isinstance(item, dict) and isinstance(item.get("pattern"), str):
            try:
                item = {**item, "pattern": _expand_fragments(item["pattern"], fragments)}
            except KeyError as exc:
                where = _field_line(raw, line, "pattern") if line else None
                raise RuleFileError(path, f"unknown fragment {{{{{exc.args[0]}}}}} (define it in fragments.toml)", line=where, code=code, field="pattern") from exc
        try:
            specs.append(RuleSpec.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            if not loc and ":" in msg:
                loc, _, msg = msg.partition(": ")
            where = _field_line(raw, line, loc) if line and loc else line
            raise RuleFileError(path, msg, line=where, code=code, field=loc or None) from exc
        for term in [*specs[-1].terms, *specs[-1].near_terms]:
            try:
                expand(term)
            except TermSyntaxError as exc:
                where = _field_line(raw, line, "terms") if line else None
                raise RuleFileError(path, str(exc), line=where, code=code, field="terms") from exc
    extra = {k: v for k, v in data.items() if k != "rule"}
    header = _validate_model(RuleFile, extra, path)
    return RuleFile(disable=header.disable, rule=specs), lines


def _hash_dirs(dirs: list[Path]) -> str:
    """SHA-256 over every data file of the rule directories (rules, lexicons, name lists)."""
    digest = hashlib.sha256()
    for directory in dirs:
        for path in sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix in {".toml", ".txt"}):
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def load_ruleset(dirs: list[Path]) -> RuleSet:
    """Validate and merge rule directories, in order (later ones override)."""
    if not dirs:
        raise RuleSetError("no rule directory given")
    rules: dict[str, LoadedRule] = {}
    names: list[str] = []
    guards: GuardCues | None = None
    allow: list[str] = []
    disabled: list[str] = []
    overridden: list[str] = []
    fragments: dict[str, str] = {}
    lexicons: dict[str, list[str]] = {}
    for directory in dirs:
        directory = Path(directory)
        if not directory.is_dir():
            raise RuleSetError(f"rule directory not found: {directory}")
        seen_here: dict[str, Path] = {}
        meta_path = directory / "ruleset.toml"
        if meta_path.exists():
            names.append(_validate_model(RulesetMeta, _read_toml(meta_path)[0], meta_path).name)
        else:
            names.append(directory.name)
        guards_path = directory / "guards.toml"
        if guards_path.exists():
            guards = _validate_model(GuardCues, _read_toml(guards_path)[0], guards_path)
        allow_path = directory / "allowlist.toml"
        if allow_path.exists():
            allow.extend(_validate_model(AllowList, _read_toml(allow_path)[0], allow_path).words)
        fragments_path = directory / "fragments.toml"
        if fragments_path.exists():
            fragments.update(_validate_model(Fragments, _read_toml(fragments_path)[0], fragments_path).fragments)
        lexicons_path = directory / "lexicons.toml"
        if lexicons_path.exists():
            lexicons.update(_validate_model(Lexicons, _read_toml(lexicons_path)[0], lexicons_path).lexicons)
        for path in sorted(directory.glob("*.toml")):
            if path.name in SPECIAL_FILES:
                continue
            parsed, lines = _parse_rule_file(path, fragments, lexicons)
            for code in parsed.disable:
                if code not in rules:
                    raise RuleFileError(path, f"cannot disable unknown rule {code}", field="disable", code=code)
                del rules[code]
                disabled.append(code)
            for index, spec in enumerate(parsed.rule):
                line = lines[index] if index < len(lines) else 0
                if spec.code in seen_here:
                    raise RuleFileError(path, f"duplicate rule code (also in {seen_here[spec.code].name})", line=line, code=spec.code, field="code")
                seen_here[spec.code] = path
                if spec.code in rules:
                    overridden.append(spec.code)
                rules[spec.code] = LoadedRule(spec, path, line)
    if guards is None:
        raise RuleSetError("no guards.toml in any rule directory: the guards need their cue words")
    return RuleSet(
        name="+".join(names),
        content_hash=_hash_dirs([Path(d) for d in dirs]),
        rules=sorted(rules.values(), key=lambda r: r.spec.code),
        guards=guards,
        allow_words=allow,
        disabled=disabled,
        overridden=overridden,
    )
