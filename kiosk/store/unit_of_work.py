"""One transaction per use case: everything a tap changes commits together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

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


UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(session_factory: sessionmaker[Session]) -> UnitOfWorkFactory:
    return lambda: UnitOfWork(session_factory)
