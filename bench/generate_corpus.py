#!/usr/bin/env python3
"""Generate a large, valid ``portal-bundle/1`` corpus for benchmarks.

    python bench/generate_corpus.py --items 10000 --out /tmp/corpus/bundle.json \
        [--seed 1] [--pdfs 20]

The corpus is deterministic for a given ``--seed`` and ``--items``. Items are
split about 15 % organisations, 45 % routines, 25 % guidance and 15 % news;
their text is Swedish built from the vocabulary of the field, with English for
about 70 % of the items and Italian, Greek or Latvian titles and summaries for
a few. About 5 % of the items are restricted. Routines have 2-6 steps whose
responsible party is one of the generated organisations. Every key is unique.

``--pdfs K`` writes K tiny valid PDFs to ``files/`` next to the JSON file and
attaches them to the first K guidance items; without it no document is
referenced. The script uses only the standard library so it also runs outside
the project's virtualenv.
"""

import argparse
import datetime
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

SHARES = {"organisations": 0.15, "routines": 0.45, "guidance": 0.25, "news": 0.15}
P_ENGLISH = 0.70
P_OTHER = 0.03  # per language among it, el, lv
P_RESTRICTED = 0.05

# --------------------------------------------------------------------------- taxonomy

THEMES = [
    ("identification", "Identifiering av offer", "Identifying victims"),
    ("protection", "Skydd och stöd", "Protection and support"),
    ("cooperation", "Myndighetssamverkan", "Inter-agency cooperation"),
    ("legal-process", "Rättsprocess", "Legal proceedings"),
    ("residence", "Uppehållstillstånd och reflektionsperiod", "Residence and reflection period"),
    ("children", "Barn och unga", "Children and young people"),
    ("labour-exploitation", "Arbetskraftsexploatering", "Labour exploitation"),
    ("sexual-exploitation", "Sexuell exploatering", "Sexual exploitation"),
    ("begging", "Tvångstiggeri", "Forced begging"),
    ("return", "Återvändande och återintegrering", "Return and reintegration"),
]
COUNTIES = [
    ("stockholm", "Stockholms län", "Stockholm County"),
    ("uppsala", "Uppsala län", "Uppsala County"),
    ("sodermanland", "Södermanlands län", "Södermanland County"),
    ("ostergotland", "Östergötlands län", "Östergötland County"),
    ("jonkoping", "Jönköpings län", "Jönköping County"),
    ("kronoberg", "Kronobergs län", "Kronoberg County"),
    ("kalmar", "Kalmar län", "Kalmar County"),
    ("gotland", "Gotlands län", "Gotland County"),
    ("blekinge", "Blekinge län", "Blekinge County"),
    ("skane", "Skåne län", "Skåne County"),
    ("halland", "Hallands län", "Halland County"),
    ("vastra-gotaland", "Västra Götalands län", "Västra Götaland County"),
    ("varmland", "Värmlands län", "Värmland County"),
    ("orebro", "Örebro län", "Örebro County"),
    ("vastmanland", "Västmanlands län", "Västmanland County"),
    ("dalarna", "Dalarnas län", "Dalarna County"),
    ("gavleborg", "Gävleborgs län", "Gävleborg County"),
    ("vasternorrland", "Västernorrlands län", "Västernorrland County"),
    ("jamtland", "Jämtlands län", "Jämtland County"),
    ("vasterbotten", "Västerbottens län", "Västerbotten County"),
    ("norrbotten", "Norrbottens län", "Norrbotten County"),
]
COUNTRIES = [
    ("italy", "Italien", "Italy"),
    ("greece", "Grekland", "Greece"),
    ("latvia", "Lettland", "Latvia"),
]
REGIONS = COUNTIES + COUNTRIES
AUDIENCES = [
    ("police", "Polis", "Police"),
    ("prosecutors", "Åklagare", "Prosecutors"),
    ("social-services", "Socialtjänst", "Social services"),
    ("health-care", "Hälso- och sjukvård", "Health care"),
    ("migration", "Migrationshandläggare", "Migration officers"),
    ("ngo", "Ideella organisationer", "Non-governmental organisations"),
    ("schools", "Skola och elevhälsa", "Schools and pupil health"),
    ("labour-inspectors", "Arbetsmiljöinspektörer", "Labour inspectors"),
    ("interpreters", "Tolkar", "Interpreters"),
    ("lawyers", "Målsägandebiträden och advokater", "Counsel and lawyers"),
]

