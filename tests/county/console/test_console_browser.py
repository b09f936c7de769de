"""The console and a QR phone page in a real browser: Debian's Chromium, headless, driven by
Selenium through Debian's chromedriver, against the county served by uvicorn on loopback.

Skipped, with the reason, where Chromium or its driver is not installed (scripts/setup.sh
installs both; CI sets REDHOME_REQUIRE_BROWSER so that a missing browser fails instead).
Screenshots of every console page in both languages, and of the phone page, go to
$REDHOME_CONSOLE_SNAPSHOTS when it is set (else to the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from county.console.models import AuditEntry
from county.console.station_admin import issue_code, revoke_station
from county.enrolment import enrol
from county.models import Station
from redhome_wire.closeout import CHAIN_START
from redhome_wire.station_time import local_day
from tests.county.console.conftest import PASSWORD, ConsoleSite
from tests.county.console.test_closeout_console import sealed_report, store_reports

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SNAPSHOTS_ENV = "REDHOME_CONSOLE_SNAPSHOTS"
REQUIRE_ENV = "REDHOME_REQUIRE_BROWSER"
DESK = (1280, 900)
PHONE = (390, 844)  # CSS pixels of a common phone


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (os.path.exists(path) or shutil.which(Path(path).name)):
            return f"{path} is missing (apt-get install {package}; scripts/setup.sh does)"
    return None


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    reason = _missing()
    if reason is not None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--lang=zh-CN",
        "--hide-scrollbars",
        f"--window-size={DESK[0]},{DESK[1]}",
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


@pytest.fixture
def chrome(driver) -> Iterator[object]:
    """The module's browser, with no cookies from the test before and at desk size."""
    driver.delete_all_cookies()
    driver.set_window_size(*DESK)
    yield driver
    driver.delete_all_cookies()


@pytest.fixture
def snapshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SNAPSHOTS_ENV) or tmp_path / "snapshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _by():
    from selenium.webdriver.common.by import By

    return By


