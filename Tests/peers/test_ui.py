"""The web UI in a real browser: headless Chromium driven by Selenium over `vigil demo`.

Each test saves a screenshot when it fails (conftest's report hook, into VIGIL_SCREENSHOTS)."""
import ipaddress
import re
import shutil

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORDS = {
    "admin": "admin-demo-pass", "analyst": "analyst-demo-pass", "operator": "operator-demo-pass",
    "operator2": "operator2-demo-pass",
}


@pytest.fixture
def browser(request):
    options = webdriver.ChromeOptions()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    driver.implicitly_wait(0)
    request.node.browser = driver
    yield driver
    driver.quit()


def wait(browser, condition, seconds=15):
    return WebDriverWait(browser, seconds).until(condition)


def log_in(browser, url, username, password=None):
    browser.get(url + "/login")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password or PASSWORDS[username])
    browser.find_element(By.ID, "login-submit").click()


def api(demo, path, user="analyst"):
    response = requests.get(demo.url + path, auth=(user, PASSWORDS[user]), timeout=30)
    response.raise_for_status()
    return response.json()


def test_login_with_bad_then_good_password(demo, browser):
    log_in(browser, demo.url, "analyst", "not-the-password")
    error = wait(browser, conditions.visibility_of_element_located((By.ID, "login-error")))
    assert "Wrong username or password" in error.text
    assert browser.current_url.endswith("/login")
    assert not browser.find_elements(By.ID, "who")

    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    assert "analyst" in browser.find_element(By.ID, "who").text
    total = int(browser.find_element(By.CSS_SELECTOR, "#stat-indicators strong").text)
    assert total > 1000, "the demo data set has thousands of indicators"
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) >= 4
    # A bar of the type chart links to the list filtered by its type.
    bar = browser.find_element(By.CSS_SELECTOR, "svg.chart a")
    kind = bar.get_dom_attribute("href").split("type=")[1]
    bar.click()
    wait(browser, conditions.url_contains("/indicators?type=" + kind))
    types = {row.find_elements(By.TAG_NAME, "td")[1].text for row in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")}
    assert types == {kind}
    browser.back()

    browser.find_element(By.ID, "logout").click()
    wait(browser, conditions.url_to_be(demo.url + "/login"))
    browser.get(demo.url + "/")
    wait(browser, conditions.url_to_be(demo.url + "/login"))


def test_search_for_a_demo_indicator_and_open_its_detail(demo, browser):
    wanted = api(demo, "/api/v1/indicators?type=domain&limit=1")["items"][0]
    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.find_element(By.LINK_TEXT, "Indicators").click()
    box = wait(browser, conditions.visibility_of_element_located((By.ID, "q")))
    box.send_keys(wanted["value"].upper())  # canonicalised before the exact search
    browser.find_element(By.ID, "search-submit").click()
    wait(browser, conditions.url_contains("q="))
    link = wait(browser, conditions.element_to_be_clickable((By.LINK_TEXT, wanted["value"])))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 1
    link.click()
    value = wait(browser, conditions.visibility_of_element_located((By.ID, "indicator-value")))
    assert value.text == wanted["value"]
    assert browser.find_element(By.ID, "tlp").text == "TLP:" + wanted["tlp"]
    assert browser.find_element(By.ID, "actions").is_displayed()

    # CIDR containment: every address and network listed lies inside the block.
    browser.get(demo.url + "/indicators")
    wait(browser, conditions.visibility_of_element_located((By.ID, "q"))).send_keys("198.51.100.0/24")
    Select(browser.find_element(By.ID, "match")).select_by_value("cidr")
    browser.find_element(By.ID, "search-submit").click()
    wait(browser, conditions.url_contains("match=cidr"))
    wait(browser, conditions.presence_of_element_located((By.CSS_SELECTOR, "#results td.value a")))
    block = ipaddress.ip_network("198.51.100.0/24")
    values = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#results td.value a")]
    assert values and all(ipaddress.ip_network(v, strict=False).subnet_of(block) for v in values), values


def test_switch_to_chinese_and_back(demo, browser):
    log_in(browser, demo.url, "operator")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.get(demo.url + "/indicators")
    browser.find_element(By.ID, "lang-zh").click()
    wait(browser, conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "指标"))
    assert browser.current_url == demo.url + "/indicators", "the switch returns to the same page"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    assert browser.find_element(By.ID, "search-submit").text == "搜索"
    # The CJK font is installed, so the text is drawn, not boxes.
    assert browser.execute_script("return document.fonts.check('16px \"Noto Sans CJK SC\"', '指标')")

    # The choice is the user's setting: kept across pages and a new login.
    browser.find_element(By.LINK_TEXT, "仪表板").click()
    wait(browser, conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "仪表板"))
    browser.find_element(By.ID, "logout").click()
    log_in(browser, demo.url, "operator")
    wait(browser, conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "仪表板"))

    browser.find_element(By.ID, "lang-en").click()
    wait(browser, conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Dashboard"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_upload_a_feed_and_see_its_import_report(demo, browser, tmp_path):
    feed = tmp_path / "upload.netset"
    feed.write_text("# uploaded through the web UI\n192.0.2.251\n999.1.1.1\n2001:db8:77::/48\n")
    for value in ("192.0.2.251", "2001:db8:77::/48"):
        assert api(demo, "/api/v1/indicators?value=" + requests.utils.quote(value))["items"] == [], "not in the demo yet"
    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.get(demo.url + "/sources")
    browser.find_element(By.LINK_TEXT, "demo-feed-beta").click()
    upload = wait(browser, conditions.presence_of_element_located((By.ID, "upload-file")))
    upload.send_keys(str(feed))
    browser.find_element(By.ID, "upload-submit").click()
    wait(browser, conditions.url_contains("/imports/"))
    assert browser.find_element(By.ID, "import-status").text == "succeeded"
    assert browser.find_element(By.ID, "import-new").text == "2"
    assert browser.find_element(By.ID, "import-rejected").text == "1"
    rows = browser.find_elements(By.CSS_SELECTOR, "#rejections tbody tr")
    assert len(rows) == 1
    cells = [cell.text for cell in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[0] == "demo-feed-beta" and cells[1] == "3", cells
    assert cells[3], "the rejection says why"
    # What the upload accepted is searchable at once.
    found = api(demo, "/api/v1/indicators?value=2001:db8:77::/48&type=cidr6")["items"]
    assert [item["value"] for item in found] == ["2001:db8:77::/48"]


def test_tlp_red_is_seen_by_its_owner_and_not_by_another_organisation(demo, browser):
    red = [item for item in api(demo, "/api/v1/indicators?tlp=RED&limit=200")["items"]]
    hidden = [item for item in red if item["id"] not in
              {i["id"] for i in api(demo, "/api/v1/indicators?tlp=RED&limit=200", user="operator2")["items"]}]
    assert hidden, "the demo has TLP:RED indicators not addressed to the other hosting firm"
    indicator = hidden[0]

    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.get(demo.url + "/indicators/" + indicator["id"])
    assert wait(browser, conditions.visibility_of_element_located((By.ID, "tlp"))).text == "TLP:RED"
    browser.find_element(By.ID, "logout").click()

    log_in(browser, demo.url, "operator2")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.get(demo.url + "/indicators/" + indicator["id"])
    title = wait(browser, conditions.visibility_of_element_located((By.ID, "error-title")))
    assert title.text.startswith("404")
    assert indicator["value"] not in browser.page_source
    browser.get(demo.url + "/indicators?match=exact&q=" + requests.utils.quote(indicator["value"]))
    assert browser.find_element(By.ID, "no-results").is_displayed()
    browser.get(demo.url + "/indicators?tlp=RED")
    assert indicator["value"] not in browser.page_source


def test_a_page_above_the_role_is_refused(demo, browser):
    log_in(browser, demo.url, "operator")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    menu = browser.find_element(By.CSS_SELECTOR, "header nav").text
    assert "Users" not in menu and "Audit" not in menu
    for path in ("/admin/users", "/admin/audit", "/admin/organisations"):
        browser.get(demo.url + path)
        title = wait(browser, conditions.visibility_of_element_located((By.ID, "error-title")))
        assert title.text.startswith("403"), (path, title.text)
    # An admin opens the same pages; the audit chain of the demo verifies.
    browser.find_element(By.LINK_TEXT, "Back to the dashboard").click()
    browser.find_element(By.ID, "logout").click()
    log_in(browser, demo.url, "admin")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.find_element(By.LINK_TEXT, "Audit").click()
    assert "intact" in wait(browser, conditions.visibility_of_element_located((By.ID, "audit-state"))).text
    browser.find_element(By.LINK_TEXT, "Users").click()
    users = wait(browser, conditions.visibility_of_element_located((By.ID, "users"))).text
    assert re.search(r"operator2", users)


def test_an_operator_answers_its_order_and_staff_see_the_answer(demo, browser):
    reference = "UI-ORDER-1"
    issued = requests.post(demo.url + "/api/v1/orders", auth=("analyst", PASSWORDS["analyst"]), timeout=30, json={
        "reference": reference, "action": "block", "deadline": "2099-01-01T00:00:00Z",
        "addressees": ["org-isp"], "resources": ["ui-order.example"]})
    assert issued.status_code == 201, issued.text
    log_in(browser, demo.url, "operator")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.find_element(By.LINK_TEXT, "Orders").click()
    wait(browser, conditions.element_to_be_clickable((By.LINK_TEXT, reference))).click()
    wait(browser, conditions.element_to_be_clickable((By.ID, "acknowledge"))).click()
    assert "Acknowledged." in wait(browser, conditions.visibility_of_element_located((By.ID, "done"))).text
    browser.find_element(By.CSS_SELECTOR, "#answer textarea[name=note]").send_keys("blocked on both resolvers")
    browser.find_element(By.ID, "complete").click()
    wait(browser, conditions.text_to_be_present_in_element((By.ID, "done"), "completed"))
    assert "blocked on both resolvers" in browser.find_element(By.ID, "addressees").text
    assert not browser.find_elements(By.ID, "answer"), "a completed order takes no further answer"
    browser.find_element(By.ID, "logout").click()

    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.get(demo.url + "/orders")
    browser.find_element(By.LINK_TEXT, reference).click()
    answers = wait(browser, conditions.visibility_of_element_located((By.ID, "addressees"))).text
    assert "ExampleNet ISP" in answers and "blocked on both resolvers" in answers
    assert not browser.find_elements(By.ID, "acknowledge"), "staff do not answer for operators"


def test_staff_see_what_the_gate_removes_before_sharing(demo, browser):
    log_in(browser, demo.url, "analyst")
    wait(browser, conditions.url_to_be(demo.url + "/"))
    browser.find_element(By.LINK_TEXT, "Partners").click()
    browser.find_element(By.LINK_TEXT, "CERT Testland").click()
    count = int(wait(browser, conditions.visibility_of_element_located((By.ID, "plan-indicators"))).text)
    plan = requests.get(demo.url + "/api/v1/partners/CERT%20Testland/plan", auth=("analyst", PASSWORDS["analyst"]), timeout=60).json()
    assert count == plan["indicators"] > 0
    removed = browser.find_element(By.ID, "removed").text
    for removal in plan["removed"]:
        assert removal["reason"] in removed