# Municipalities (sv and en spelling are the same) used for place names.
PLACES = (
    "Stockholm Göteborg Malmö Uppsala Västerås Örebro Linköping Helsingborg Jönköping "
    "Norrköping Lund Umeå Gävle Borås Södertälje Eskilstuna Halmstad Växjö Karlstad "
    "Sundsvall Östersund Trollhättan Luleå Kalmar Kristianstad Skövde Falun Karlskrona "
    "Nyköping Visby Botkyrka Huddinge Haninge Nacka Solna Sollentuna Järfälla Täby "
    "Mölndal Kungsbacka Uddevalla Lidköping Landskrona Trelleborg Ystad Hässleholm "
    "Ängelholm Varberg Falkenberg Motala Katrineholm Västervik Oskarshamn Ljungby "
    "Värnamo Mora Borlänge Ludvika Sandviken Hudiksvall Söderhamn Örnsköldsvik "
    "Härnösand Skellefteå Piteå Boden Kiruna Gällivare Arvika Kristinehamn Karlskoga "
    "Köping Sala Enköping Norrtälje Märsta Strängnäs Alingsås Lerum Kungälv Stenungsund "
    "Vänersborg Mariestad Tranås Nässjö Vetlanda Eslöv Höganäs Vellinge Kävlinge "
    "Staffanstorp Burlöv Sjöbo Simrishamn Karlshamn Ronneby Olofström Sölvesborg"
).split()

# --------------------------------------------------------------------------- vocabulary

FORMS = [
    ("människohandel för sexuella ändamål", "trafficking for sexual purposes"),
    ("arbetskraftsexploatering", "labour exploitation"),
    ("tvångstiggeri", "forced begging"),
    ("människohandel för brottslig verksamhet", "trafficking for forced criminality"),
    ("människohandel för organhandel", "trafficking for organ removal"),
    ("människoexploatering", "human exploitation"),
    ("människohandel med barn", "child trafficking"),
]

