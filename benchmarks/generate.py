"""Generate N realistic news articles and a curation file for them, deterministically.

Not copies of the seeds: each article is written from sentence templates of several kinds of
event (a missile strike on a city, troops deployed abroad, an earthquake, floods, an election),
with varied numbers, names, places and dates, tolls that rise over the days, children among
the dead, quotes with speakers, paraphrases, bylines, datelines, page furniture, and some
near-duplicate wire copies (the same story carried by another outlet with small edits).

Usage: python benchmarks/generate.py N FOLDER   (writes FOLDER/seeds/*.txt and FOLDER/dossier.yml)
The same N and seed always give the same bytes.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

CITIES = ["Marinsk", "Velora", "Dornbach", "Kestrel Bay", "Ostrava Nova", "Halden", "Sorrento Vale",
          "Brightwater", "Tamsk", "Lindau Port", "Carvello", "Ruzhin", "Pellham", "Astoria Fields",
          "Norvik", "Sandomir", "Tiberon", "Quillan", "Merova", "Zavodsk"]
REGIONS = ["Northern Province", "Lake District", "Eastern Oblast", "Coastal Region", "Highland Province",
           "Southern District"]
COUNTRIES = ["Valdoria", "Ostland", "Kirenia", "Morvania", "Severia"]
OFFICIALS = [("Anna Lintberg", "Interior Minister"), ("Pavel Dressik", "Governor"),
             ("Maria Castellane", "Mayor"), ("Tomas Reuvel", "President"),
             ("Ivo Marchetti", "Defence Minister"), ("Helena Sorgaard", "Prime Minister"),
             ("Oleg Varnas", "head of the regional administration"), ("Sofia Brandt", "UN envoy")]
AGENCIES = ["the State Emergency Service", "the Red Cross", "the regional administration",
            "the health ministry", "military intelligence", "the Institute for Conflict Studies",
            "the national police", "the election commission"]
OUTLETS = ["Daily Courier", "Northern Wire", "Global Dispatch", "The Ledger", "Metro Herald",
           "Evening Standard Post", "Continental Press", "Radio Free Lake", "Capital Times",
           "News Agency Interfax-North"]
WEAPONS = ["KR-7", "Tornado-S", "Iskra-2", "Kalibr-M", "V-310"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FURNITURE = ["Read more: {city} residents count the cost", "Share this article", "Photo: {outlet}",
             "Most read", "Subscribe to our newsletter", "Advertisement"]


def _day(d: date, rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{d.day} {MONTHS[d.month - 1]}"
    if style == 1:
        return f"{MONTHS[d.month - 1]} {d.day}"
    return f"on {d.strftime('%A')}".replace("on ", "")


def _num(value: int, rng: random.Random) -> str:
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
             10: "ten", 12: "twelve"}
    if value in words and rng.random() < 0.4:
        return words[value]
    if value >= 1000 and rng.random() < 0.5:
        return f"{value:,}"
    if value >= 1000 and rng.random() < 0.5:
        return f"{value:,}".replace(",", " ")
    return str(value)


def _qualified(value: int, rng: random.Random) -> str:
    q = rng.choice(["", "", "at least ", "more than ", "about ", "almost ", "up to "])
    return q + _num(value, rng)


class Event:
    """One story: where, when and the numbers that change over its days."""

    def __init__(self, rng: random.Random, index: int, start: date) -> None:
        self.kind = rng.choice(["strike", "strike", "troops", "quake", "flood", "election"])
        self.city = rng.choice(CITIES)
        self.region = rng.choice(REGIONS)
        self.country = rng.choice(COUNTRIES)
        self.other = rng.choice([c for c in COUNTRIES if c != self.country])
        self.weapon = rng.choice(WEAPONS)
        self.start = start + timedelta(days=rng.randrange(330))
        self.official = rng.choice(OFFICIALS)
        self.agency = rng.choice(AGENCIES)
        self.killed = rng.randint(3, 60)
        self.injured = self.killed * rng.randint(2, 8)
        self.troops = rng.choice([1500, 3000, 8000, 11000, 12000, 50000])
        self.index = index

    def toll(self, day: int) -> int:
        return self.killed + day * max(1, self.killed // 4)


def _sentences(ev: Event, day: int, rng: random.Random) -> list[str]:
    d = ev.start + timedelta(days=day)
    when = _day(ev.start, rng)
    name, title = ev.official
    killed, injured = ev.toll(day), ev.injured + day * 3
    children = max(1, killed // 7)
    say = rng.choice(["said", "told reporters", "wrote on social media", "stressed", "announced"])
    common = [
        f"{title[0].upper() + title[1:]} {name} {say} that the situation in {ev.city} remained difficult.",
        f'"We will not leave anyone behind," {name} {say}.',
        f"According to {ev.agency}, rescue teams worked through the night in {ev.city}.",
        f"Residents of {ev.city} gathered outside the town hall on {_day(d, rng)}.",
        f"The {ev.region} declared a day of mourning.",
        f"Officials in {ev.country} promised compensation to the families of the victims.",
    ]
    by_kind = {
        "strike": [
            f"{ev.other} attacked {ev.city} on the night of {when} with {_qualified(rng.randint(5, 40), rng)} missiles and drones.",
            f"The death toll from the strike on {ev.city} rose to {_num(killed, rng)}, including {_num(children, rng)} children, {ev.agency} said.",
            f"At least {_num(injured, rng)} people were injured, {name} said on {_day(d, rng)}.",
            f"A {ev.weapon} missile hit a residential building in the {ev.region}, according to preliminary information.",
            f"Air defence shot down {_num(rng.randint(10, 60), rng)} of the {_num(rng.randint(60, 90), rng)} drones launched overnight.",
            f"The number of dead has reached {_num(killed, rng)} and {_num(injured, rng)} people were wounded.",
            f"{_num(rng.randint(2, 40), rng).capitalize()} buildings were damaged in {ev.city}.",
        ],
        "troops": [
            f"{ev.other} has deployed {_qualified(ev.troops, rng)} troops to the border with {ev.country}, {ev.agency} reported on {_day(d, rng)}.",
            f"About {_num(rng.randint(100, 900), rng)} soldiers from {ev.other} have been killed and {_num(rng.randint(900, 3000), rng)} wounded, military intelligence said.",
            f"{name} said that {_num(ev.troops // 4, rng)} more soldiers had arrived in the {ev.region}.",
            f"The troops are being trained in artillery and drone warfare near {ev.city}.",
            f"Analysts at the Institute for Conflict Studies estimate that {_num(ev.troops, rng)} to {_num(ev.troops + 2000, rng)} troops are involved.",
        ],
        "quake": [
            f"A magnitude {rng.randint(5, 7)}.{rng.randint(0, 9)} earthquake struck near {ev.city} on {when}.",
            f"The earthquake killed {_qualified(killed, rng)} people and injured {_num(injured, rng)}, {ev.agency} said.",
            f"More than {_num(rng.randint(50, 400), rng)} buildings collapsed in the {ev.region}.",
            f"{_num(rng.randint(200, 3000), rng).capitalize()} rescuers are searching the rubble in {ev.city}.",
        ],
        "flood": [
            f"Floods in the {ev.region} have forced {_qualified(rng.randint(1000, 40000), rng)} people from their homes.",
            f"The floods have killed {_num(killed, rng)} people, including {_num(children, rng)} children, {name} said.",
            f"Water levels in {ev.city} rose by {rng.randint(2, 6)} metres overnight on {when}.",
            f"The government of {ev.country} allocated $20 million in emergency aid.",
        ],
        "election": [
            f"Turnout in the {ev.region} was {rng.randint(40, 80)} percent, the election commission said.",
            f"{name} won {_num(rng.randint(100000, 900000), rng)} votes, according to preliminary results.",
            f"Observers reported {_num(rng.randint(10, 200), rng)} violations at polling stations in {ev.city}.",
            f"Parliament approved the result by {_num(rng.randint(200, 300), rng)} votes to {_num(rng.randint(50, 150), rng)}.",
        ],
    }
    return by_kind[ev.kind] + common


def _article(ev: Event, day: int, outlet: str, rng: random.Random, background: Event) -> str:
    d = ev.start + timedelta(days=day)
    pool = _sentences(ev, day, rng)
    earlier = _sentences(ev, max(0, day - 1 - rng.randrange(2)), rng)  # what was known before
    pool += rng.sample(earlier, k=min(len(earlier), rng.randint(2, 6)))
    pool = list(dict.fromkeys(pool))
    rng.shuffle(pool)
    headline = {
        "strike": f"Death Toll Rises After Missile Strike on {ev.city}",
        "troops": f"{ev.other} Sends More Troops Toward {ev.country}",
        "quake": f"Earthquake Near {ev.city} Leaves Dozens Dead",
        "flood": f"Floods in the {ev.region} Force Thousands From Homes",
        "election": f"Results Announced in {ev.region} Vote",
    }[ev.kind]
    lines = [f"date {d.isoformat()} {headline}" if rng.random() < 0.3 else headline, ""]
    if rng.random() < 0.5:
        lines += [f"By {rng.choice(OFFICIALS)[0].split()[0]} {rng.choice(['Kovacs', 'Miller', 'Duarte', 'Nakamura'])}, {outlet}", ""]
    paragraphs, per = [], rng.randint(2, 4)
    for start in range(0, len(pool), per):
        paragraphs.append(" ".join(pool[start:start + per]))
    if paragraphs and rng.random() < 0.5:
        paragraphs[0] = f"{ev.city.upper()}, {MONTHS[d.month - 1]} {d.day} ({outlet}) — " + paragraphs[0]
    for i, paragraph in enumerate(paragraphs):
        lines += [paragraph, ""]
        if rng.random() < 0.15:
            lines += [rng.choice(FURNITURE).format(city=ev.city, outlet=outlet), ""]
    for other in (background, ev)[: rng.randint(1, 2)]:  # background under a sub-heading
        lines += [f"Background: the situation in {other.city}", ""]
        more = list(dict.fromkeys(_sentences(other, rng.randrange(6), rng)))
        rng.shuffle(more)
        lines += [" ".join(more[:3]), "", " ".join(more[3:7]), ""]
    lines.append(f"Published {d.isoformat()}, {outlet}.")
    return "\n".join(lines) + "\n"


def _wire_copy(text: str, outlet: str, rng: random.Random) -> str:
    """The same story carried by another outlet: a few words changed, a line dropped."""
    lines = text.splitlines()
    swaps = [("said", "stated"), ("people", "persons"), ("rose to", "climbed to"), ("According to", "Citing")]
    out = []
    for line in lines:
        for a, b in swaps:
            if rng.random() < 0.3:
                line = line.replace(a, b, 1)
        if line.startswith("Published"):
            line = line.rsplit(",", 1)[0] + f", {outlet}."
        if line and rng.random() < 0.05:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def generate(count: int, folder: Path, seed: int = 12) -> None:
    rng = random.Random(seed)
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    events = [Event(rng, i, date(2025, 1, 1)) for i in range(max(3, count // 25))]
    written: list[str] = []
    for index in range(count):
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        if written and rng.random() < 0.15:
            text = _wire_copy(rng.choice(written[-50:]), outlet, rng)
        else:
            text = _article(rng.choice(events), rng.randrange(6), outlet, rng, rng.choice(events))
        written.append(text)
        (seeds / f"a{index:05d}.txt").write_text(text, encoding="utf-8")
    (folder / "dossier.yml").write_text(_curation(), encoding="utf-8")


def _curation() -> str:
    entities = "\n".join(
        f"  - name: {name}\n    kind: person\n    aliases: [{name.split()[-1]}]" for name, _ in OFFICIALS
    ) + "\n" + "\n".join(f"  - name: {c}\n    kind: place" for c in CITIES + COUNTRIES) + "\n" + "\n".join(
        f"  - name: {w}\n    kind: weapon" for w in WEAPONS[:3])
    return f"""title: A year of generated coverage
subtitle: Benchmark dossier (generated articles, not real events).
topics:
  - id: strikes
    title: Missile and drone strikes
    phrases: [missile strike, drones launched, air defence]
    keywords: [strike, missile, missiles, drones, attacked]
    min_keywords: 2
  - id: troops
    title: Troop deployments
    phrases: [deployed, soldiers from]
    keywords: [troops, soldiers, artillery, border]
    min_keywords: 2
  - id: disasters
    title: Earthquakes and floods
    phrases: [earthquake, floods]
    keywords: [rescuers, rubble, water, homes, collapsed]
    min_keywords: 2
  - id: casualties
    title: Casualties
    keywords: [killed, dead, injured, wounded, victims, death toll]
    min_keywords: 1
    metrics: [killed, injured]
  - id: elections
    title: Elections
    keywords: [votes, turnout, polling, observers, election]
    min_keywords: 1
entities:
{entities}
"""


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
