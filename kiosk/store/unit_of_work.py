"""One transaction per use case: everything a tap changes commits together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def reading(self) -> AbstractContextManager[Connection]:
        """The unit of work of a read-only use case on a hot path (a driver waiting at the
        screen): one pooled connection for SQLAlchemy Core statements, without a Session.
        Opening and closing a Session alone costs several times a one-row indexed SELECT.
        Nothing is ever committed through it; the connection goes back to the pool rolled back.
        Use it instead of `with uow:`, never inside it."""
        return self._engine().connect()

    def writing(self) -> AbstractContextManager[Connection]:
        """The unit of work of a write use case on a hot path, in SQLAlchemy Core: one pooled
        connection inside one transaction, committed when the block ends normally and rolled
        back if it raises, so every statement in it (domain rows and their outbox row) commits
        together or not at all. Flushing and committing through a Session costs several times
        the statements themselves. Use it instead of `with uow:`, never inside it."""
        return self._engine().begin()

    def _engine(self) -> Engine:
        bind = self._session_factory.kw["bind"]
        assert isinstance(bind, Engine)
        return bind


UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(session_factory: sessionmaker[Session]) -> UnitOfWorkFactory:
    return lambda: UnitOfWork(session_factory)