# (sv, en, it, el, lv) - the last three only for the first few actions.
ACTIONS = [
    (
        "identifiera presumtiva offer för {form}",
        "identify presumed victims of {form}",
        "identificare le presunte vittime di tratta",
        "αναγνώριση πιθανών θυμάτων εμπορίας",
        "identificēt iespējamos cilvēktirdzniecības upurus",
    ),
    (
        "placera offer i skyddat boende",
        "place victims in sheltered accommodation",
        "collocare le vittime in una struttura protetta",
        "τοποθέτηση θυμάτων σε προστατευμένη στέγη",
        "izmitināt upurus drošā patversmē",
    ),
    (
        "ansöka om reflektionsperiod",
        "apply for a recovery and reflection period",
        "chiedere un periodo di riflessione",
        "αίτηση για περίοδο περίσκεψης",
        "pieteikties pārdomu periodam",
    ),
    (
        "ansöka om tillfälligt uppehållstillstånd för offer",
        "apply for a temporary residence permit for victims",
        "chiedere un permesso di soggiorno temporaneo per le vittime",
        "αίτηση προσωρινής άδειας διαμονής για θύματα",
        "pieteikties uz pagaidu uzturēšanās atļauju upuriem",
    ),
    (
        "boka tolk inför förhör",
        "book an interpreter before an interview",
        "prenotare un interprete prima dell'audizione",
        "κράτηση διερμηνέα πριν από την εξέταση",
        "pieteikt tulku pirms nopratināšanas",
    ),
    (
        "göra en orosanmälan till socialtjänsten",
        "file a report of concern with the social services",
        "segnalare un caso ai servizi sociali",
        "αναφορά ανησυχίας στις κοινωνικές υπηρεσίες",
        "ziņot sociālajam dienestam",
    ),
    (
        "genomföra förhör med barn",
        "conduct interviews with children",
        "condurre audizioni con minori",
        "εξέταση παιδιών",
        "veikt bērnu nopratināšanu",
    ),
    (
        "ge stöd till offer under rättsprocessen",
        "support victims during legal proceedings",
        "sostenere le vittime durante il processo",
        "υποστήριξη θυμάτων κατά τη δίκη",
        "atbalstīt upurus tiesvedības laikā",
    ),
    ("placera barn enligt LVU", "place children under the Care of Young Persons Act (LVU)"),
    (
        "placera ensamkommande barn på HVB",
        "place unaccompanied children in residential care (HVB)",
    ),
    (
        "samverka med åklagare under förundersökningen",
        "cooperate with the prosecutor during the preliminary investigation",
    ),
    ("göra en riskbedömning före återvändande", "make a risk assessment before return"),
    ("förordna målsägandebiträde", "appoint counsel for the injured party"),
    ("erbjuda hälsoundersökning", "offer a health examination"),
    ("ordna ekonomiskt bistånd", "arrange financial assistance"),
    ("ge vittnesstöd inför rättegången", "provide witness support before the trial"),
    (
        "upptäcka arbetskraftsexploatering vid arbetsplatskontroller",
        "detect labour exploitation during workplace inspections",
    ),
    ("bemöta personer som tigger", "respond to people who beg"),
    ("kontakta den regionala samordnaren", "contact the regional coordinator"),
    ("skydda offrets identitet", "protect the victim's identity"),
    ("ordna ett säkert återvändande", "arrange a safe return"),
    ("dokumentera tecken på {form}", "document signs of {form}"),
    ("utreda misstänkt {form}", "investigate suspected {form}"),
    ("hantera skuldsättning och hot mot offret", "deal with debt bondage and threats"),
]
TRANSLATABLE_ACTIONS = [i for i, a in enumerate(ACTIONS) if len(a) == 5]

ROUTINE_PREFIXES = [
    ("Rutin för att", "Routine to"),
    ("Checklista: så ska du", "Checklist: how to"),
    ("Arbetsgång för att", "Procedure to"),
    ("Handlingsplan för att", "Action plan to"),
]
SETTINGS = [
    ("", ""),
    ("i akuta ärenden", "in urgent cases"),
    ("i ärenden som rör barn", "in cases involving children"),
    ("nattetid och helger", "at night and at weekends"),
    ("vid gränskontroll", "at border checks"),
    ("under asylprocessen", "during the asylum process"),
    ("vid tillsyn av arbetsplatser", "during workplace inspections"),
]
OTHER_ROUTINE = {"it": "Procedura: {a}", "el": "Διαδικασία: {a}", "lv": "Procedūra: {a}"}
OTHER_SUMMARY = {
    "it": "Questa procedura descrive come {a} a {p}.",
    "el": "Η διαδικασία περιγράφει πώς γίνεται η {a} ({p}).",
    "lv": "Šī procedūra apraksta, kā {a} ({p}).",
}
OTHER_GUIDANCE = {"it": "Linee guida: {a}", "el": "Οδηγίες: {a}", "lv": "Vadlīnijas: {a}"}
OTHER_NEWS = {"it": "Notizie da {p}: {a}", "el": "Νέα από {p}: {a}", "lv": "Jaunumi no {p}: {a}"}

