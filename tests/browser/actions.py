"""What a user does in the browser, shared by the browser tests."""
from __future__ import annotations

from playwright.sync_api import expect


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def stricter_after_sales(page) -> None:
    """On an own assignment's form: after-sales weighs 3 and needs 4 touchpoints for "goed"."""
    after_sales = page.locator("#criterium-after_sales")
    after_sales.locator("summary").click()
    after_sales.get_by_label("Gewicht").fill("3")
    after_sales.locator("[name='after_sales-good_touchpoints']").fill("4")


def preview_own_assignment(page, title: str) -> None:
    """From an own assignment's page: its preview and the builder's first step, and back."""
    page.get_by_role("link", name="Voorbeeld: zo ziet de leerling het").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text("Telt 3 keer mee")
    page.get_by_role("link", name="Begin").click()
    expect(page.locator("main")).to_contain_text("Stap 1 van 7")
    page.get_by_role("link", name="Terug naar het voorbeeld van de opdracht").click()
    page.get_by_role("link", name="Terug naar je opdracht").click()


def publish_own_assignment(page, class_name: str, day: str, at: str = "17:00") -> None:
    """From an own assignment's page: publish it to a class with a deadline."""
    page.get_by_label("Klas", exact=True).select_option(label=class_name)
    page.get_by_label("Datum van de deadline").fill(day)
    page.get_by_label("Tijd van de deadline").fill(at)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator("main")).to_contain_text("gepubliceerd")
    expect(page.locator("main")).to_contain_text(class_name)


def upload_journey(page, assignment_url: str, path) -> None:
    """A student loads a journey file into the builder of the assignment at `assignment_url`."""
    page.goto(f"{assignment_url}/uploaden")
    page.get_by_label("Bestand met je klantreis").set_input_files(str(path))
    page.get_by_role("button", name="Bestand laden").click()
    expect(page.locator("main")).to_contain_text("Stap")
