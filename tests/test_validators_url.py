"""The link validators `suspicious_url` and `deceptive_url` (advertising and copyright rules)."""

from __future__ import annotations

import pytest

from modkit.rules.validators import (
    MANY_LINKS,
    VALIDATORS,
    deceptive_url_ok,
    link_host,
    suspicious_url_ok,
)


def test_registered() -> None:
    assert VALIDATORS["suspicious_url"] is suspicious_url_ok
    assert VALIDATORS["deceptive_url"] is deceptive_url_ok


@pytest.mark.parametrize(
    ("link", "host"),
    [
        ("https://www.lidingo.se/bygglov", "lidingo.se"),
        ("www.Lidingo.se", "lidingo.se"),
        ("bit.ly/3xKtj9Q", "bit.ly"),
        ("http://shop.example.com:8080/a?b=c", "shop.example.com"),
        ("example.se.", "example.se"),
    ],
)
def test_link_host(link: str, host: str) -> None:
    assert link_host(link) == host


@pytest.mark.parametrize(
    "text",
    [
        "bit.ly/3xKtj9Q",  # shortener
        "https://tinyurl.com/billigt",
        "linktr.ee/lovelyhanna",  # link-in-bio page
        "super-deals.shop",  # suspicious TLD
        "https://www.lucky-win.xyz/spin",
        "fotbollstream24.live/derby",
    ],
)
def test_suspicious_hosts(text: str) -> None:
    assert suspicious_url_ok(text)
    assert not deceptive_url_ok(text)  # suspicious, but nothing deceptive on its own


@pytest.mark.parametrize(
    "text",
    [
        "lidingo.se.parkering-betala.top/bot",  # a real domain used as the first labels of another
        "https://www.lidingo.se.betalning.nu/avgift",
        "[lidingo.se/parkering](https://lidingo-betala.top/bot)",  # link text names another site
        '<a href="http://evil.example.net/x">www.lidingo.se</a>',
        "butiken.se/produkt?aff=lisa22",  # affiliate link
        "enkatkungen.se/ref=lina",
        "prisfynd.nu/a1, prisfynd.nu/b2 och prisfynd.nu/c3",  # many different links
    ],
)
def test_deceptive(text: str) -> None:
    assert deceptive_url_ok(text)
    assert suspicious_url_ok(text)  # deceptive implies suspicious


@pytest.mark.parametrize(
    "text",
    [
        "https://www.lidingo.se/snorojning",
        "lidingotidning.se/nyheter/detaljplan",
        "https://www.dn.se/sthlm/bron/?utm_source=facebook",  # tracking, not affiliate
        "news.com.au/world",  # a real two-level public suffix
        "www.bbc.co.uk/news",
        "[kommunens sida](https://www.lidingo.se/avfall)",  # link text that is not an address
        "[www.lidingo.se](https://www.lidingo.se/avfall)",  # link text naming its own target
        "a.se/1, a.se/1, b.se",  # only two different links
        "",
        "ingen länk här alls",
    ],
)
def test_harmless(text: str) -> None:
    assert not suspicious_url_ok(text)
    assert not deceptive_url_ok(text)


def test_many_links_threshold() -> None:
    links = [f"exempel{i}.se/sida" for i in range(MANY_LINKS)]
    assert deceptive_url_ok(" ".join(links))
    assert not deceptive_url_ok(" ".join(links[:-1]))


def test_subdomain_of_shown_site_is_not_hiding() -> None:
    assert not deceptive_url_ok("[lidingo.se](https://etjanst.lidingo.se/ansokan)")