STEP_TITLES = [
    ("Uppmärksamma tecknen", "Notice the signs"),
    ("Samtala enskilt och med tolk", "Talk in private with an interpreter"),
    ("Kontakta polisen", "Contact the police"),
    ("Gör en orosanmälan", "File a report of concern"),
    ("Erbjud akut stöd", "Offer immediate support"),
    ("Ordna skyddat boende", "Arrange sheltered accommodation"),
    ("Gör en riskbedömning", "Make a risk assessment"),
    ("Informera om reflektionsperioden", "Explain the reflection period"),
    ("Ansök om uppehållstillstånd", "Apply for a residence permit"),
    ("Boka tolk", "Book an interpreter"),
    ("Förbered förhöret", "Prepare the interview"),
    ("Kontakta åklagaren", "Contact the prosecutor"),
    ("Begär målsägandebiträde", "Request counsel for the injured party"),
    ("Erbjud hälsoundersökning", "Offer a health examination"),
    ("Dokumentera och följ upp", "Document and follow up"),
    ("Kontakta den regionala samordnaren", "Contact the regional coordinator"),
    ("Utse en kontaktperson", "Appoint a contact person"),
    ("Planera återvändandet", "Plan the return"),
]

# Sentences with slots: {form} {org} {place} {days} {phone}.
SENTENCES = [
    (
        "Var uppmärksam på om personen saknar tillgång till sina id-handlingar eller har skulder "
        "till en förmedlare.",
        "Be alert to whether the person lacks access to their identity documents or owes money "
        "to a recruiter.",
    ),
    (
        "En enskild indikator räcker sällan för att misstänka {form} – det är helheten som avgör.",
        "A single indicator is rarely enough to suspect {form} – the overall picture counts.",
    ),
    (
        "Använd alltid en professionell tolk, aldrig en medföljande person eller en släkting.",
        "Always use a professional interpreter, never an accompanying person or a relative.",
    ),
    (
        "Kontakta {org} så snart som möjligt, även utanför kontorstid.",
        "Contact {org} as soon as possible, also outside office hours.",
    ),
    (
        "Socialtjänsten i {place} ansvarar för att offret erbjuds boende och ekonomiskt bistånd.",
        "The social services in {place} are responsible for offering the victim accommodation "
        "and financial assistance.",
    ),
    (
        "Polisen kan ansöka om en reflektionsperiod på {days} dagar hos Migrationsverket.",
        "The police may apply to the Migration Agency for a reflection period of {days} days.",
    ),
    (
        "Under reflektionsperioden har offret rätt till stöd utan krav på att medverka i "
        "förundersökningen.",
        "During the reflection period the victim is entitled to support without having to take "
        "part in the preliminary investigation.",
    ),
    (
        "Åklagaren beslutar om förundersökning och kan begära att ett målsägandebiträde förordnas.",
        "The prosecutor decides on a preliminary investigation and may ask for counsel for the "
        "injured party to be appointed.",
    ),
    (
        "Barn som kan vara utsatta för {form} ska alltid anmälas till socialtjänsten; vid behov "
        "placeras barnet enligt LVU.",
        "Children who may be subjected to {form} must always be reported to the social services; "
        "if needed the child is placed under the LVU act.",
    ),
    (
        "Ensamkommande barn placeras i första hand i familjehem eller på HVB med förstärkt "
        "tillsyn.",
        "Unaccompanied children are placed primarily in foster homes or in residential care "
        "(HVB) with reinforced supervision.",
    ),
    (
        "Ett skyddat boende med plats kan oftast ordnas samma dag via {org}.",
        "A place in sheltered accommodation can usually be arranged the same day through {org}.",
    ),
    (
        "Den regionala samordnaren mot människohandel i {place} kan ge råd dygnet runt på {phone}.",
        "The regional anti-trafficking coordinator in {place} can advise around the clock on "
        "{phone}.",
    ),
    (
        "Förhöret hålls i en lugn miljö och offret informeras om sina rättigheter före förhöret.",
        "The interview takes place in a calm setting and the victim is informed of their rights "
        "beforehand.",
    ),
    (
        "Arbetskraftsexploatering upptäcks ofta vid gemensamma kontroller med Arbetsmiljöverket "
        "och Skatteverket.",
        "Labour exploitation is often detected during joint inspections with the Work "
        "Environment Authority and the Tax Agency.",
    ),
    (
        "Personer i tiggeri kan vara offer för människohandel; erbjud samtal och information om "
        "stöd.",
        "People who beg may be victims of trafficking; offer a conversation and information "
        "about support.",
    ),
    (
        "Ett tillfälligt uppehållstillstånd kan beviljas om offret medverkar i en rättsprocess.",
        "A temporary residence permit may be granted if the victim takes part in legal "
        "proceedings.",
    ),
    (
        "Dokumentera vad som sagts och gjorts, och ange vilken tolk som användes.",
        "Record what was said and done, and note which interpreter was used.",
    ),
    (
        "Gör en riskbedömning tillsammans med {org} innan offret återvänder till hemlandet.",
        "Make a risk assessment together with {org} before the victim returns home.",
    ),
    (
        "Offrets identitet ska skyddas; lämna aldrig ut adressen till ett skyddat boende.",
        "The victim's identity must be protected; never disclose the address of a sheltered "
        "accommodation.",
    ),
    (
        "Hälso- och sjukvården erbjuder en hälsoundersökning och vid behov psykologiskt stöd.",
        "Health care offers a health examination and psychological support if needed.",
    ),
    (
        "Följ upp ärendet inom {days} dagar och kontrollera att offret fått det stöd som utlovats.",
        "Follow up the case within {days} days and check that the victim has received the "
        "support promised.",
    ),
    (
        "Samverkan mellan polisen, socialtjänsten och Migrationsverket avgör ofta utgången.",
        "Cooperation between the police, the social services and the Migration Agency often "
        "decides the outcome.",
    ),
]

