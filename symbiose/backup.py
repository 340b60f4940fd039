"""Backup and restore of the whole database: every row of every app, plus uploaded files.

``symbiose backup FILE`` and ``symbiose restore FILE`` call :func:`write_backup` and
:func:`restore_backup`. A backup is one ZIP archive:

* ``manifest.json`` -- format name and version, when it was made, the database engine it came
  from, the applied migrations of every app and the number of rows per model;
* ``data.json`` -- Django's JSON serialisation of every model except content types and
  permissions (rebuilt by ``migrate`` and referred to by natural keys, so a backup restores
  into any freshly migrated database, SQLite or PostgreSQL);
* ``media/...`` -- the uploaded files (opportunity note documents) under ``MEDIA_ROOT``.

Why not ``dumpdata``/``loaddata`` alone: the manifest lets restore refuse a backup made by a
different schema (it would fail half-way or misread columns), and the files travel with the
rows that name them. Restore runs in one transaction: it empties the tables and loads the rows,
so a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

FORMAT = "symbiose-backup"
VERSION = 1
# Rebuilt by migrate in every database; rows elsewhere refer to them by natural key.
SKIPPED = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why and what to do."""


@dataclass
class BackupSummary:
    path: Path
    rows: dict[str, int]
    files: int


def _models() -> list:
    """Every concrete model whose rows a backup carries, in dependency-agnostic order."""
    out = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        out.append(model)
    return out


def _json_value(value: object) -> object:
    """JSON for the values Django's JSON encoder would shorten (it cuts microseconds)."""
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def applied_migrations() -> dict[str, list[str]]:
    """The applied migrations per app, sorted (the schema a backup belongs to)."""
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def write_backup(path: Path) -> BackupSummary:
    """Write every row and uploaded file to the ZIP archive ``path`` (mode 0600: it holds
    password hashes and everything companies marked sensitive)."""
    path = Path(path)
    models = _models()
    rows: dict[str, int] = {}
    with transaction.atomic():  # one consistent snapshot on PostgreSQL
        objects = []
        for model in models:
            queryset = model._default_manager.order_by(model._meta.pk.name)
            rows[model._meta.label_lower] = queryset.count()
            objects.extend(queryset.iterator())
        python = serializers.serialize(
            "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False
        )
        data = json.dumps(python, default=_json_value, ensure_ascii=False)
        migrations = applied_migrations()
    media_root = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "migrations": migrations,
        "rows": rows,
        "files": len(files),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
        zf.writestr("data.json", data)
        for file in files:
            zf.write(file, "media/" + file.relative_to(media_root).as_posix())
    return BackupSummary(path, rows, len(files))


def read_manifest(path: Path) -> dict:
    """The manifest of a backup, or :class:`BackupError` if the file is not one."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as err:
        raise BackupError(
            _("%(path)s is not a Symbiose backup (%(error)s)") % {"path": path, "error": err}
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            _("%(path)s is not a Symbiose backup of format version %(version)d")
            % {"path": path, "version": VERSION}
        )
    return manifest


def _schema_difference(manifest: dict) -> str:
    here = applied_migrations()
    there = manifest.get("migrations", {})
    missing = sorted(
        f"{app}.{name}" for app, names in there.items() for name in names
        if name not in here.get(app, [])
    )  # fmt: skip
    extra = sorted(
        f"{app}.{name}" for app, names in here.items() for name in names
        if name not in there.get(app, [])
    )  # fmt: skip
    if missing:
        return _(
            "The backup was made by a newer version of Symbiose (migrations not applied here: "
            "%(migrations)s). Install that version, run migrate, then restore."
        ) % {"migrations": ", ".join(missing[:5])}
    if extra:
        return _(
            "The backup was made by an older version of Symbiose (this database also has: "
            "%(migrations)s). Restore it with that version, then upgrade and migrate."
        ) % {"migrations": ", ".join(extra[:5])}
    return ""


def has_data() -> bool:
    """Whether the database holds anything a restore would overwrite (users or organisations)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    # By name, not by import: backup copies every app generically and sits below them all.
    organisations = apps.get_model("registry", "Organisation")
    return get_user_model().objects.exists() or organisations.objects.exists()


def restore_backup(path: Path, *, replace: bool = False) -> BackupSummary:
    """Replace every row (and uploaded file) with the backup's, all or nothing.

    Refuses a backup of another schema version, and a database that already holds users or
    organisations unless ``replace`` is true.
    """
    path = Path(path)
    manifest = read_manifest(path)
    difference = _schema_difference(manifest)
    if difference:
        raise BackupError(difference)
    if has_data() and not replace:
        raise BackupError(
            _(
                "This database already has users or organisations. Restore with --replace "
                "to delete them and load the backup."
            )
        )
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "data.json"
        fixture.write_bytes(zf.read("data.json"))
        with transaction.atomic():
            tables = {m._meta.db_table for m in _models()}
            tables |= {
                f.remote_field.through._meta.db_table
                for m in _models()
                for f in m._meta.local_many_to_many
                if f.remote_field.through._meta.auto_created
            }
            # PostgreSQL refuses TRUNCATE while deferred foreign-key checks are pending in
            # the surrounding transaction (tests, a caller's atomic block): run them now.
            connection.check_constraints()
            sql = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True)
            connection.ops.execute_sql_flush(sql)
            call_command("loaddata", str(fixture), verbosity=0, stdout=io.StringIO())
        media_root = Path(settings.MEDIA_ROOT)
        count = 0
        for name in zf.namelist():
            if not name.startswith("media/") or name.endswith("/"):
                continue
            target = (media_root / name[len("media/") :]).resolve()
            if media_root.resolve() not in target.parents:
                continue  # never write outside MEDIA_ROOT
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
            count += 1
    return BackupSummary(path, dict(manifest.get("rows", {})), count)
