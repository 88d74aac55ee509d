from . import bp


@bp.get("/assignments")
def index():
    return ""
