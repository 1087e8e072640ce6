"""The vocabulary a generated corpus's text is built from, in Swedish and English.

Forms of exploitation, the actions routines and guidance are about (the first
few also in Italian, Greek and Latvian), title prefixes and settings, the
templates of other-language titles and summaries, routine step titles,
sentences with slots (``{form}``, ``{org}``, ``{place}``, ``{days}``,
``{phone}``), the kinds of organisation and their names, and news headlines.
"""

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
