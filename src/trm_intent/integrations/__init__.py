"""Adapters that plug trm-intent into voice-control tools.

Each adapter lives in its own module and imports its tool only when called, so
``import trm_intent.integrations.vozctl`` works without vozctl installed.
"""
