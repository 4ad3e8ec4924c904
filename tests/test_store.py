import json
import os
import stat
import subprocess
import sys

import pytest

from fanjournal.errors import FanError
from fanjournal.store import SCHEMA_VERSION, Journal

from .conftest import assert_clean_error


def test_files_are_private(fan, journal_dir):
    assert fan("add", "Called back within the hour", "-c", "Anna").exit_code == 0
    fan("add", "Second")
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    for path in journal_dir.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_previous_version_is_kept_as_backup(fan, journal_dir):
    fan("add", "first")
    first = (journal_dir / "2026.toml").read_text()
    fan("add", "second")
    assert (journal_dir / "2026.toml.bak").read_text() == first
    assert "second" in (journal_dir / "2026.toml").read_text()


def test_no_temp_files_are_left_behind(fan, journal_dir):
    for n in range(3):
        fan("add", f"fan {n}")
    assert sorted(p.name for p in journal_dir.iterdir()) == [".cache", ".lock", "2026.toml",
                                                              "2026.toml.bak"]
    assert sorted(p.name for p in (journal_dir / ".cache").iterdir()) == [
        "2026.days.json", "2026.entries.jsonl"]


def test_file_starts_with_schema_version_and_reads_back(fan, journal_dir):
    fan("add", 'She said "thanks" \\ merci 🎉', "-t", "x", "--score", "9", "--cost", "2.50")
    text = (journal_dir / "2026.toml").read_text()
    assert text.startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert "[[fan]]" in text
    data = json.loads(fan("list", "--format", "json").stdout)
    assert data[0]["text"] == 'She said "thanks" \\ merci 🎉'
    assert data[0]["cost"] == "2.50"


def test_json_format_stores_the_same_model(fan, journal_dir):
    assert fan("config", "set", "format", "json").exit_code == 0
    fan("add", "In JSON", "-c", "Bo", "--peak")
    stored = json.loads((journal_dir / "2026.json").read_text())
    assert stored["schema_version"] == SCHEMA_VERSION
    assert stored["fan"][0]["customer"] == "Bo"
    assert stored["fan"][0]["date"] == "2026-11-20"
    assert json.loads(fan("list", "-f", "json").stdout)[0]["peak"] is True


def test_unknown_keys_survive_a_rewrite(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        'schema_version = 1\nnext_number = 2\nfuture_top = "kept"\n\n'
        '[[fan]]\nid = "2026-001"\ndate = 2026-11-19\ntext = "old"\nmood = "great"\n'
        "[fan.extra_table]\nx = 1\n"
    )
    fan("add", "new")
    text = (journal_dir / "2026.toml").read_text()
    assert 'mood = "great"' in text
    assert 'future_top = "kept"' in text
    assert "x = 1" in text


def test_entry_added_by_hand_without_id_gets_one(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        'schema_version = 1\n\n[[fan]]\ndate = 2026-11-19\ntext = "typed by hand"\n')
    result = fan("add", "by fan")
    assert "2026-002" in result.stdout
    assert '"id": "2026-001"' in fan("list", "-f", "json").stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("schema_version = 1\n[[fan]]\nid = 2026-001\n", "not valid TOML"),
        ('schema_version = 1\n\n[[fan]]\nid = "2026-001"\ndate = 2026-11-19\ntext = "a"\n\n'
         '[[fan]]\nid = "2026-002"\ndate = 2026-11-19\ntext = "b"\nscore = 12\n',
         "entry 2 (line 8), field 'score'"),
        ('schema_version = 1\n[[fan]]\nid = "2026-001"\ndate = 2026-11-19\n',
         "field 'text'"),
        ("schema_version = 99\n", "schema_version 99"),
        ('schema_version = 1\n[[fan]]\nid = "2026-001"\ndate = 2026-11-19\ntext = "a"\n'
         '[[fan]]\nid = "2026-001"\ndate = 2026-11-19\ntext = "b"\n', "used twice"),
    ],
)
def test_a_broken_journal_is_never_overwritten(fan, journal_dir, content, expected):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text(content)
    for args in (["add", "another"], ["list"], ["rm", "2026-001", "--yes"],
                 ["edit", "2026-001", "--text", "x"]):
        result = fan(*args)
        assert_clean_error(result, code=1, message=expected)
        assert str(path) in result.stderr
    assert path.read_text() == content
    assert not (journal_dir / "2026.toml.bak").exists()


def test_broken_journal_message_says_how_to_restore(fan, journal_dir):
    fan("add", "good")
    fan("add", "also good")
    path = journal_dir / "2026.toml"
    path.write_text(path.read_text().replace('moment = "zomaar"', 'moment = "oops"', 1))
    result = fan("add", "third")
    assert_clean_error(result, code=1, message="cp ")
    assert "2026.toml.bak" in result.stderr
    assert "field 'moment'" in result.stderr


