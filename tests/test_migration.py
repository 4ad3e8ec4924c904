"""Schema 1 -> 2: an old journal upgrades on its next save, with a backup written first."""

import json

import pytest

from fanjournal import store
from fanjournal.store import SCHEMA_VERSION, v1_to_v2

from .conftest import assert_clean_error

V1_TOML = """schema_version = 1
next_number = 4
off = [{ date = 2026-11-16, reason = "training" }]

[[fan]]
id = "2026-001"
date = 2026-11-02
created = 2026-11-02T10:00:00+01:00
moment = "klacht"
customer = "Anna"
text = "Replaced the part the same day"
cost = 12.5
score = 9

[[fan]]
id = "2026-003"
date = 2026-11-03
created = 2026-11-03T10:00:00+01:00
moment = "zomaar"
text = "Flowers for the reception"
cost = 7
minutes = 20
gold = true
"""

V1_JSON = {
    "schema_version": 1, "next_number": 2,
    "fan": [{"id": "2026-001", "date": "2026-11-02", "created": "2026-11-02T10:00:00+01:00",
             "moment": "vraag", "text": "Answered on Sunday", "cost": 0.1}],
}


def test_schema_version_is_2():
    assert SCHEMA_VERSION == 2
    assert store.MIGRATIONS == [v1_to_v2]


def test_the_migration_turns_number_costs_into_exact_strings():
    document = {"schema_version": 1, "fan": [{"cost": 12.5}, {"cost": 7}, {"cost": "3.10"},
                                             {"cost": True}, "not a table", {}]}
    migrated = v1_to_v2(document)
    assert migrated["schema_version"] == 2
    assert [r.get("cost") if isinstance(r, dict) else r for r in migrated["fan"]] == [
        "12.5", "7", "3.10", True, "not a table", None]


@pytest.fixture
def old_toml(journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text(V1_TOML)
    return path


def test_reading_an_old_journal_writes_nothing(fan, old_toml, journal_dir):
    for args in (["list"], ["wall"], ["nps"], ["budget"], ["due"], ["follow-up", "list"]):
        assert fan(*args).exit_code == 0, args
    assert old_toml.read_text() == V1_TOML
    assert not (journal_dir / "2026.toml.v1.bak").exists()
    assert "€19.50 spent" in fan("budget").stdout  # exact, from the migrated costs


@pytest.mark.parametrize("command", [
    ["nps", "add", "10", "-c", "Bram"],
    ["add", "Called back within the hour"],
    ["follow-up", "plan", "Bram"],
    ["edit", "2026-001", "--quote", "Fantastic"],
])
def test_the_first_change_upgrades_with_a_backup_written_first(fan, old_toml, journal_dir,
                                                              monkeypatch, command):
    written: list[str] = []
    real_write = store.atomic_write

    def recording_write(path, data, *args, **kwargs):
        written.append(path.name)
        return real_write(path, data, *args, **kwargs)

    monkeypatch.setattr(store, "atomic_write", recording_write)
    result = fan(*command)
    assert result.exit_code == 0, result

    backup = journal_dir / "2026.toml.v1.bak"
    assert backup.read_text() == V1_TOML  # the original, byte for byte
    year_files = [name for name in written if name in ("2026.toml", "2026.toml.v1.bak")]
    assert year_files[:2] == ["2026.toml.v1.bak", "2026.toml"]  # backup before the new file

    text = old_toml.read_text()
    assert text.startswith("schema_version = 2\n")
    assert 'cost = "12.5"' in text and 'cost = "7"' in text
    assert "training" in text  # other sections survive
    data = json.loads(fan("list", "-f", "json").stdout)
    assert [e["cost"] for e in data[:2]] == ["12.5", "7"]
    assert data[0]["customer"] == "Anna" and data[1]["gold"] is True


def test_the_version_backup_is_kept_from_the_first_upgrade(fan, old_toml, journal_dir):
    fan("nps", "add", "9")
    fan("nps", "add", "8")
    fan("add", "Third change")
    assert (journal_dir / "2026.toml.v1.bak").read_text() == V1_TOML
    assert "2026-004" in fan("list", "-f", "json").stdout  # next_number carried over


def test_other_years_stay_as_they_were(fan, old_toml, journal_dir):
    old_year = journal_dir / "2025.toml"
    old_year.write_text(V1_TOML.replace("2026", "2025"))
    fan("nps", "add", "10")
    assert old_year.read_text() == V1_TOML.replace("2026", "2025")
    assert not (journal_dir / "2025.toml.v1.bak").exists()
    assert len(json.loads(fan("list", "-f", "json").stdout)) == 4  # still read, migrated


def test_a_json_journal_upgrades_too(fan, journal_dir):
    fan("config", "set", "format", "json")
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.json"
    original = json.dumps(V1_JSON, indent=2)
    path.write_text(original)
    assert fan("follow-up", "plan", "Anna").exit_code == 0
    assert (journal_dir / "2026.json.v1.bak").read_text() == original
    stored = json.loads(path.read_text())
    assert stored["schema_version"] == 2
    assert stored["fan"][0]["cost"] == "0.1"
    assert stored["follow_up"][0]["id"] == "2026-F001"


def test_a_newer_schema_is_refused(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text("schema_version = 3\n")
    for args in (["nps"], ["nps", "add", "9"], ["due"], ["wall"]):
        assert_clean_error(fan(*args), code=1, message="schema_version 3")
    assert path.read_text() == "schema_version = 3\n"
