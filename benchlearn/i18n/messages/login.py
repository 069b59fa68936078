"""Logging in and out, and the refusals of protected pages."""

MESSAGES = {
    "login.nav": {"en": "Log in", "lt": "Prisijungti", "lv": "Pieteikties"},
    "login.title": {"en": "Log in", "lt": "Prisijungimas", "lv": "Pieteikšanās"},
    "login.heading": {
        "en": "Log in to continue",
        "lt": "Prisijunkite, kad galėtumėte tęsti",
        "lv": "Piesakieties, lai turpinātu",
    },
    "login.username": {"en": "User name", "lt": "Naudotojo vardas", "lv": "Lietotājvārds"},
    "login.password": {"en": "Password", "lt": "Slaptažodis", "lv": "Parole"},
    "login.submit": {"en": "Log in", "lt": "Prisijungti", "lv": "Pieteikties"},
    "login.failed": {
        "en": "Wrong user name or password.",
        "lt": "Neteisingas naudotojo vardas arba slaptažodis.",
        "lv": "Nepareizs lietotājvārds vai parole.",
    },
    "login.locked": {
        "en": "This account is locked for {minutes} more minutes after repeated failed logins.",
        "lt": "Po kelių nesėkmingų bandymų prisijungti ši paskyra užrakinta dar {minutes} min.",
        "lv": "Pēc atkārtotiem neveiksmīgiem pieteikšanās mēģinājumiem šis konts ir bloķēts vēl {minutes} "
              "min.",
    },
    "login.not_allowed": {
        "en": "This page is for users with the {role} role; your account does not have it.",
        "lt": "Šis puslapis skirtas naudotojams, turintiems vaidmenį „{role}“; jūsų paskyra jo neturi.",
        "lv": "Šī lapa ir paredzēta lietotājiem ar lomu “{role}”; jūsu kontam tās nav.",
    },
    "login.expired": {
        "en": "Your session has expired; please log in again.",
        "lt": "Jūsų sesija baigėsi; prisijunkite iš naujo.",
        "lv": "Jūsu sesija ir beigusies; lūdzu, piesakieties vēlreiz.",
    },
    "login.logout": {"en": "Log out", "lt": "Atsijungti", "lv": "Atteikties"},
    "login.welcome": {
        "en": "You are logged in as {user} ({role}).",
        "lt": "Esate prisijungę kaip {user} ({role}).",
        "lv": "Jūs esat pieteicies kā {user} ({role}).",
    },
    "login.your_networks": {
        "en": "Your networks: {networks}",
        "lt": "Jūsų tinklai: {networks}",
        "lv": "Jūsu tīkli: {networks}",
    },
}
