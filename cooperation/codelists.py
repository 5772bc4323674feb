"""Loads the official code lists vendored in ``data/codelists/`` (IATI XML) into the database.

Each file is read whole and checked before anything is written; the four lists are then written
in one transaction. A code a newer file withdraws, or no longer lists, is kept but marked
withdrawn (``is_active``): records may carry it, and what they said stays true of their time.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .models import CodeList, DacCategory, DacPurpose, SdgGoal, SdgTarget

VENDORED_DIR = Path(__file__).resolve().parent / "data" / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class CodeListError(Exception):
    pass


@dataclass(frozen=True)
class Item:
    code: str
    name_en: str
    name_fr: str
    category: str
    is_active: bool


def _narratives(element):
    english, french = "", ""
    for narrative in element.findall("narrative") if element is not None else []:
        lang = narrative.get(XML_LANG, "en")
        text = " ".join((narrative.text or "").split())
        if lang == "fr":
            french = text
        elif lang == "en":
            english = text
    return english, french


def read_codelist(path, expected_name):
    """``(title, url, [Item])`` of one IATI code list file; ``CodeListError`` if it is not it."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise CodeListError(f"{path}: {error}") from error
    if root.tag != "codelist" or root.get("name") != expected_name:
        raise CodeListError(f"{path}: not the IATI code list « {expected_name} »")
    title, _french = _narratives(root.find("metadata/name"))
    url = (root.findtext("metadata/url") or "").strip()
    items = []
    for element in root.iterfind("codelist-items/codelist-item"):
        code = (element.findtext("code") or "").strip()
        if not code:
            raise CodeListError(f"{path}: an item without a code")
        english, french = _narratives(element.find("name"))
        items.append(
            Item(
                code=code,
                name_en=english,
                name_fr=french or english,
                category=(element.findtext("category") or "").strip(),
                is_active=element.get("status", "active") == "active",
            )
        )
    if not items:
        raise CodeListError(f"{path}: no codes")
    return title, url, items


def _sync(model, rows):
    """Writes ``{pk: fields}`` into ``model``: new codes created, known ones updated, the others
    marked withdrawn. Returns ``(created, updated, withdrawn)``."""
    existing = {obj.pk: obj for obj in model.objects.all()}
    created = [model(pk=pk, **fields) for pk, fields in rows.items() if pk not in existing]
    changed = []
    for pk, fields in rows.items():
        obj = existing.get(pk)
        if obj is not None and any(getattr(obj, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(obj, name, value)
            changed.append(obj)
    model.objects.bulk_create(created)
    if changed:
        model.objects.bulk_update(changed, list(next(iter(rows.values()))))
    withdrawn = (
        model.objects.exclude(pk__in=list(rows)).filter(is_active=True).update(is_active=False)
    )
    return len(created), len(changed), withdrawn


def _goal_number(code, path):
    try:
        return int(code)
    except ValueError as error:
        raise CodeListError(f"{path}: goal code « {code} » is not a number") from error


def refresh_codelists(*, directory=VENDORED_DIR, dry_run=False):
    """Loads the four lists from ``directory``; returns ``{list name: (created, updated,
    withdrawn)}``. With ``dry_run`` the database is left as it was."""
    directory = Path(directory)
    manifest_path = directory / "SOURCE.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CodeListError(f"{manifest_path}: {error}") from error
    lists = {
        name: read_codelist(directory / f"{name}.xml", name)
        for name in ("SectorCategory", "Sector", "UNSDG-Goals", "UNSDG-Targets")
    }
    categories = {item.code: item for item in lists["SectorCategory"][2]}
    for item in lists["Sector"][2]:
        if not (len(item.code) == 5 and item.code.isdigit()):
            raise CodeListError(f"Sector.xml: « {item.code} » is not a 5-digit code")
        if item.category not in categories:
            raise CodeListError(f"Sector.xml: {item.code} names an unknown sector {item.category}")
    goals = {_goal_number(item.code, "UNSDG-Goals.xml"): item for item in lists["UNSDG-Goals"][2]}
    for item in lists["UNSDG-Targets"][2]:
        if _goal_number(item.code.split(".")[0], "UNSDG-Targets.xml") not in goals:
            raise CodeListError(f"UNSDG-Targets.xml: {item.code} names an unknown goal")

    def names(item):
        return {"name": item.name_fr, "name_en": item.name_en, "is_active": item.is_active}

    report = {}
    with transaction.atomic():
        report["SectorCategory"] = _sync(
            DacCategory, {code: names(item) for code, item in categories.items()}
        )
        report["Sector"] = _sync(
            DacPurpose,
            {
                item.code: {**names(item), "category_id": item.category}
                for item in lists["Sector"][2]
            },
        )
        report["UNSDG-Goals"] = _sync(
            SdgGoal, {number: names(item) for number, item in goals.items()}
        )
        report["UNSDG-Targets"] = _sync(
            SdgTarget,
            {
                item.code: {**names(item), "goal_id": int(item.code.split(".")[0])}
                for item in lists["UNSDG-Targets"][2]
            },
        )
        now = timezone.now()
        for name, (title, url, items) in lists.items():
            origin = manifest.get("files", {}).get(f"{name}.xml", {})
            version = " ".join(
                part
                for part in (
                    manifest.get("commit", "")[:12],
                    origin.get("last_changed") or manifest.get("commit_date", ""),
                )
                if part
            )
            values = {
                "title": title or name,
                "source": f"{manifest.get('source', url)}/blob/"
                f"{manifest.get('commit', 'master')}/{origin.get('path', name + '.xml')}",
                "version": version or "?",
                "item_count": len(items),
            }
            known = CodeList.objects.filter(name=name).first()
            # A second run over the same files writes nothing (no new date, no emptied cache).
            if (
                known is None
                or any(report[name])
                or any(getattr(known, field) != value for field, value in values.items())
            ):
                CodeList.objects.update_or_create(
                    name=name, defaults={**values, "refreshed_at": now}
                )
        if dry_run:
            transaction.set_rollback(True)
    return report
