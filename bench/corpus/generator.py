"""The corpus generator: seeded items of the four kinds, assembled into a bundle.

:class:`Generator` draws every choice from one ``random.Random(seed)``, so a
seed and an item count always give the same bundle. It builds organisations
first (routine steps and related organisations name them), then routines,
guidance and news, in the shares of ``SHARES``, with text from
:mod:`bench.corpus.vocabulary` and tags from :mod:`bench.corpus.taxonomy`.
"""

import datetime
import random
import re
import unicodedata

from bench.corpus.taxonomy import AUDIENCES, COUNTIES, COUNTRIES, PLACES, REGIONS, THEMES
from bench.corpus.vocabulary import (
    ACTIONS,
    FORMS,
    GUIDANCE_PREFIXES,
    KIND_WEIGHTS,
    NEWS_TEMPLATES,
    ORG_KINDS,
    ORG_LANGUAGES,
    OTHER_GUIDANCE,
    OTHER_NEWS,
    OTHER_ROUTINE,
    OTHER_SUMMARY,
    POLICE_REGIONS,
    ROUTINE_PREFIXES,
    SENTENCES,
    SETTINGS,
    SHELTER_NAMES,
    STEP_TITLES,
    STREETS,
    TRANSLATABLE_ACTIONS,
)

SHARES = {"organisations": 0.15, "routines": 0.45, "guidance": 0.25, "news": 0.15}
P_ENGLISH = 0.70
P_OTHER = 0.03  # per language among it, el, lv
P_RESTRICTED = 0.05

_TRANSLIT = str.maketrans({"ä": "a", "å": "a", "ö": "o", "é": "e", "ü": "u"})


def slug(text, limit=60):
    text = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].strip("-")


def cap(text):
    return text[:1].upper() + text[1:]


