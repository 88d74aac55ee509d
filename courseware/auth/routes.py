from flask import redirect, url_for
from flask_login import logout_user

from . import bp


@bp.post("/uitloggen")
def logout():
    logout_user()
    return redirect(url_for("main.index"))
