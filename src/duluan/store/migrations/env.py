"""Alembic environment: runs on the connection duluan hands over in config.attributes."""

from __future__ import annotations

from alembic import context

from duluan.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - duluan always passes a connection
    raise RuntimeError("duluan migrations run through duluan.store.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