def test_other_years_are_not_read_when_adding(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2019.toml").write_text("this is not toml [")
    assert fan("add", "today's fan").exit_code == 0
    assert fan("list", "-n", "1").exit_code == 0
    assert_clean_error(fan("list"), message="2019.toml")


def test_ids_are_never_reused_after_removal(fan):
    fan("add", "one")
    fan("add", "two")
    assert fan("rm", "2026-002", "--yes").exit_code == 0
    assert "2026-003" in fan("add", "three").stdout


def test_backdated_fan_goes_to_its_own_year(fan, journal_dir):
    result = fan("add", "late entry", "--date", "2025-12-31")
    assert "2025-001" in result.stdout
    assert (journal_dir / "2025.toml").exists()
    assert "2025-001" in fan("show", "2025-001").stdout


def test_lock_times_out_with_a_clear_message(journal_dir, monkeypatch):
    import fcntl

    from fanjournal import store

    journal = Journal(journal_dir)
    journal_dir.mkdir(parents=True)
    fd = os.open(journal_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.05)
    try:
        with pytest.raises(FanError, match="busy"), journal.change(2026):
            pass
    finally:
        os.close(fd)


def test_twenty_concurrent_processes_add_twenty_entries(fan_home, fan):
    script = (
        "import sys; from fanjournal.cli import main; "
        "sys.argv = ['fan', 'add', 'concurrent fan ' + sys.argv[1]]; main()"
    )
    env = {**os.environ, "FAN_HOME": str(fan_home)}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(20)]
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outcomes
    data = json.loads(fan("list", "-f", "json").stdout)
    assert len(data) == 20
    assert sorted(e["text"] for e in data) == sorted(f"concurrent fan {n}" for n in range(20))
    assert len({e["id"] for e in data}) == 20


def test_installed_entry_point_runs_concurrently(fan_process, fan):
    procs = [
        subprocess.Popen([__import__("tests.conftest", fromlist=["x"]).fan_executable(), "add",
                          f"installed {n}"], env=os.environ.copy(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        for n in range(5)
    ]
    for p in procs:
        p.communicate(timeout=60)
        assert p.returncode == 0
    assert len(json.loads(fan("list", "-f", "json").stdout)) == 5


def _journal_as_parsed(journal_dir, year=2026):
    """The year as a fresh, cache-free parse of the file itself would give it."""
    from fanjournal.store import _parse

    path = journal_dir / f"{year}.toml"
    return [e.to_record() for e in _parse(path, path.read_bytes(), year).entries]


def test_appending_through_the_cache_gives_the_same_file_as_a_full_parse(fan, journal_dir):
    for n in range(5):
        fan("add", f"fan {n}", "-c", f"C{n}", "-t", "x", "--score", str(n), "--cost", "1.5")
    assert (journal_dir / ".cache" / "2026.entries.jsonl").exists()
    parsed = _journal_as_parsed(journal_dir)
    assert [r["text"] for r in parsed] == [f"fan {n}" for n in range(5)]
    assert "next_number = 6" in (journal_dir / "2026.toml").read_text()
    listed = json.loads(fan("list", "-f", "json").stdout)
    assert [e["id"] for e in listed] == [r["id"] for r in parsed]
    assert listed[4]["cost"] == "1.5" and listed[4]["tags"] == ["x"]


def test_a_hand_edit_is_seen_despite_the_cache(fan, journal_dir):
    fan("add", "original text")
    path = journal_dir / "2026.toml"
    path.write_text(path.read_text().replace("original text", "edited by hand"))
    assert json.loads(fan("list", "-f", "json").stdout)[0]["text"] == "edited by hand"
    fan("add", "second")
    assert [r["text"] for r in _journal_as_parsed(journal_dir)] == ["edited by hand", "second"]


@pytest.mark.parametrize("damage", ["{not json", '{"cache": 1, "signature": [1]}', ""])
def test_a_damaged_cache_is_ignored(fan, journal_dir, damage):
    fan("add", "one")
    for cache in (journal_dir / ".cache").iterdir():
        cache.write_text(damage)
    fan("add", "two")
    assert [e["text"] for e in json.loads(fan("list", "-f", "json").stdout)] == ["one", "two"]


def test_a_broken_file_is_not_appended_to_even_with_a_cache(fan, journal_dir):
    fan("add", "one")
    path = journal_dir / "2026.toml"
    path.write_text(path.read_text() + "\n[[fan]]\nbroken = \n")
    broken = path.read_text()
    assert_clean_error(fan("add", "two"), message="not valid TOML")
    assert path.read_text() == broken


def test_append_without_a_next_number_line_falls_back_to_a_full_write(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text(f'schema_version = {SCHEMA_VERSION}\n\n[[fan]]\nid = "2026-004"\n'
                    'date = 2026-11-19\ntext = "by hand"\n')
    fan("list")  # builds the cache
    assert "2026-005" in fan("add", "next").stdout
    assert "next_number = 6" in path.read_text()
    assert [r["id"] for r in _journal_as_parsed(journal_dir)] == ["2026-004", "2026-005"]


def test_adding_to_an_old_schema_year_keeps_the_old_file(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    old = 'schema_version = 1\nnext_number = 2\n\n[[fan]]\nid = "2026-001"\ndate = 2026-11-19\n' \
          'text = "old"\ncost = 12.5\n'
    path.write_text(old)
    fan("list")
    fan("add", "new")
    if SCHEMA_VERSION > 1:
        assert (journal_dir / "2026.toml.v1.bak").read_text() == old
        assert path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert [r["text"] for r in _journal_as_parsed(journal_dir)] == ["old", "new"]


def test_json_journal_appends_stay_valid_json(fan, journal_dir):
    fan("config", "set", "format", "json")
    for n in range(4):
        assert f"2026-00{n + 1}" in fan("add", f'json "fan" {n}', "-t", "t").stdout
    stored = json.loads((journal_dir / "2026.json").read_text())
    assert stored["next_number"] == 5
    assert [e["text"] for e in stored["fan"]] == [f'json "fan" {n}' for n in range(4)]
    assert fan("add", "fifth").stdout == "Added 2026-005 — 5 fans today.\n"


def test_summary_from_the_cache_matches_the_entries(fan, journal_dir):
    import datetime as dt
    from decimal import Decimal

    from fanjournal.store import Journal

    fan("add", "a", "--cost", "2.50", "--minutes", "10")
    fan("add", "b", "--cost", "0.25", "-d", "2026-11-19")
    fan("add", "c", "--minutes", "5")
    fan("add", "d")
    cached = Journal(journal_dir).summary(2026)  # from .cache, kept up to date by the appends
    for cache in (journal_dir / ".cache").iterdir():
        cache.unlink()
    parsed = Journal(journal_dir).summary(2026)  # from the entries themselves
    for summary in (cached, parsed):
        assert summary.fan_days == {dt.date(2026, 11, 20): 3, dt.date(2026, 11, 19): 1}
        assert summary.money_days == {dt.date(2026, 11, 20): Decimal("2.50"),
                                      dt.date(2026, 11, 19): Decimal("0.25")}
        assert summary.minutes_days == {dt.date(2026, 11, 20): 15}


@pytest.mark.parametrize("header", ["", "fan = []\n"])
def test_adding_to_a_year_that_has_only_other_sections(fan, journal_dir, header):
    """A year holding only days off (say) gets its first [[fan]] without breaking the file."""
    assert fan("off", "2026-11-18", "--reason", "training").exit_code == 0
    path = journal_dir / "2026.toml"
    if header:  # as an older fan wrote it
        path.write_text(path.read_text().replace("next_number = 1\n", "next_number = 1\n" + header))
        fan("list")  # caches the file as it is
    assert fan("add", "first fan of the year").exit_code == 0
    assert fan("add", "second").exit_code == 0
    assert [r["text"] for r in _journal_as_parsed(journal_dir)] == ["first fan of the year",
                                                                    "second"]
    assert "training" in fan("off", "--list").stdout


def test_backup_falls_back_to_a_copy_where_links_fail(fan, journal_dir, monkeypatch):
    fan("add", "first")
    first = (journal_dir / "2026.toml").read_bytes()

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    fan("add", "second")
    assert (journal_dir / "2026.toml.bak").read_bytes() == first
    assert stat.S_IMODE((journal_dir / "2026.toml.bak").stat().st_mode) == 0o600
    assert not [p for p in journal_dir.iterdir() if p.name.endswith(".tmp")]


# --- found by review: each pins a way the cache or the append path could have gone wrong


def test_a_write_during_a_cold_read_does_not_leave_a_stale_cache(fan, journal_dir, monkeypatch):
    import datetime as dt

    from fanjournal import store
    from fanjournal.model import Entry

    fan("add", "one")
    (journal_dir / ".cache" / "2026.days.json").unlink()  # a cold cache, as after a hand edit
    real_read, raced = store.read_bytes, []

    def read_while_another_process_adds(path):
        data = real_read(path)
        if not raced:  # another `fan add` lands between this read and the cache write
            raced.append(True)
            Journal(journal_dir).append(2026, lambda entry_id: Entry(
                id=entry_id, date=dt.date(2026, 11, 20),
                created=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), text="two"))
        return data

    monkeypatch.setattr(store, "read_bytes", read_while_another_process_adds)
    assert [e.text for e in Journal(journal_dir).load(2026).entries] == ["one"]
    monkeypatch.setattr(store, "read_bytes", real_read)
    assert "2026-003" in fan("add", "three").stdout
    ids = sorted(e["id"] for e in json.loads(fan("list", "-f", "json").stdout))
    assert ids == ["2026-001", "2026-002", "2026-003"]


def test_json_append_refuses_when_fan_is_not_the_last_key(fan, journal_dir):
    fan("config", "set", "format", "json")
    fan("add", "one")
    path = journal_dir / "2026.json"
    document = json.loads(path.read_text())
    document["off"] = [{"date": "2026-11-18", "reason": "dentist"}]  # after "fan", as jq does
    path.write_text(json.dumps(document, indent=2) + "\n")
    fan("list")
    assert fan("add", "two").exit_code == 0
    stored = json.loads(path.read_text())
    assert [e["text"] for e in stored["fan"]] == ["one", "two"]
    assert stored["off"] == [{"date": "2026-11-18", "reason": "dentist"}]


@pytest.mark.parametrize("header", ['"fan" = []\n', "'fan' = []\n"])
def test_quoted_fan_key_in_the_header_takes_the_full_path(fan, journal_dir, header):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text(f"schema_version = {SCHEMA_VERSION}\nnext_number = 1\n{header}\n"
                    "[[off]]\ndate = 2026-11-18\n")
    fan("list")
    assert fan("add", "one").exit_code == 0
    assert [r["text"] for r in _journal_as_parsed(journal_dir)] == ["one"]


def test_values_json_cannot_hold_keep_their_type_and_nothing_crashes(fan, journal_dir, editor):
    fan("add", "one")
    path = journal_dir / "2026.toml"
    path.write_text(path.read_text().replace('text = "one"\n',
                                             'text = "one"\nat = 10:30:00\nvisited = 2026-11-01\n'))
    assert fan("list").exit_code == 0
    assert fan("add", "two").exit_code == 0
    editor("one", "ONE")
    assert fan("edit", "2026-001").exit_code == 0
    text = path.read_text()
    assert "at = 10:30:00" in text and "visited = 2026-11-01" in text and 'text = "ONE"' in text


def test_hand_added_entries_get_stable_ids_that_rm_and_edit_find(fan, journal_dir):
    fan("add", "one")
    path = journal_dir / "2026.toml"
    path.write_text(path.read_text() + '\n[[fan]]\ndate = 2026-11-19\ntext = "hand added"\n')
    listed = {e["text"]: e["id"] for e in json.loads(fan("list", "-f", "json").stdout)}
    assert listed["hand added"] == "2026-002"
    assert "2026-003" in fan("add", "two").stdout
    assert fan("edit", "2026-002", "--score", "3").exit_code == 0
    assert 'id = "2026-002"' in path.read_text()


def test_an_id_less_entry_before_numbered_ones_takes_a_free_id(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        f'schema_version = {SCHEMA_VERSION}\n\n[[fan]]\ndate = 2026-11-19\ntext = "first"\n\n'
        '[[fan]]\nid = "2026-001"\ndate = 2026-11-19\ntext = "second"\n')
    ids = [e["id"] for e in json.loads(fan("list", "-f", "json").stdout)]
    assert sorted(ids) == ["2026-001", "2026-002"]


def test_a_byte_order_mark_is_accepted(fan, journal_dir):
    fan("add", "one")
    path = journal_dir / "2026.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert fan("add", "two").exit_code == 0
    assert [e["text"] for e in json.loads(fan("list", "-f", "json").stdout)] == ["one", "two"]


def test_the_backup_of_a_hand_made_file_is_private(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    path = journal_dir / "2026.toml"
    path.write_text(f"schema_version = {SCHEMA_VERSION}\n")
    path.chmod(0o644)
    fan("add", "one")
    assert stat.S_IMODE((journal_dir / "2026.toml.bak").stat().st_mode) == 0o600


def test_a_datetime_where_a_date_belongs_reads_the_same_from_cache_and_file(fan, journal_dir):
    journal_dir.mkdir(parents=True)
    (journal_dir / "2026.toml").write_text(
        f"schema_version = {SCHEMA_VERSION}\nnext_number = 1\n"
        'off = [{date = 2026-11-18T10:00:00, reason = "dentist"}]\n')
    for _ in range(2):  # from the file, then from the cache
        result = fan("off", "--list")
        assert result.exit_code == 0 and "dentist" in result.stdout


def test_a_symlinked_year_file_stays_a_symlink(fan, journal_dir, tmp_path):
    fan("add", "one")
    synced = tmp_path / "synced-2026.toml"
    (journal_dir / "2026.toml").rename(synced)
    (journal_dir / "2026.toml").symlink_to(synced)
    fan("add", "two")
    assert (journal_dir / "2026.toml").is_symlink()
    assert 'text = "two"' in synced.read_text()
