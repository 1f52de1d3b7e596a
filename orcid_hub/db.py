"""The database: declarative base, shared column types, one session per request.

Services take a :class:`~sqlalchemy.orm.Session` and never commit; the request,
job or CLI command that called them commits once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, ClassVar

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from orcid_hub.crypto import EncryptedString

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AwareDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


intpk = Annotated[int, mapped_column(primary_key=True)]
str40 = Annotated[str, mapped_column(String(40))]
str200 = Annotated[str, mapped_column(String(200))]
str500 = Annotated[str, mapped_column(String(500))]
secret = Annotated[str, mapped_column(EncryptedString())]
timestamp = Annotated[dt.datetime, mapped_column(AwareDateTime())]
created_at = Annotated[
    dt.datetime, mapped_column(AwareDateTime(), default=utcnow, server_default=func.now())
]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: AwareDateTime()}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _fix_sqlite(engine)
    return engine


def _fix_sqlite(engine: Engine) -> None:
    # pysqlite starts transactions lazily and breaks SAVEPOINT semantics; take
    # transaction control ourselves and turn on foreign keys, which SQLite
    # leaves off by default.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


class Database:
    """The ``db`` extension: an engine and a session factory per app."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker(bind=engine, expire_on_commit=False)

    def bind_to(self, bind: Any, **options: Any) -> None:
        """Re-point the session factory (tests bind it to one open transaction)."""
        self.sessionmaker.configure(bind=bind, **options)


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    if settings.database_url.startswith("sqlite:///"):
        settings.instance_dir.mkdir(parents=True, exist_ok=True)
    app.extensions["db"] = Database(make_engine(settings.database_url, echo=settings.database.echo))
    app.teardown_appcontext(_close_session)


def database(app: Flask | None = None) -> Database:
    db: Database = (app or current_app).extensions["db"]
    return db


def session() -> Session:
    """The session of the current request or app context."""
    if "db_session" not in g:
        g.db_session = database().sessionmaker()
    db_session: Session = g.db_session
    return db_session


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()


@contextmanager
def transaction(app: Flask) -> Iterator[Session]:
    """A unit of work outside a request (CLI, jobs): commit on success, else roll back."""
    with database(app).sessionmaker() as db_session:
        try:
            yield db_session
            db_session.commit()
        except BaseException:
            db_session.rollback()
            raise


__all__ = [
    "AwareDateTime",
    "Base",
    "Database",
    "Mapped",
    "created_at",
    "intpk",
    "mapped_column",
    "secret",
    "session",
    "str40",
    "str200",
    "str500",
    "timestamp",
    "transaction",
    "utcnow",
]