class Generator:
    def __init__(self, seed, items, pdfs=0):
        self.rng = random.Random(seed)
        self.items = items
        self.pdfs = pdfs
        self.serial = 0
        self.organisations = []  # (key, sv name, en name, phone)
        self.today = datetime.date(2025, 10, 1)

    # -- small pieces ------------------------------------------------------

    def key(self, text):
        self.serial += 1
        return f"{slug(text, 60)}-{self.serial}"

    def date(self, start_year, end=None):
        end = end or self.today
        start = datetime.date(start_year, 1, 1)
        return (start + datetime.timedelta(self.rng.randrange((end - start).days))).isoformat()

    def phone(self):
        r = self.rng.randrange
        return f"+46 {r(8, 99)} {r(100, 999)} {r(10, 99)} {r(10, 99)}"

    def pick(self, pool, low, high):
        return [k for k, *_ in self.rng.sample(pool, self.rng.randint(low, high))]

    def tags(self):
        return {
            "themes": self.pick(THEMES, 1, 3),
            "regions": self.pick(REGIONS, 0, 2),
            "audiences": self.pick(AUDIENCES, 1, 3),
        }

    def languages(self):
        """Which languages besides sv this item gets: en (~70 %), it/el/lv (a few)."""
        rng = self.rng
        others = [lang for lang in ("it", "el", "lv") if rng.random() < P_OTHER]
        return rng.random() < P_ENGLISH, others

    def slots(self):
        rng = self.rng
        form = rng.choice(FORMS)
        org = rng.choice(self.organisations) if self.organisations else None
        place = rng.choice(PLACES)
        days = rng.choice((30, 30, 60, 90))
        phone = org[3] if org else self.phone()
        sv = {
            "form": form[0],
            "place": place,
            "days": days,
            "phone": phone,
            "org": org[1] if org else "socialtjänsten",
        }
        en = {
            "form": form[1],
            "place": place,
            "days": days,
            "phone": phone,
            "org": org[2] if org else "the social services",
        }
        return sv, en

    def sentences(self, count):
        sv_out, en_out = [], []
        for sv_t, en_t in self.rng.sample(SENTENCES, count):
            sv, en = self.slots()
            sv_out.append(sv_t.format(**sv))
            en_out.append(en_t.format(**en))
        return sv_out, en_out

    def html(self, paragraphs, english, heading=None):
        rng = self.rng
        sv_parts, en_parts = [], []
        if heading:
            sv_parts.append(f"<h2>{heading[0]}</h2>")
            en_parts.append(f"<h2>{heading[1]}</h2>")
        for _ in range(paragraphs):
            sv, en = self.sentences(rng.randint(1, 3))
            if rng.random() < 0.15:
                sv_parts.append("<ul>" + "".join(f"<li>{s}</li>" for s in sv) + "</ul>")
                en_parts.append("<ul>" + "".join(f"<li>{s}</li>" for s in en) + "</ul>")
            elif rng.random() < 0.2:
                sv_parts.append(
                    f"<p><strong>{sv[0]}</strong> {' '.join(sv[1:])}</p>".replace(" </p>", "</p>")
                )
                en_parts.append(
                    f"<p><strong>{en[0]}</strong> {' '.join(en[1:])}</p>".replace(" </p>", "</p>")
                )
            else:
                sv_parts.append(f"<p>{' '.join(sv)}</p>")
                en_parts.append(f"<p>{' '.join(en)}</p>")
        result = {"sv": "".join(sv_parts)}
        if english:
            result["en"] = "".join(en_parts)
        return result

    def action(self, other):
        index = self.rng.choice(TRANSLATABLE_ACTIONS) if other else self.rng.randrange(len(ACTIONS))
        form = self.rng.choice(FORMS)
        texts = ACTIONS[index]
        return (texts[0].format(form=form[0]), texts[1].format(form=form[1]), *texts[2:])

    @staticmethod
    def text(sv, en, english, others=None):
        result = {"sv": sv}
        if english:
            result["en"] = en
        result.update(others or {})
        return result

    def restricted(self):
        return self.rng.random() < P_RESTRICTED

    # -- items ---------------------------------------------------------------

    def organisation(self):
        rng = self.rng
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        sv_t, en_t = rng.choice(ORG_KINDS[kind])
        county = rng.choice(COUNTIES)
        values = {
            "place": rng.choice(PLACES),
            "region": rng.choice(POLICE_REGIONS),
            "name": rng.choice(SHELTER_NAMES),
            "county": county[1].removesuffix(" län").removesuffix("s"),
        }
        sv, en = sv_t.format(**values), en_t.format(**values)
        english, _others = self.languages()
        key = self.key(sv)
        phone = self.phone()
        self.organisations.append((key, sv, en, phone))
        item = {
            "key": key,
            "name": self.text(sv, en, english),
            "kind": kind,
            "regions": [county[0]] + ([rng.choice(COUNTRIES)[0]] if rng.random() < 0.1 else []),
            "phone": phone,
            "email": f"kontakt{self.serial}@example.se",
            "website": f"https://www.example.se/{key}",
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {values['place']}",
            "open_24h": kind in ("police", "hotline") or rng.random() < 0.1,
            "languages": ["sv"] + rng.sample(ORG_LANGUAGES[1:], rng.randint(0, 4)),
            "description": self.html(rng.randint(1, 2), english),
            "verified_on": self.date(2022),
        }
        if self.restricted():
            item["restricted"] = True
        return item

    def routine(self):
        rng = self.rng
        english, others = self.languages()
        action = self.action(others)
        prefix = rng.choice(ROUTINE_PREFIXES)
        setting = rng.choice(SETTINGS)
        place = rng.choice(PLACES)
        sv = " ".join(filter(None, (prefix[0], action[0], setting[0]))) + f" – {place}"
        en = " ".join(filter(None, (prefix[1], action[1], setting[1]))) + f" – {place}"
        summary_sv, summary_en = self.sentences(2)
        steps = []
        for index in rng.sample(range(len(STEP_TITLES)), rng.randint(2, 6)):
            step = {
                "title": self.text(*STEP_TITLES[index], english),
                "body": self.html(rng.randint(1, 2), english),
            }
            if self.organisations and rng.random() < 0.8:
                step["responsible"] = rng.choice(self.organisations)[0]
            if rng.random() < 0.5:
                step["requirement"] = rng.choice(("must", "should"))
            steps.append(step)
        item = {
            "key": self.key(f"{action[0]} {place}"),
            "title": self.text(
                sv,
                en,
                english,
                {
                    lang: OTHER_ROUTINE[lang].format(a=action[2 + i])
                    for i, lang in enumerate(("it", "el", "lv"))
                    if lang in others
                },
            ),
            "summary": self.text(
                " ".join(summary_sv),
                " ".join(summary_en),
                english,
                {
                    lang: OTHER_SUMMARY[lang].format(a=action[2 + i], p=place)
                    for i, lang in enumerate(("it", "el", "lv"))
                    if lang in others
                },
            ),
            "steps": steps,
            **self.tags(),
            "organisations": [
                o[0]
                for o in rng.sample(
                    self.organisations, min(len(self.organisations), rng.randint(0, 3))
                )
            ],
            "restricted": self.restricted(),
            "last_reviewed": self.date(2021),
        }
        return item

    def guidance(self, document=None):
        rng = self.rng
        english, others = self.languages()
        action = self.action(others)
        prefix = rng.choice(GUIDANCE_PREFIXES)
        place = rng.choice(PLACES)
        sv = f"{prefix[0]} {action[0]} ({place})"
        en = f"{prefix[1]} {action[1]} ({place})"
        summary_sv, summary_en = self.sentences(2)
        item = {
            "key": self.key(f"vagledning {action[0]} {place}"),
            "title": self.text(
                sv,
                en,
                english,
                {
                    lang: OTHER_GUIDANCE[lang].format(a=action[2 + i])
                    for i, lang in enumerate(("it", "el", "lv"))
                    if lang in others
                },
            ),
            "summary": self.text(" ".join(summary_sv), " ".join(summary_en), english),
            "body": self.html(rng.randint(2, 5), english, heading=(cap(action[0]), cap(action[1]))),
            **self.tags(),
            "published": self.date(2010),
            "restricted": self.restricted(),
        }
        if document:
            item["document"] = document
        return item

    def news(self):
        rng = self.rng
        english, others = self.languages()
        sv_t, en_t = rng.choice(NEWS_TEMPLATES)
        form = rng.choice(FORMS)
        place = rng.choice(PLACES)
        sv = cap(sv_t.format(form=form[0], place=place))
        en = cap(en_t.format(form=form[1], place=place))
        summary_sv, summary_en = self.sentences(1)
        action = self.action(True) if others else None
        item = {
            "key": self.key(f"{sv}"),
            "title": self.text(
                sv,
                en,
                english,
                {
                    lang: OTHER_NEWS[lang].format(a=action[2 + i], p=place)
                    for i, lang in enumerate(("it", "el", "lv"))
                    if lang in others
                },
            ),
            "summary": self.text(summary_sv[0], summary_en[0], english),
            "body": self.html(rng.randint(1, 4), english),
            "date": self.date(2005),
            **self.tags(),
        }
        if self.restricted():
            item["restricted"] = True
        return item

    # -- whole bundle ----------------------------------------------------------

    def counts(self):
        counts = {name: int(self.items * share) for name, share in SHARES.items()}
        counts["routines"] += self.items - sum(counts.values())
        if self.items and not counts["organisations"]:
            counts["organisations"], counts["routines"] = 1, counts["routines"] - 1
        return counts

    def bundle(self):
        counts = self.counts()
        taxonomy = {
            name: [{"key": k, "name": {"sv": sv, "en": en}} for k, sv, en in terms]
            for name, terms in (("themes", THEMES), ("regions", REGIONS), ("audiences", AUDIENCES))
        }
        documents = [f"files/dokument-{i + 1}.pdf" for i in range(self.pdfs)]
        return {
            "format": "portal-bundle/1",
            "taxonomy": taxonomy,
            "organisations": [self.organisation() for _ in range(counts["organisations"])],
            "routines": [self.routine() for _ in range(counts["routines"])],
            "guidance": [
                self.guidance(documents[i] if i < len(documents) else None)
                for i in range(counts["guidance"])
            ],
            "news": [self.news() for _ in range(counts["news"])],
        }
