from . import bp


@bp.get("/classes")
def index():
    return ""
