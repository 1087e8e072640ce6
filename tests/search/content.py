"""A small judged corpus for search tests, loaded through import_bundle."""

import io
import json

from django.core.management import call_command

# The keys of every search API answer (shared/content-bundle.md).
CONTRACT_KEYS = {
    "query",
    "lang",
    "engine",
    "total",
    "page",
    "page_size",
    "results",
    "facets",
    "suggestion",
}

BUNDLE = {
    "format": "portal-bundle/1",
    "taxonomy": {
        "themes": [
            {"key": "protection", "name": {"sv": "Skydd och stöd", "en": "Protection"}},
            {"key": "legal", "name": {"sv": "Rättsprocess", "en": "Legal process"}},
        ],
        "regions": [
            {"key": "stockholm", "name": {"sv": "Stockholms län"}},
            {"key": "skane", "name": {"sv": "Skåne"}},
        ],
        "audiences": [{"key": "police", "name": {"sv": "Polis"}}],
    },
    "organisations": [
        {
            "key": "jouren",
            "name": {"sv": "Människohandelsjouren", "en": "Trafficking hotline"},
            "kind": "hotline",
            "regions": ["stockholm"],
            "phone": "+46 8 555 010 10",
            "open_24h": True,
            "description": {
                "sv": "<p>Stöd dygnet runt till personer utsatta för människohandel.</p>"
            },
        },
        {
            "key": "boendet",
            "name": {"sv": "Skyddsboendet Fyren"},
            "kind": "shelter",
            "regions": ["skane"],
            "description": {"sv": "<p>Skyddat boende för kvinnor och barn.</p>"},
        },
    ],
    "routines": [
        {
            "key": "tolk-vid-forhor",
            "title": {"sv": "Tolk vid förhör", "en": "Interpreter at interviews"},
            "summary": {"sv": "Boka en auktoriserad tolk före förhöret med målsäganden."},
            "steps": [
                {"title": {"sv": "Boka tolken"}, "body": {"sv": "<p>Använd tolkförmedlingen.</p>"}}
            ],
            "themes": ["legal"],
            "regions": ["stockholm"],
            "audiences": ["police"],
            "last_reviewed": "2026-01-10",
        },
        {
            "key": "reflektionsperiod",
            "title": {"sv": "Reflektionsperiod och tillfälligt uppehållstillstånd"},
            "summary": {
                "sv": "Så ansöker förundersökningsledaren om uppehållstillstånd för offret."
            },
            "steps": [
                {
                    "title": {"sv": "Ansök"},
                    "body": {"sv": "<p>Ansökan görs hos Migrationsverket.</p>"},
                }
            ],
            "themes": ["legal", "protection"],
            "regions": ["stockholm", "skane"],
            "last_reviewed": "2026-02-01",
        },
        {
            "key": "placering",
            "title": {"sv": "Placering i skyddat boende"},
            "summary": {"sv": "Socialtjänsten ordnar boende när offret behöver skydd."},
            "steps": [{"title": {"sv": "Kontakta boendet"}, "responsible": "boendet"}],
            "themes": ["protection"],
            "regions": ["skane"],
            "last_reviewed": "2026-03-01",
        },
        {
            "key": "hemlig-rutin",
            "title": {"sv": "Hotbedömning vid skyddat boende"},
            "summary": {"sv": "Intern rutin för hotbedömning av människohandelsoffer."},
            "steps": [],
            "themes": ["protection"],
            "restricted": True,
            "last_reviewed": "2026-03-01",
        },
    ],
    "guidance": [
        {
            "key": "kodad-text",
            "title": {"sv": "Om <b>taggar</b> & tecken"},
            "summary": {"sv": "Texten <script>x</script> nämner traumabehandling för barn."},
            "body": {"sv": "<p>Traumabehandling ges av vården.</p>"},
            "published": "2025-05-31",
        }
    ],
    "news": [
        {
            "key": "utbildning",
            "title": {"sv": "Utbildning om trafficking"},
            "summary": {"sv": "En kurs för socialsekreterare."},
            "body": {"sv": "<p>Kursen tar upp arbetskraftsexploatering.</p>"},
            "date": "2026-05-01",
        }
    ],
}


def load(tmp_path, bundle=None):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle or BUNDLE), encoding="utf-8")
    call_command("import_bundle", str(path), stdout=io.StringIO())
