"""The taxonomy of a generated corpus and the municipalities its text names.

Each term is ``(key, Swedish name, English name)``; the bundle's ``taxonomy``
holds the themes, the regions (the Swedish counties and the three partner
countries) and the audiences. ``PLACES`` are municipalities, spelt the same in
Swedish and English.
"""

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