ORG_KINDS = {
    "police": [
        (
            "Polismyndigheten, region {region} – gruppen mot människohandel",
            "Swedish Police, region {region} – anti-trafficking unit",
        ),
        ("Polisen i {place}", "Police in {place}"),
    ],
    "prosecution": [
        (
            "Åklagarmyndigheten, {place}s åklagarkammare",
            "Swedish Prosecution Authority, {place} public prosecution office",
        ),
        (
            "Riksenheten för internationell åklagarverksamhet",
            "National international prosecution unit",
        ),
    ],
    "social-services": [
        ("Socialtjänsten i {place}", "Social services in {place}"),
        ("Socialjouren {place}", "Social emergency service {place}"),
        (
            "{place} kommun, stödteam mot människohandel",
            "{place} municipality, anti-trafficking support team",
        ),
    ],
    "migration": [
        ("Migrationsverket, {place}", "Swedish Migration Agency, {place}"),
    ],
    "health": [
        (
            "Region {county}, mottagning för asylsökande",
            "Region {county}, clinic for asylum seekers",
        ),
        ("Ungdomsmottagningen i {place}", "Youth clinic in {place}"),
    ],
    "ngo": [
        ("Frälsningsarmén {place}", "Salvation Army {place}"),
        ("Röda Korset {place}", "Red Cross {place}"),
        ("Föreningen Tryggt Stöd {place}", "The Safe Support Association {place}"),
        (
            "Plattformen Civila Sverige mot människohandel, {place}",
            "Swedish Civil Society Platform against Human Trafficking, {place}",
        ),
    ],
    "shelter": [
        ("Skyddat boende {name}", "Sheltered accommodation {name}"),
        ("Kvinnojouren {place}", "Women's shelter {place}"),
    ],
    "hotline": [
        ("Stödlinjen mot människohandel {place}", "Anti-trafficking helpline {place}"),
    ],
    "embassy": [
        ("Italiens ambassad i Stockholm", "Embassy of Italy in Stockholm"),
        ("Greklands ambassad i Stockholm", "Embassy of Greece in Stockholm"),
        ("Lettlands ambassad i Stockholm", "Embassy of Latvia in Stockholm"),
    ],
    "research": [
        (
            "{place} universitet, forskargruppen om människohandel",
            "{place} University, human trafficking research group",
        ),
    ],
    "other": [
        (
            "Arbetsmiljöverket, distrikt {place}",
            "Swedish Work Environment Authority, {place} district",
        ),
        ("Skatteverket, {place}", "Swedish Tax Agency, {place}"),
    ],
}
KIND_WEIGHTS = {
    "police": 12,
    "prosecution": 6,
    "social-services": 25,
    "migration": 6,
    "health": 10,
    "ngo": 15,
    "shelter": 10,
    "hotline": 4,
    "embassy": 2,
    "research": 3,
    "other": 7,
}
STREETS = ("Storgatan", "Kungsgatan", "Drottninggatan", "Järnvägsgatan", "Skolgatan")
SHELTER_NAMES = "Linden Björken Eken Hamnen Fyren Ankaret Bryggan Vågen Stjärnan Oasen".split()
POLICE_REGIONS = "Nord Mitt Stockholm Öst Väst Syd Bergslagen".split()
ORG_LANGUAGES = ["sv", "en", "ar", "ro", "bg", "ru", "uk", "es", "it", "el", "lv", "th", "vi"]

