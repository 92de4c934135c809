"""One place that reads the environment, so every setting says where it comes from."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer may keep local overrides in .env (never committed); the real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
