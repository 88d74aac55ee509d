"""What a user does in the browser, shared by the browser tests."""
from __future__ import annotations


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")