GUIDANCE_PREFIXES = [
    ("Vägledning: så kan du", "Guidance: how to"),
    ("Handbok för att", "Handbook on how to"),
    ("Kunskapsstöd: att", "Knowledge support: how to"),
    ("Frågor och svar: hur man ska", "Questions and answers: how to"),
]
NEWS_TEMPLATES = [
    ("Ny rapport om {form} i {place}", "New report on {form} in {place}"),
    ("{place}: fler offer för {form} identifieras", "{place}: more victims of {form} identified"),
    ("Utbildning för socialtjänsten i {place}", "Training for the social services in {place}"),
    ("Polisen i {place} avslöjar {form}", "Police in {place} uncover {form}"),
    (
        "Dom i mål om {form} i {place}s tingsrätt",
        "Judgment in {form} case at {place} district court",
    ),
    ("Nytt skyddat boende öppnar i {place}", "New sheltered accommodation opens in {place}"),
    ("Samverkansmöte om {form} i {place}", "Cooperation meeting on {form} in {place}"),
    ("Regeringen skärper insatserna mot {form}", "The government steps up action against {form}"),
]

# --------------------------------------------------------------------------- helpers

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


def tiny_pdf(text):
    """A minimal, valid one-page PDF (correct xref offsets) showing ``text``."""
    text = (
        text.encode("latin-1", "replace")
        .replace(b"\\", b"\\\\")
        .replace(b"(", b"\\(")
        .replace(b")", b"\\)")
    )
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_corpus(out, items, seed=1, pdfs=0):
    """Write the corpus to ``out`` (and PDFs to ``files/`` beside it); return the bundle."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    bundle = Generator(seed, items, pdfs).bundle()
    pdfs = min(pdfs, len(bundle["guidance"]))
    if pdfs:
        (out.parent / "files").mkdir(exist_ok=True)
        for i in range(pdfs):
            title = bundle["guidance"][i]["title"]["sv"]
            (out.parent / "files" / f"dokument-{i + 1}.pdf").write_bytes(tiny_pdf(title))
    with out.open("w", encoding="utf-8") as handle:
        json.dump(bundle, handle, ensure_ascii=False, separators=(",", ":"))
    return bundle


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000, help="number of items (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="where to write the bundle's JSON")
    parser.add_argument(
        "--pdfs",
        type=int,
        default=0,
        metavar="K",
        help="write K tiny PDFs to files/ and attach them to K guidance items",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = write_corpus(args.out, args.items, args.seed, args.pdfs)
    counts = ", ".join(f"{len(bundle[name])} {name}" for name in SHARES)
    size = Path(args.out).stat().st_size / 1e6
    print(
        f"{args.out}: {counts}; {size:.1f} MB in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
