"""The Consent page of a case."""
