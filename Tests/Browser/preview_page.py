#!/usr/bin/env python3
"""Drives `regimen preview`'s page in headless Chromium through Selenium, as a person editing a
programme would see it (PreviewTests runs this; docs/preview.md).

    preview_page.py REGIMEN REPOSITORY PROGRAMME

REPOSITORY is a scratch git repository holding PROGRAMME (a path inside it) and its library
files; the programme is edited in place. Prints one `ok: ...` line per check and exits 0, or
prints `FAIL: ...` and exits 1. Exit 4 when Selenium or chromedriver is missing.
"""

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("selenium is not installed (pip install selenium)")
    sys.exit(4)

# How long a saved file may take to reach the page: "a few seconds", with room for a loaded CI machine.
WAIT_SECONDS = 8


class Failure(Exception):
    pass


def start_preview(regimen, repository, programme):
    process = subprocess.Popen(
        [regimen, "preview", programme, "--port", "0"],
        cwd=repository, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([process.stdout], [], [], 30)
    if not ready:
        process.kill()
        raise Failure("regimen preview printed no address within 30 s")
    url = process.stdout.readline().strip()
    if not re.fullmatch(r"http://127\.0\.0\.1:\d+/", url):
        process.kill()
        raise Failure(f"the first line of output is not the page's address: {url!r}")
    return process, url


def state(url):
    with urllib.request.urlopen(url + "state", timeout=5) as response:
        return json.load(response)


def wait_for(description, condition, seconds=WAIT_SECONDS):
    """Polls `condition` until it returns something true; returns it and the seconds it took.
    An element the page's script replaced while it was read is read again at the next poll."""
    started = time.monotonic()
    while True:
        try:
            value = condition()
        except StaleElementReferenceException:
            value = None
        if value:
            return value, time.monotonic() - started
        if time.monotonic() - started > seconds:
            raise Failure(f"{description}: not seen within {seconds} s")
        time.sleep(0.05)


def validate_json(regimen, repository, programme):
    """`regimen validate --format json` of the programme: the findings the page must show."""
    result = subprocess.run(
        [regimen, "validate", programme, "--format", "json"], cwd=repository, capture_output=True, text=True)
    return json.loads(result.stdout)["diagnostics"]


# Read in one script each, so that a swap by the page's script cannot fall between two reads.
def finding_texts(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rp-findings .rp-finding')).map(function (e) { return e.innerText; });")


def handout_text(driver):
    return driver.execute_script(
        "var root = document.getElementById('rp-handout').shadowRoot;"
        "var body = root && root.querySelector('.handout-body'); return body ? body.innerText : '';")


def stale_marker_shown(driver):
    return driver.execute_script(
        "var marker = document.getElementById('rp-stale'); return !marker.hidden && marker.offsetParent !== null;")


def save(path, text):
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def no_script_ran(driver):
    try:
        alert = driver.switch_to.alert
        raise Failure(f"an alert was shown: {alert.text!r}")
    except NoAlertPresentException:
        pass
    flag = driver.execute_script("return window.regimenInjected === undefined ? null : String(window.regimenInjected);")
    if flag is not None:
        raise Failure(f"script from the programme ran (window.regimenInjected = {flag})")


def main():
    regimen, repository, programme = sys.argv[1:4]
    path = os.path.join(repository, programme)
    original = open(path, encoding="utf-8").read()
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not os.path.exists(chromedriver) or chromium is None:
        print("chromedriver or chromium is not installed (Debian: chromium-driver)")
        return 4

    process, url = start_preview(regimen, repository, programme)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        driver.get(url)
        title = re.search(r"^title: (.*)$", original, re.MULTILINE).group(1)
        wait_for("the handout in the page", lambda: title in handout_text(driver))
        print("ok: the handout is in the page's DOM, inline")
        if stale_marker_shown(driver):
            raise Failure("the handout is marked out of date before any edit")

        # A misspelt key: validate's finding appears, and the handout is marked out of date.
        broken = original.replace("\ntitle:", "\ntitel:", 1)
        save(path, broken)
        expected = validate_json(regimen, repository, programme)
        unknown = [d for d in expected if "titel" in d["message"]]
        if not unknown:
            raise Failure(f"validate did not report the misspelt key: {expected}")
        code, message = unknown[0]["code"], unknown[0]["message"]
        _, seconds = wait_for(
            f"the finding {code} on the page",
            lambda: any(code in text and message in text for text in finding_texts(driver)))
        print(f"ok: the misspelt key's finding ({code}: {message}) appeared {seconds:.2f} s after the save")
        shown = len(finding_texts(driver))
        if shown != len(expected):
            raise Failure(f"the page shows {shown} findings; validate reports {len(expected)}")
        print(f"ok: the page shows validate's {shown} findings")
        wait_for("the out-of-date marker", lambda: stale_marker_shown(driver))
        if title not in handout_text(driver):
            raise Failure("the last good handout is gone while the programme is broken")
        print("ok: the last handout stays, marked out of date")
        anchor, line = driver.execute_script(
            "var link = document.querySelector(\"#rp-findings .rp-finding[data-code='" + code + "'] a.rp-loc\");"
            "var anchor = link.getAttribute('href').slice(1); return [anchor, document.getElementById(anchor).innerText];")
        if "titel:" not in line:
            raise Failure(f"the finding links to {anchor!r}, which reads {line!r}")
        print(f"ok: the finding links to its line in the source listing ({anchor})")

        # The fix: the finding goes, and the marker with it.
        save(path, original)
        _, seconds = wait_for(
            "the finding gone", lambda: not any(code in text for text in finding_texts(driver)))
        print(f"ok: the finding went {seconds:.2f} s after the fix was saved")
        wait_for("the marker gone", lambda: not stale_marker_shown(driver))
        print("ok: the out-of-date marker went")

        # Markup in the programme's text is shown as text and runs nothing, in the handout and
        # in the findings.
        injected_title = 'Sciatica <script>window.regimenInjected = 1; alert(1)</script><img src=x onerror="window.regimenInjected = 2">'
        hostile = original.replace(f"\ntitle: {title}", f"\ntitle: '{injected_title}'", 1)
        hostile = hostile.replace("\nclinician:", "\n'<img src=x onerror=alert(3)>': 1\nclinician:", 1)
        save(path, hostile)
        wait_for("the markup finding", lambda: any("<img src=x onerror=alert(3)>" in t for t in finding_texts(driver)))
        no_script_ran(driver)
        print("ok: markup in a finding is shown as text and runs nothing")
        # Without the unknown key, the handout is made with the hostile title.
        save(path, original.replace(f"\ntitle: {title}", f"\ntitle: '{injected_title}'", 1))
        wait_for("the hostile title in the handout", lambda: "<script>window.regimenInjected" in handout_text(driver))
        time.sleep(0.5)
        no_script_ran(driver)
        counts = driver.execute_script(
            "return [document.getElementById('rp-handout').shadowRoot.querySelectorAll('script, [onerror]').length,"
            " document.querySelectorAll('script').length];")
        if counts != [0, 1]:
            raise Failure(f"the handout holds {counts[0]} script or onerror elements; the page {counts[1]} scripts (its own is 1)")
        print("ok: markup in the handout is shown as text and runs nothing")
        generation = state(url)["generation"]
        print(f"ok: /state is at generation {generation}")
    finally:
        driver.quit()
        process.send_signal(signal.SIGINT)
        try:
            status = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            raise Failure("regimen preview did not stop within 10 s of SIGINT")
        save(path, original)
    errors = process.stderr.read()
    if status != 0 or errors:
        raise Failure(f"regimen preview exited {status} on SIGINT, with {errors!r} on standard error")
    print("ok: SIGINT stopped the preview, exit 0, nothing on standard error")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
    except Exception as error:  # Selenium's own (an alert open, a session lost): a failure all the same
        print(f"FAIL: {type(error).__name__}: {error}")
        sys.exit(1)