def submit(chrome, button) -> None:
    """Click a form's button and wait for the page it posts to."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    button.click()
    # While the page is swapped, chromedriver may answer "node does not belong to the
    # document" rather than "stale": asked again until the old page is gone.
    WebDriverWait(chrome, 15, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.staleness_of(button)
    )


def sign_in(chrome, site: ConsoleSite, username: str, password: str = PASSWORD) -> None:
    by = _by()
    chrome.get(site.url + "/console/sign-in")
    chrome.find_element(by.NAME, "username").send_keys(username)
    chrome.find_element(by.NAME, "password").send_keys(password)
    submit(chrome, chrome.find_element(by.CSS_SELECTOR, "form button[type=submit]"))


def test_sign_in_takes_staff_to_the_page_they_asked_for(chrome, console_site):
    by = _by()
    chrome.get(console_site.url + "/console/stations")
    assert chrome.current_url.endswith("/console/sign-in?next=%2Fconsole%2Fstations")
    assert chrome.find_element(by.TAG_NAME, "h1").text == "工作人员登录"
    chrome.find_element(by.NAME, "username").send_keys("ada")
    chrome.find_element(by.NAME, "password").send_keys(PASSWORD)
    submit(chrome, chrome.find_element(by.CSS_SELECTOR, "form button[type=submit]"))
    assert chrome.current_url == console_site.url + "/console/stations"
    assert chrome.find_element(by.TAG_NAME, "h1").text == "站点"
    assert "CSX-01" in chrome.find_element(by.CSS_SELECTOR, "table.stations").text
    # The session cookie is out of the page's reach.
    assert chrome.execute_script("return document.cookie") == ""
    submit(chrome, chrome.find_element(by.CSS_SELECTOR, "nav form button"))
    assert "/console/sign-in" in chrome.current_url and "已退出" in chrome.page_source


def test_repeated_wrong_passwords_lock_the_account(chrome, console_site):
    for _ in range(5):
        sign_in(chrome, console_site, "ada", "not the password")
    sign_in(chrome, console_site, "ada")
    assert "尝试次数过多" in chrome.find_element(_by().CSS_SELECTOR, ".error").text
    assert "/console/sign-in" in chrome.current_url


def test_a_form_with_a_forged_csrf_token_is_refused(chrome, console_site):
    by = _by()
    sign_in(chrome, console_site, "ada")
    chrome.get(console_site.url + "/console/stations")
    form = chrome.find_element(by.CSS_SELECTOR, "form[action$='/CSX-01/revoke']")
    chrome.execute_script("arguments[0].querySelector('input[name=csrf]').value = 'forged'", form)
    submit(chrome, form.find_element(by.TAG_NAME, "button"))
    assert chrome.find_element(by.TAG_NAME, "h1").text == "无权访问"
    assert "表单已过期" in chrome.page_source
    with console_site.writer() as session:
        assert session.scalar(select(Station.revoked_at)) is None


def test_an_admin_revokes_a_station_after_confirming_and_restores_it(chrome, console_site):
    by = _by()
    sign_in(chrome, console_site, "ada")
    chrome.get(console_site.url + "/console/stations")
    submit(chrome, chrome.find_element(by.CSS_SELECTOR, "form[action$='/CSX-01/revoke'] button"))
    assert chrome.find_element(by.TAG_NAME, "h1").text == "确认吊销"
    with console_site.writer() as session:
        assert session.scalar(select(Station.revoked_at)) is None  # not yet
    submit(chrome, chrome.find_element(by.ID, "confirm-revoke"))
    assert "已吊销站点 CSX-01" in chrome.find_element(by.CSS_SELECTOR, ".notice").text
    row = chrome.find_element(by.XPATH, "//tr[td[text()='CSX-01']]")
    assert "已吊销" in row.text
    submit(chrome, row.find_element(by.CSS_SELECTOR, "form[action$='/restore'] button"))
    assert "已恢复站点 CSX-01" in chrome.find_element(by.CSS_SELECTOR, ".notice").text


def test_a_viewer_sees_no_station_actions_and_a_forged_one_is_refused(chrome, console_site):
    by = _by()
    sign_in(chrome, console_site, "vic")
    chrome.get(console_site.url + "/console/stations")
    assert chrome.find_elements(by.CSS_SELECTOR, "form[action*='/stations/']") == []
    assert chrome.find_elements(by.LINK_TEXT, "账号") == []
    # A revoke form made by hand, with the viewer's own valid CSRF token.
    page = chrome.find_element(by.TAG_NAME, "h1")
    chrome.execute_script(
        """
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/console/stations/CSX-01/revoke';
        const csrf = document.querySelector('input[name=csrf]').cloneNode();
        form.appendChild(csrf);
        document.body.appendChild(form);
        form.submit();
        """
    )
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(chrome, 15, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.staleness_of(page)
    )
    assert chrome.find_element(by.TAG_NAME, "h1").text == "无权访问"
    assert "您的角色不能使用" in chrome.page_source
    with console_site.writer() as session:
        assert session.scalar(select(Station.revoked_at)) is None


def test_an_admin_issues_an_enrolment_code_and_a_kiosk_enrols_with_it(chrome, console_site):
    by = _by()
    sign_in(chrome, console_site, "ada")
    chrome.get(console_site.url + "/console/stations")
    chrome.find_element(by.NAME, "station").send_keys("CSX-07")
    chrome.find_element(by.NAME, "name").send_keys("五一广场红色之家")
    submit(chrome, chrome.find_element(by.CSS_SELECTOR, "form[action$='/stations/code'] button"))
    code = chrome.find_element(by.ID, "issued-code").text
    assert len(code) == 14
    with console_site.writer() as session:
        assert enrol(session, code, console_site.clock.now()).station_name == "五一广场红色之家"
        session.commit()
        actors = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "station.enrolment_code")
        ).all()
    assert "ada" in actors
    chrome.get(console_site.url + "/console/stations")
    row = chrome.find_element(by.XPATH, "//tr[td[text()='CSX-07']]")
    assert "已启用" in row.text


def _overflows(chrome) -> bool:
    return bool(
        chrome.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    )


RESERVATION = "0b8f3a52-7c1e-4d2a-9f60-3e5b8a1c2d4e"


def test_the_reservation_page_behind_the_qr_code_fits_a_phone(chrome, console_site, snapshots):
    with console_site.writer() as session:
        session.execute(
            text(
                "INSERT INTO parking_reservations (station_id, reservation_id, code, state,"
                " last_event, bay_type, bay_code, power_kw, plate_masked, new_energy, start_at,"
                " end_at, local_day, created_at, arrived_at, left_at, cancelled_at, no_show_at,"
                " source, remote_id, changed_at, op_seq, received_at) VALUES (1,"
                f" '{RESERVATION}', 'P-4821', 'booked', 'booked', 'ev', 'E03', 7.0, '湘A***45',"
                " TRUE, '2026-12-01 08:00:00.000000', '2026-12-01 10:00:00.000000',"
                " '2026-12-01', '2026-12-01 07:00:00.000000', NULL, NULL, NULL, NULL, 'kiosk',"
                " NULL, '2026-12-01 07:00:00.000000', 2, '2026-12-01 07:00:00.000000')"
            )
        )
        session.commit()
    chrome.set_window_size(*PHONE)
    chrome.get(console_site.url + f"/r/{RESERVATION}")
    body = chrome.find_element(_by().TAG_NAME, "body").text
    assert "P-4821" in body and "湘A***45" in body
    assert chrome.execute_script("return window.innerWidth") <= PHONE[0]
    assert not _overflows(chrome)
    chrome.save_screenshot(str(snapshots / "phone-reservation.png"))


CONSOLE_PAGES = ["", "/stations", "/accounts", "/audit", "/password", "/closeout"]


def _some_county_life(site: ConsoleSite) -> None:
    """Stations in each state, visits and a sync, so the pictures show what staff will see."""
    now = site.clock.now()
    with site.writer() as session:
        code = issue_code(session, now, "ada", "CSX-01")
        enrol(session, code, now)
        issue_code(session, now, "ada", "CSX-02", "五一广场红色之家")
        issue_code(session, now, "ada", "CSX-03", "高铁南站红色之家")
        revoke_station(session, now, "ada", "CSX-03")
        session.execute(update(Station).where(Station.code == "CSX-01").values(last_sync_at=now))
        for number in range(12):
            station = 1 if number < 9 else 2
            session.execute(
                text(
                    "INSERT INTO visits (station_id, visit_id, op_seq, work_type, work_detail,"
                    " platform, purpose, is_returning, checked_in_at, local_day, received_at)"
                    f" VALUES ({station}, '5d1e0f3c-2b4a-4c6d-8e9f-0a1b2c3d4e{number:02d}',"
                    f" {number + 1}, 'ride_hailing', '', 'didi', 'rest', FALSE,"
                    " '2026-11-30 01:30:00.000000', '2026-11-30', '2026-11-30 02:00:00.000000')"
                )
            )
        # Three days closed at CSX-01, one forgotten between them.
        today = local_day(now)
        first = sealed_report(1, today - timedelta(days=4), CHAIN_START, 38, "北区充电桩停用")
        second = sealed_report(2, today - timedelta(days=3), first.hash, 51)
        third = sealed_report(3, today - timedelta(days=1), second.hash, 47)
        store_reports(session, "CSX-01", [first, second, third])
        session.commit()


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_every_console_page_in_both_languages_renders_and_is_photographed(
    chrome, console_site, snapshots, size
):
    by = _by()
    _some_county_life(console_site)
    chrome.set_window_size(*(DESK if size == "desk" else PHONE))
    chrome.get(console_site.url + "/console/sign-in?lang=zh")
    chrome.save_screenshot(str(snapshots / f"console-sign-in-zh-{size}.png"))
    sign_in(chrome, console_site, "ada")
    for language in ("zh", "en"):
        for page in CONSOLE_PAGES:
            chrome.get(f"{console_site.url}/console{page}?lang={language}")
            assert (
                chrome.find_element(by.TAG_NAME, "html").get_attribute("lang").startswith(language)
            )
            assert chrome.find_element(by.TAG_NAME, "h1").text
            assert not _overflows(chrome), (page, language, size)
            name = (page.strip("/") or "dashboard") + f"-{language}-{size}"
            chrome.save_screenshot(str(snapshots / f"console-{name}.png"))
    shots = sorted(snapshots.glob(f"console-*-{size}.png"))
    assert len(shots) == 1 + 2 * len(CONSOLE_PAGES)
    assert all(shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for shot in shots)
