"""The portal's guards: headers, login throttling, two-step verification,
upload checks and rate limits (docs/SECURITY.md)."""
