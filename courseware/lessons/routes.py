from . import bp


@bp.get("/lessons")
def index():
    return ""
