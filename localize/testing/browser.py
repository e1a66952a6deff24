"""Headless Chromium for tests and benchmarks of the review page (the ``browser`` extra).

Selenium drives Debian's ``chromium`` through ``chromium-driver`` at an explicit path, so
Selenium Manager never downloads a browser or driver, and Chromium is told not to reach the
network for updates, components or first-run pages.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

CHROMEDRIVER = os.environ.get("LOCALIZE_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("LOCALIZE_CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1600",
)


def missing() -> str | None:
    """Why no browser can be started here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[browser]')"
    for path in (CHROMEDRIVER, CHROMIUM):
        if not (os.path.isfile(path) or shutil.which(path)):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


def start_chromium() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
