"""A seeded synthetic corpus for the personal-data benchmark.

Realistic resident comments with synthetic personal data mixed in (names,
addresses and e-mail user names from faker's sv_SE provider, numbers made up
with valid check digits), and look-alikes that must NOT match: order and
invoice numbers, case numbers, dates, prices, organisationsnummer,
Luhn-failing personnummer, the municipality's switchboard, officials' work
e-mail, streets named without a person.

    python -m benchmarks.pd_corpus --n 2000 --seed 7 -o /tmp/pd.jsonl

Each record: {"id", "text", "entities": [{"type", "start", "end", "value"}], "heldout_names": bool}
Entity types: personnummer, phone, email, address, name_detail, plate, account.
A few first names and surnames are drawn from a held-out list that is not in
rules/sv/names/, so name recall is not measured only on names the lists know.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Names that are deliberately absent from rules/sv/names/ (checked by the benchmark).
HELDOUT_FIRST = ["Kaisu", "Nelli", "Jolin", "Alvina", "Siham", "Ilham", "Dzenan", "Kerim", "Aurelio", "Teodora",
                 "Lejon", "Ymer", "Vilgoth", "Sandor", "Bojan", "Rebin", "Zinat", "Darin", "Miro", "Eyob"]
HELDOUT_SUR = ["Öhrvall", "Kjellgren", "Tornblad", "Yousefi", "Hadzic", "Bakirci", "Ståhlberg", "Wennerholm",
               "Sirén", "Mekonnen", "Zahedi", "Ljungdahl", "Rydqvist", "Granlöf", "Nyrén", "Okafor"]

MOBILE_PREFIXES = ["070", "072", "073", "076", "079"]
AREA_CODES = ["08", "031", "040", "018", "0470", "0920", "063", "019", "0455", "013"]
FREE_MAIL = ["gmail.com", "hotmail.com", "hotmail.se", "outlook.com", "live.se", "yahoo.se", "icloud.com", "telia.com", "bredband.net", "protonmail.com"]
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"


@dataclass
class Piece:
    """A text under construction with entity spans."""

    parts: list[str] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    length: int = 0

    def add(self, s: str, etype: str | None = None) -> Piece:
        if etype:
            self.entities.append({"type": etype, "start": self.length, "end": self.length + len(s), "value": s})
        self.parts.append(s)
        self.length += len(s)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


class Gen:
    def __init__(self, seed: int) -> None:
        from faker import Faker  # the bench extra

        self.r = random.Random(seed)
        self.f = Faker("sv_SE")
        self.f.seed_instance(seed)
        self.heldout = False

    # --- synthetic data ------------------------------------------------------------
    def first(self) -> str:
        if self.heldout:
            return self.r.choice(HELDOUT_FIRST)
        return self.f.first_name()

    def surname(self) -> str:
        if self.heldout:
            return self.r.choice(HELDOUT_SUR)
        return self.f.last_name()

    def full(self) -> str:
        return f"{self.first()} {self.surname()}"

    def pnr(self, samordning: bool = False) -> str:
        born = date(1935, 1, 1) + timedelta(days=self.r.randrange(0, 365 * 88))
        day = born.day + (60 if samordning else 0)
        ymd = f"{born.year % 100:02}{born.month:02}{day:02}"
        serial = f"{self.r.randrange(0, 1000):03}"
        check = luhn_digit(ymd + serial)
        style = self.r.random()
        if style < 0.45:
            return f"{ymd}-{serial}{check}"
        if style < 0.7:
            return f"{born.year // 100}{ymd}-{serial}{check}"
        if style < 0.85:
            return f"{ymd}{serial}{check}" if not ymd.startswith("07") else f"{ymd}-{serial}{check}"
        if style < 0.93:
            return f"{born.year // 100}{ymd}{serial}{check}"
        return f"{ymd} {serial}{check}"

    def bad_pnr(self) -> str:
        """Right shape, wrong Luhn digit (an order number)."""
        p = self.pnr()
        last = int(p[-1])
        return p[:-1] + str((last + self.r.randrange(1, 10)) % 10)

    def orgnr(self) -> str:
        base = f"{self.r.choice('25789')}{self.r.randrange(0, 10)}{self.r.randrange(20, 100)}{self.r.randrange(0, 100):02}{self.r.randrange(0, 1000):03}"
        return f"{base[:6]}-{base[6:]}{luhn_digit(base)}"

    def mobile(self) -> str:
        pre = self.r.choice(MOBILE_PREFIXES)
        rest = f"{self.r.randrange(0, 10**7):07}"
        style = self.r.randrange(8)
        if style == 0:
            return f"{pre}-{rest[:3]} {rest[3:5]} {rest[5:]}"
        if style == 1:
            return f"{pre}{rest}"
        if style == 2:
            return f"{pre} {rest[:3]} {rest[3:5]} {rest[5:]}"
        if style == 3:
            return f"{pre}-{rest}"
        if style == 4:
            return f"+46 {pre[1:]} {rest[:3]} {rest[3:5]} {rest[5:]}"
        if style == 5:
            return f"+46{pre[1:]}{rest}"
        if style == 6:
            return f"0046 {pre[1:]} {rest[:3]} {rest[3:5]} {rest[5:]}"
        return f"{pre}-{rest[:2]} {rest[2:4]} {rest[4:]}"

    def landline(self) -> str:
        area = self.r.choice(AREA_CODES)
        n = 8 if area == "08" else 6 if len(area) == 4 else 7
        rest = f"{self.r.randrange(10**(n-1), 10**n)}"
        if rest.endswith("00"):
            rest = rest[:-1] + "7"
        if n == 8:
            return f"{area}-{rest[:3]} {rest[3:6]} {rest[6:]}"
        if n == 7:
            return f"{area}-{rest[:3]} {rest[3:5]} {rest[5:]}"
        return f"{area}-{rest[:2]} {rest[2:4]} {rest[4:]}"

    def phone(self) -> str:
        return self.mobile() if self.r.random() < 0.75 else self.landline()

    def email(self, first: str | None = None, last: str | None = None) -> str:
        first = (first or self.first()).lower()
        last = (last or self.surname()).lower()
        fold = str.maketrans("åäöéü", "aaoeu")
        first, last = first.translate(fold).replace(" ", ""), last.translate(fold).replace(" ", "")
        local = self.r.choice([f"{first}.{last}", f"{first}{last}", f"{first}_{last}{self.r.randrange(50, 99)}", f"{first[0]}{last}", f"{first}{self.r.randrange(60, 99)}"])
        return f"{local}@{self.r.choice(FREE_MAIL)}"

    def street(self) -> str:
        return self.f.street_name()

    def address(self, postcode: bool | None = None) -> str:
        number = str(self.r.randrange(1, 120))
        if self.r.random() < 0.25:
            number += self.r.choice(["A", "B", "C", " B", " A"])
        a = f"{self.street()} {number}"
        if postcode if postcode is not None else self.r.random() < 0.35:
            a += f", {self.r.randrange(100, 999)} {self.r.randrange(10, 99)} {self.f.city()}"
        return a

    def plate(self) -> str:
        letters = "".join(self.r.choice(PLATE_LETTERS.replace("O", "") if i == 0 else PLATE_LETTERS) for i in range(3))
        tail = f"{self.r.randrange(0, 100):02}" + (str(self.r.randrange(10)) if self.r.random() < 0.5 else self.r.choice("ABCDEFGHJKLMNPRSTUWXYZ"))
        return f"{letters} {tail}" if self.r.random() < 0.7 else letters + tail

    def order_number(self) -> str:
        return self.r.choice([
            f"{self.r.randrange(10**7, 10**8)}", f"#{self.r.randrange(10**5, 10**6)}", f"{self.r.randrange(100, 999)}-{self.r.randrange(10**5, 10**6)}",
            f"SO{self.r.randrange(10**6, 10**7)}", f"{self.r.randrange(2019, 2027)}-{self.r.randrange(1000, 99999)}",
        ])

    def invoice_number(self) -> str:
        return self.r.choice([f"{self.r.randrange(10**9, 10**10)}", f"{self.r.randrange(10**5, 10**6)}", self.bad_pnr().replace("-", "")])

    def price(self) -> str:
        return self.r.choice([f"{self.r.randrange(50, 5000)} kr", f"{self.r.randrange(1, 99)} {self.r.randrange(100, 999)} kr", f"{self.r.randrange(10, 999)}:-"])

    def a_date(self) -> str:
        d = date(2024, 1, 1) + timedelta(days=self.r.randrange(0, 800))
        return self.r.choice([d.isoformat(), f"{d.day}/{d.month}", d.strftime("%y%m%d"), f"{d.day} {['jan', 'feb', 'mars', 'april', 'maj', 'juni'][d.month % 6]}"])

    def age(self) -> int:
        return self.r.randrange(6, 95)


# --- templates ---------------------------------------------------------------------------
# Each template builds a Piece. Slots marked with an entity type are gold spans.
Template = Callable[[Gen], Piece]


def _t(*items: object) -> Template:
    """A template from strings and (callable, type) pairs."""

    def build(g: Gen) -> Piece:
        p = Piece()
        for item in items:
            if isinstance(item, str):
                p.add(item)
            elif isinstance(item, tuple):
                fn, etype = item
                p.add(fn(g), etype)
            else:
                p.add(item(g))  # type: ignore[operator]
        return p

    return build


def _choice(*options: str) -> Callable[[Gen], str]:
    return lambda g: g.r.choice(options)


PNR = (lambda g: g.pnr(), "personnummer")
SAMORD = (lambda g: g.pnr(samordning=True), "personnummer")
PHONE = (lambda g: g.phone(), "phone")
MOBILE = (lambda g: g.mobile(), "phone")
EMAIL = (lambda g: g.email(), "email")
ADDR = (lambda g: g.address(), "address")
PLATE = (lambda g: g.plate(), "plate")

POSITIVE: list[Template] = [
    _t("Hej! Jag har väntat på besked om bygglovet sedan i mars. Mitt personnummer är ", PNR, " om ni behöver söka fram ärendet."),
    _t("personnr ", PNR, " ansökan om parkeringstillstånd skickades för tre veckor sen, inget svar än"),
    _t("Ni har fakturerat fel igen. Kundnumret är mitt personnummer ", PNR, ", kolla själva."),
    _t("Anmälan till simskolan: ", _choice("Min son", "Min dotter", "Vårt barnbarn"), " ", (lambda g: g.first(), "name_detail"), ", ", PNR, ", vill gå i gruppen på tisdagar."),
    _t("Jag har samordningsnummer ", SAMORD, " och kan inte logga in med BankID. Hur gör jag?"),
    _t("Hej, samordningsnumret är ", SAMORD, ". Jag väntar fortfarande på svar om SFI."),
    _t("Pnr: ", PNR, "\nÄrende: överklagan av beslut om färdtjänst"),
    _t("Ring mig på ", PHONE, " om ni någon gång tänker svara på min felanmälan om gatlyset."),
    _t("@kommunen svara på min DM!!! har ringt tre gånger. ", MOBILE),
    _t("Säljer barnvagn, 800 kr, ring ", MOBILE, " efter 17"),
    _t("Hittade en katt vid badplatsen, grå och vit. Saknar du den? Ring ", PHONE, " 🐱"),
    _t("Ni når mig på ", PHONE, " dagtid eller ", MOBILE, " på kvällarna."),
    _t("Har någon sett en svart cykel? Stulen i natt. Sms:a ", MOBILE, " tack!!"),
    _t("Skriv till mig på ", EMAIL, " så skickar jag bilderna på hålet i vägen."),
    _t("Det var ", lambda g: g.full(), " som bokade lokalen i lördags, mejla honom på ", EMAIL),
    _t("Svara mig på ", EMAIL, " tack. Fick p-bot fast jag betalade i appen."),
    _t("Kontakt: ", EMAIL, " / ", MOBILE),
    _t("Jag bor på ", ADDR, " och hör allt från bygget mitt i natten."),
    _t("Adressen är ", (lambda g: g.address(postcode=True), "address"), ". Eken lutar mot huset."),
    _t("Vi har flyttat till ", (lambda g: g.address(postcode=True), "address"), ". Måste vi söka om skolskjutsen?"),
    _t("Säljer soffa, hämtas på ", ADDR, ". Ring ", MOBILE),
    _t("Hon bor på ", ADDR, " för den som vill säga vad man tycker direkt."),
    _t("Plogbilen har plogat in min bil igen, röd Volvo ", PLATE, " utanför ", ADDR, ". Skicka någon!"),
    _t("Vem äger den vita skåpbilen ", PLATE, " som stått på vändplanen i tre veckor?"),
    _t("Bilen med reg ", PLATE, " kör alldeles för fort förbi skolan varje morgon."),
    _t("Betala tillbaka till mitt konto: clearing ", (lambda g: f"{g.r.randrange(3000, 9999)}", "account"), ", kontonr ", (lambda g: f"{g.r.randrange(100, 999)} {g.r.randrange(100, 999)} {g.r.randrange(100, 999)}-{g.r.randrange(10)}", "account"), ". Mvh ", lambda g: g.full()),
]


def _name_detail(kind: str) -> Template:
    def build(g: Gen) -> Piece:
        p = Piece()
        first, sur = g.first(), g.surname()
        name = f"{first} {sur}"
        r = g.r.random()
        if kind == "address":
            street = g.street()
            num = str(g.r.randrange(1, 90))
            opts = [
                ("Grannen ", name, f" på {street} {num} har byggt ett plank på tre meter utan bygglov."),
                ("", name, f" som bor på {street} {num} har eldat sopor hela helgen igen."),
                ("Min granne ", name, f" på {street} lämnar alltid soptunnan mitt på trottoaren."),
                ("Det är ", name, f" på {street} {num} som har den lösa hunden, ni vet vem."),
                ("Jag heter ", name, f" och bor på {street} {num}. Farthindret ligger precis utanför mitt fönster."),
                ("", first, f" på {street} har fått sitt staket nerplogat tre gånger i vinter."),
            ]
            a, nm, b = opts[int(r * len(opts))]
            p.add(a)
            start = p.length
            p.add(nm)
            p.add(b)
            p.entities.append({"type": "name_detail", "start": start, "end": start + len(nm), "value": nm})
            # the address detail, if it has a number, is also an address entity
            if num in b and street in b and f"{street} {num}" in b:
                s = p.text.index(f"{street} {num}", start)
                p.entities.append({"type": "address", "start": s, "end": s + len(f"{street} {num}"), "value": f"{street} {num}"})
            return p
        if kind == "age":
            age = g.age()
            opts = [
                ("Grattis ", name, f", {age} år, som vann distriktsfinalen i schack!! 🏆"),
                ("Det var ", name, f", {age}, som hittade plånboken vid stationen. Tack!"),
                ("Körkortet tillhör ", name, f", född -{g.r.randrange(40, 99)}. Hör av dig så lämnar jag tillbaka det."),
                ("Haha gubben till vänster är ju ", name, f", {age} år och fortfarande aktiv i föreningen 😄"),
                ("", name, f" ({age}) har spelat i korpen i tjugo år, fin artikel!"),
            ]
        elif kind == "workplace":
            opts = [
                ("Det är ", name, " som jobbar på macken vid rondellen, han ställer sin bil på handikapplatsen varje dag."),
                ("Ring hennes chef, ", name, " jobbar på apoteket i centrum."),
                ("", name, " som arbetar på ICA vid torget var så hjälpsam när jag tappade plånboken!"),
                ("Tack till ", name, " på biblioteket som hjälpte mig med e-tjänsten ❤️"),
                ("", first, " som jobbar i kassan på Coop har fått nog av kunderna, och jag förstår henne."),
            ]
        elif kind == "school":
            cls = f"{g.r.randrange(1, 9)}{g.r.choice('ABCD')}"
            school = g.r.choice(["Ekbackens skola", "Högsätra skola", "Brevikskolan", "Torsviks skola", "Källängens skola", "Bodals skola"])
            opts = [
                ("Min dotter ", name, f" går i {cls} på {school} och blir utfryst på rasterna."),
                ("", name, f" i {cls} på {school} har blivit retad hela terminen, gör något!"),
                ("Grattis ", name, f" från {school} som vann skrivtävlingen!"),
                ("", first, f" i {cls} får sitta ensam på lunchen, det är inte okej."),
            ]
        else:  # family
            rel = g.r.choice(["Min dotter", "Min son", "Min pappa", "Min mamma", "Min bror", "Min kusin", "Mormor", "Min svärmor"])
            opts = [
                (f"{rel} ", name, " har inte fått sin matlåda på två dagar!"),
                (f"{rel} ", name, " har väntat på färdtjänst i en timme nu."),
                ("Ni vet kommunalrådets man, ", name, "? Han har bytt bil igen."),
                ("Kontakta barnens pappa ", name, " om skolskjutsen i stället."),
                (f"{rel} ", first, " har fått fel tider till simskolan tre gånger."),
            ]
        a, nm, b = opts[int(r * len(opts))]
        p.add(a)
        start = p.length
        p.add(nm, None)
        p.add(b)
        p.entities.append({"type": "name_detail", "start": start, "end": start + len(nm), "value": nm})
        return p

    return build


NAME_DETAIL = [_name_detail(k) for k in ("address", "age", "workplace", "school", "family")]

NEGATIVE: list[Template] = [
    _t("Ordernummer ", lambda g: g.bad_pnr(), ", paketet har inte kommit än."),
    _t("Fakturanummer ", lambda g: g.invoice_number(), ", beloppet stämmer inte med offerten."),
    _t("Ärendenummer ", lambda g: g.order_number(), ". Jag har fortfarande inte fått något svar."),
    _t("Föreningen har organisationsnummer ", lambda g: g.orgnr(), " och söker bidrag för sommarlägret."),
    _t("Org.nr ", lambda g: g.orgnr(), " står på fakturan från entreprenören, är de verkligen godkända?"),
    _t("Biljetten kostar ", lambda g: g.price(), " och bussen går ", lambda g: g.a_date(), "."),
    _t("Beslutet togs ", lambda g: g.a_date(), " och gäller från ", lambda g: g.a_date(), ", står det i protokollet."),
    _t("Ring kommunens växel på 08-731 30 00 så kopplar de dig rätt."),
    _t("Ring växeln ", lambda g: g.landline()[:-2] + "00", " om du har frågor om avgiften."),
    _t("Kundtjänst har nummer 0771-", lambda g: f"{g.r.randrange(10, 99)} {g.r.randrange(10, 99)} {g.r.randrange(10, 99)}", ", de svarar snabbt."),
    _t("Mejla registrator@lidingo.se eller ", _choice("kommunen@lidingo.se", "info@lidingo.se", "bygglov@nacka.se"), " med ditt ärende."),
    _t("Jag mejlade enhetschefen på ", lambda g: f"{g.first().lower()}.{g.surname().lower().translate(str.maketrans('åäöé', 'aaoe'))}@lidingo.se", " och fick svar samma dag."),
    _t("Snöröjningen på ", lambda g: g.street(), " är usel i år, ingen har plogat sedan i fredags."),
    _t("Vägarbetet på ", lambda g: g.street(), " pågår ", lambda g: str(g.r.randrange(2, 9)), " veckor till enligt skylten."),
    _t("Bussen ", lambda g: str(g.r.randrange(100, 999)), " är försenad igen, ", lambda g: str(g.r.randrange(5, 40)), " minuter i morse."),
    _t("Parkeringen kostar ", lambda g: g.price(), " per dygn och ligger ", lambda g: str(g.r.randrange(100, 900)), " meter från entrén."),
    _t("Artikelnummer ", lambda g: str(g.r.randrange(10**6, 10**7)), " är slut i lager, när kommer nästa leverans?"),
    _t("OCR ", lambda g: f"{g.r.randrange(10**9, 10**10)}{g.r.randrange(10**3, 10**4)}", " ska anges vid betalning av fakturan."),
    _t("Kommunalrådet ", lambda g: g.full(), " svarade på frågan om budgeten i fullmäktige i går."),
    _t("Stadsdirektören har skrivit ett svar på kritiken, läs det på kommunens webb."),
    _t("Grattis till alla som tog studenten i dag! 🎓 Ni har kämpat i ", lambda g: str(g.r.randrange(3, 4)), " år."),
    _t("Mötet hålls i sal ", lambda g: f"{g.r.randrange(1, 5)}{g.r.randrange(10, 99)}", " kl 18.30, alla är välkomna."),
    _t("Vi var ", lambda g: str(g.r.randrange(20, 300)), " personer på loppet och det regnade hela tiden 😅"),
    _t("Ni har dragit ", lambda g: g.price(), " två gånger för fritids i februari. Kolla referens ", lambda g: g.order_number(), "."),
    _t("Kursen SFI ", lambda g: str(g.r.randrange(100, 999)), " börjar i augusti, anmälan via e-tjänsten."),
    _t("Linje ", lambda g: str(g.r.randrange(200, 299)), " går varje kvart, utom på helger."),
]


def generate(n: int, seed: int) -> list[dict]:
    g = Gen(seed)
    rows = []
    for i in range(n):
        g.heldout = g.r.random() < 0.2
        roll = g.r.random()
        if roll < 0.45:
            tpl = g.r.choice(POSITIVE)
        elif roll < 0.7:
            tpl = g.r.choice(NAME_DETAIL)
        else:
            tpl = g.r.choice(NEGATIVE)
        piece = tpl(g)
        if g.r.random() < 0.3:  # a second, clean sentence before or after
            extra = g.r.choice(["Tack på förhand!", "Detta är tredje gången jag skriver.", "Snälla svara någon gång.", "Hur svårt kan det vara?", "🙄🙄"])
            piece.add(" " + extra)
        rows.append({"id": f"pd-{seed}-{i:05}", "text": piece.text, "entities": piece.entities, "heldout_names": g.heldout})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as fh:
        for row in generate(args.n, args.seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
