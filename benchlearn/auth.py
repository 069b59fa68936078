"""Password hashing, the login policy, session identities and role checks (no Streamlit, no SQL).

Passwords are hashed with argon2id using the RFC 9106 "low memory" profile (t=3, 64 MiB, p=4: about
0.1 s per hash on a 2-core server). A verification for an unknown user runs against a dummy hash made
with the same parameters, so the time a login takes does not tell whether the user exists.

Session rules (chosen here, used by the login form): an identity lives at most 8 hours from login and
expires after 60 minutes without activity (`touch()` on every page run). After 5 consecutive failed
logins the account is locked for 15 minutes; every failure also waits a little longer than the last
(0.25 s, 0.5 s, 1 s, 2 s, capped at 2 s), which slows guessing without hurting a user who mistypes once.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from benchlearn.errors import BenchlearnError, PermissionDenied
from benchlearn.model import Role

MIN_PASSWORD_LENGTH = 10
# argon2 accepts any length, but hashing megabytes per attempt would be a cheap denial of service
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"[\w.@-]{1,64}")
# a municipality reads as an analyst does; what it may write is checked apart (`can_upload`, api/member_rights)
_RANK = {Role.ANALYST: 0, Role.MUNICIPALITY: 0, Role.COORDINATOR: 1, Role.ADMIN: 2}


class AccountError(BenchlearnError):
    """An account change was refused (weak password, duplicate or invalid name, last admin)."""

    exit_code = 1


class LoginFailed(BenchlearnError):
    """A login was refused; the message never says whether the user name or the password was wrong."""

    exit_code = 1

    def __init__(self, message: str = "wrong user name or password") -> None:
        super().__init__(message)


class AccountLocked(LoginFailed):
    """A login was refused because the account is locked after repeated failures."""

    def __init__(self, minutes: int) -> None:
        super().__init__(f"this account is locked for {minutes} more minutes after repeated failed logins")
        self.minutes = minutes


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures lock an account, for how long, the delay after a failure, and session lifetimes."""

    max_failures: int = 5
    lock_minutes: int = 15
    delay_seconds: float = 0.25
    max_delay_seconds: float = 2.0
    session_hours: float = 8
    idle_minutes: float = 60

    def delay(self, failures: int) -> float:
        """Seconds to wait after the `failures`-th consecutive failure (doubling, capped)."""
        return min(self.delay_seconds * 2 ** max(failures - 1, 0), self.max_delay_seconds)

    def locked_minutes_left(self, locked_until: datetime | None, now: datetime) -> int:
        """Whole minutes (rounded up) an account stays locked; 0 when it is not locked."""
        if locked_until is None or as_utc(locked_until) <= now:
            return 0
        return max(1, math.ceil((as_utc(locked_until) - now).total_seconds() / 60))


DEFAULT_POLICY = LoginPolicy()


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one (as DuckDB TIMESTAMP returns it) is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_db(moment: datetime) -> datetime:
    """A naive UTC datetime for a DuckDB TIMESTAMP column (DuckDB would shift an aware one)."""
    return as_utc(moment).replace(tzinfo=None)


class Passwords:
    """Hash and verify passwords with argon2id; unknown users are verified against a dummy hash."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher(
            time_cost=3, memory_cost=64 * 1024, parallelism=4, hash_len=32, salt_len=16, type=Type.ID
        )
        if self.hasher.type is not Type.ID:
            raise ValueError("Benchlearn stores argon2id hashes only")
        self._dummy: str | None = None

    @property
    def dummy_hash(self) -> str:
        """A hash of a random, discarded secret, with this hasher's parameters (made once, on first use)."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(32))
        return self._dummy

    def hash(self, password: str) -> str:
        """The argon2id hash (`$argon2id$…`) of `password`."""
        return self.hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when `password` matches; with no stored hash (unknown user) check the dummy and say False."""
        try:
            matched = self.hasher.verify(stored_hash or self.dummy_hash, password)
        except (VerificationError, InvalidHashError):
            matched = False
        return matched and stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when the hash was made with other parameters than this hasher's (rehash at next login)."""
        return self.hasher.check_needs_rehash(stored_hash)


PASSWORDS = Passwords()


