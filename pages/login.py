"""Log in (coordinators and admins) or out; analysts browse without an account."""

from benchlearn.ui import page_setup
from benchlearn.ui.login import login_panel

ctx = page_setup("login.title")
login_panel(ctx)
