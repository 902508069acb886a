"""The digest e-mail built from hand-made changes, without a browser: policy, escaping, the
"nothing changed" digest, long lists, the MIME structure."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

from tests.tables import make_table
from zi_dashboard.analysis.changes import detect_changes
from zi_dashboard.exports.digest import MAX_LISTED, Period, build_digest, email_message

UTC = dt.timezone.utc
PERIOD = Period(4, dt.datetime(2026, 11, 23, 1, tzinfo=UTC), 5, dt.datetime(2026, 11, 30, 1,
                                                                             tzinfo=UTC))
SETJEN = "Sekretariat Jenderal"


def tables(agents=(), plans=(), units=None):
    units = units or [dict(unit_key="U1", unit_name="Biro Umum", eselon1=SETJEN,
                           zi_stage="pembangunan")]
    return {"units": make_table("units", units),
            "agents": make_table("agents", [dict(nip=n, name=name, unit="U1", unit_key="U1",
                                                 eselon1=SETJEN) for n, name in agents]),
            "action_plans": make_table("action_plans", [
                dict(nip="1", unit="U1", unit_key="U1", title=title, due_date="2026-01-01",
                     status="proses") for title in plans])}


def digest_of(old, new, **kwargs):
    changes = detect_changes(old, new, old_day=dt.date(2026, 11, 23), new_day=dt.date(2026, 11, 30))
    return build_digest(changes, new, PERIOD, scope_text="Semua data", **kwargs)


def test_counts_only_for_a_principal_that_may_not_see_rows():
    new = tables(agents=[("1", "Andi Sanjaya"), ("2", "Sari Lestari")], plans=["Survei IKM"])
    mail = digest_of(tables(), new, show_rows=False, lang="en")
    for body in (mail.text, mail.html):
        assert "Agents added: 2; removed: 0." in body and "Plans newly overdue: 1." in body
        assert SETJEN in body  # the counts, per Eselon I
        assert "Andi Sanjaya" not in body and "Sari Lestari" not in body
        assert "Survei IKM" not in body
    shown = digest_of(tables(), new, show_rows=True, lang="en")
    assert "Andi Sanjaya" in shown.text and "Survei IKM" in shown.html


def test_values_are_escaped_in_the_html():
    units = [dict(unit_key="U1", unit_name="Balai <b>&</b>", eselon1=SETJEN, zi_stage="belum")]
    moved = [dict(units[0], zi_stage="pencanangan")]
    mail = digest_of(tables(units=units), tables(units=moved), show_rows=True)
    assert "Balai &lt;b&gt;&amp;&lt;/b&gt;" in mail.html and "<b>" not in mail.html
    assert "Balai <b>&</b>" in mail.text


def test_nothing_changed_says_so_and_names_the_period():
    for lang, nothing, period in (
            ("id", "Tidak ada perubahan dalam periode ini.", "Periode: dari versi 4"),
            ("en", "Nothing changed in this period.", "Period: from version 4")):
        mail = digest_of(tables(), tables(), show_rows=True, lang=lang)
        for body in (mail.text, mail.html):
            assert nothing in body and period in body and "5" in body
        assert "4 → 5" in mail.subject
        assert mail.images == [] and mail.image_note == ""


def test_long_lists_stop_and_say_how_many_more():
    many = [(str(i), f"Agen {i:03d}") for i in range(MAX_LISTED + 3)]
    mail = digest_of(tables(), tables(agents=many), show_rows=True, lang="en")
    assert "… and 3 more (see the dashboard)." in mail.text
    assert "Agen 000" in mail.text and f"Agen {MAX_LISTED + 2:03d}" not in mail.text


def test_the_message_is_plain_text_and_html_alternatives():
    mail = digest_of(tables(), tables(agents=[("1", "Andi")]), show_rows=True, lang="id")
    message = email_message(mail, sender="zi@example.go.id", recipients=["a@x.id", "b@x.id"])
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["To"] == "a@x.id, b@x.id" and parsed["Content-Language"] == "id"
    assert "Andi" in parsed.get_body(("plain",)).get_content()
    assert parsed.get_body(("html",)).get_content().startswith("<!DOCTYPE html>")
