"""Settings of the benchmark's bare-view server: the project's settings (same middleware, same
database settings) with one URL more, `bench/bare_urls.py`. Used only by bench/votes.py."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