def check_username(username: str) -> str:
    """Return the user name if it is 1–64 letters, digits or . _ @ -, else raise AccountError."""
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise AccountError("a user name is 1 to 64 letters, digits or the characters . _ @ - (no spaces)")
    return username


def check_password(password: str, username: str) -> None:
    """Raise AccountError unless the password has 10 to 1024 characters and is not the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")
    if password.casefold() == username.casefold():
        raise AccountError("the password must not be the user name")


def check_role(role: str) -> Role:
    """The Role named `role`, or AccountError."""
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}: choose admin, coordinator, municipality or analyst") from None


@dataclass
class Identity:
    """Who is logged in, kept server-side in the session; expires 8 h after login or after 60 idle minutes."""

    username: str
    role: Role
    networks: tuple[str, ...]
    entity_code: str | None
    issued_at: datetime
    expires_at: datetime
    idle_timeout: timedelta = timedelta(minutes=60)
    last_seen: datetime | None = field(default=None)

    def __post_init__(self) -> None:
        self.role = Role(self.role)
        self.networks = tuple(self.networks)
        self.issued_at, self.expires_at = as_utc(self.issued_at), as_utc(self.expires_at)
        self.last_seen = as_utc(self.last_seen) if self.last_seen else self.issued_at

    @classmethod
    def issue(
        cls,
        username: str,
        role: Role | str,
        networks: tuple[str, ...] = (),
        entity_code: str | None = None,
        now: datetime | None = None,
        policy: LoginPolicy = DEFAULT_POLICY,
    ) -> Identity:
        """A fresh identity for a successful login at `now`, with the policy's lifetimes."""
        start = as_utc(now or utcnow())
        return cls(username, Role(role), tuple(networks), entity_code, start,
                   start + timedelta(hours=policy.session_hours), timedelta(minutes=policy.idle_minutes))

    def is_expired(self, now: datetime | None = None) -> bool:
        """True after the absolute lifetime or after `idle_timeout` without `touch()`."""
        moment = as_utc(now or utcnow())
        return moment >= self.expires_at or moment >= self.last_seen + self.idle_timeout

    def touch(self, now: datetime | None = None) -> None:
        """Record activity, which restarts the idle timer (not the absolute lifetime)."""
        self.last_seen = as_utc(now or utcnow())


#: a page's need (not a role): whoever may upload values, a municipality, a coordinator or an admin
UPLOADER = "uploader"


def has_role(identity: Identity | None, role: Role | str) -> bool:
    """True when the identity's role is `role` or above (analyst = municipality < coordinator < admin), or for
    `UPLOADER`, when it may upload (municipality, coordinator, admin)."""
    if identity is not None and role == UPLOADER:
        return Role(identity.role) in (Role.MUNICIPALITY, Role.COORDINATOR, Role.ADMIN)
    return identity is not None and role != UPLOADER and _RANK[Role(identity.role)] >= _RANK[Role(role)]


def require_role(identity: Identity | None, role: Role | str) -> Identity:
    """Return the identity if it has `role` or above, else raise PermissionDenied."""
    if identity is None:
        raise PermissionDenied("please log in first")
    if not has_role(identity, role):
        raise PermissionDenied(f"this needs the {Role(role)} role; you are logged in as {identity.role}")
    return identity


def can_upload(identity: Identity | None, network: str | None) -> bool:
    """Admins may upload for any network; coordinators and municipalities only for their own (a municipality
    only its own values of open data calls, checked per row); analysts never."""
    if identity is None:
        return False
    if identity.role == Role.ADMIN:
        return True
    return (identity.role in (Role.COORDINATOR, Role.MUNICIPALITY) and network is not None
            and network in identity.networks)


def require_upload(identity: Identity | None, network: str | None) -> Identity:
    """Return the identity if it may upload for `network`, else raise PermissionDenied."""
    if identity is None or identity.role != Role.MUNICIPALITY:
        require_role(identity, Role.COORDINATOR)
    if not can_upload(identity, network):
        own = ", ".join(identity.networks) or "none"
        raise PermissionDenied(
            f"you may upload only for your own networks ({own}), not for {network or 'no network'}"
        )
    return identity
