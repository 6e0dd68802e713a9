"""The runner's count of Odoo tests (tools/testcount.py), on an addon's
source and on logs written the way Odoo 18 writes them."""

import collections
import textwrap

import testcount  # tools/, on sys.path through conftest.py

HEAD = "2026-01-01 10:00:00,000 4242"


def line(level, logger, msg, db="coop_test_1"):
    return f"{HEAD} {level} {db} {logger}: {msg} "


def addon(tmp_path, files):
    tests = tmp_path / "coop_x" / "tests"
    tests.mkdir(parents=True)
    for name, text in files.items():
        (tests / name).write_text(textwrap.dedent(text))
    return tmp_path / "coop_x"


SOURCE = {
    "__init__.py": "from . import test_a\n",
    "common.py": """
        from odoo.tests import TransactionCase

        class Base(TransactionCase):
            def test_inherited(self):
                pass
    """,
    "test_a.py": """
        from odoo.tests import TransactionCase, tagged
        from .common import Base

        class TestA(TransactionCase):
            def test_one(self):
                pass

            async def test_two(self):
                pass

            def helper(self):
                pass

        @tagged("-standard", "slow")
        class TestNotStandard(TransactionCase):
            def test_not_selected(self):
                pass

        class TestKeepsInherited(Base):
            allow_inherited_tests_method = True

            def test_own(self):
                pass

        class TestDropsInherited(Base):
            def test_own(self):
                pass
    """,
    # Not imported by tests/__init__.py: Odoo would not run it.
    "test_b.py": """
        from odoo.tests import TransactionCase

        class TestB(TransactionCase):
            def test_forgotten(self):
                pass
    """,
}


def test_the_source_declares_what_odoos_loader_would_run(tmp_path):
    expected = testcount.expected_tests(addon(tmp_path, SOURCE))
    assert expected == collections.Counter(
        {
            ("coop_x", "test_a", "TestA", "test_one"): 1,
            ("coop_x", "test_a", "TestA", "test_two"): 1,
            ("coop_x", "test_a", "TestKeepsInherited", "test_own"): 1,
            ("coop_x", "test_a", "TestKeepsInherited", "test_inherited"): 1,
            ("coop_x", "test_a", "TestDropsInherited", "test_own"): 1,
            ("coop_x", "test_b", "TestB", "test_forgotten"): 1,  # a dropped import
        }
    )


def _log(*lines, finished=True):
    body = list(lines)
    if finished:
        body.append(
            line(
                "INFO", "odoo.tests.result", "0 failed, 0 error(s) of 3 tests when loading database"
            )
        )
    return "\n".join(body)


EXPECTED = collections.Counter(
    {
        ("coop_x", "test_a", "TestA", "test_one"): 1,
        ("coop_x", "test_a", "TestA", "test_two"): 1,
        ("coop_x", "test_a", "TestC", "test_three"): 1,
    }
)
A = "odoo.addons.coop_x.tests.test_a"


def test_a_clean_run_counts_test_methods_not_class_set_ups():
    log = testcount.parse_log(
        _log(
            line("INFO", A, "Starting TestA.test_one ..."),
            line("INFO", A, "Starting TestA.test_two ..."),
            line("INFO", A, "Starting TestC.test_three ..."),
            line("INFO", "odoo.tests.stats", "coop_x: 5 tests 1.00s 10 queries"),
        ),
        ["coop_x"],
    )
    verdict = testcount.judge(EXPECTED, log)
    assert (verdict.passed, verdict.failed, verdict.problems) == (3, 0, [])


def test_a_class_skipped_in_set_up_class_fails_its_tests():
    log = testcount.parse_log(
        _log(
            line("INFO", A, "Starting TestA.test_one ..."),
            line("INFO", A, "Starting TestA.test_two ..."),
            line(
                "INFO",
                "odoo.tests.suite",
                "skipped setUpClass (odoo.addons.coop_x.tests.test_a.TestC) : no Chromium",
            ),
        ),
        ["coop_x"],
    )
    verdict = testcount.judge(EXPECTED, log)
    assert (verdict.passed, verdict.failed) == (2, 1)
    assert any("TestC skipped in setUpClass: no Chromium" in p for p in verdict.problems)


def test_failures_errors_subtests_and_skips_count_once_per_test():
    log = testcount.parse_log(
        _log(
            line("INFO", A, "Starting TestA.test_one ..."),
            line("ERROR", A, "FAIL: Subtest TestA.test_one (x=1)"),
            line("ERROR", A, "FAIL: Subtest TestA.test_one (x=2)"),
            line("INFO", A, "Starting TestA.test_two ..."),
            line("INFO", A, "skipped TestA.test_two : later"),
            line("INFO", A, "Starting TestC.test_three ..."),
            line("ERROR", "odoo.http", "Exception during request handling."),
        ),
        ["coop_x"],
    )
    verdict = testcount.judge(EXPECTED, log)
    assert (verdict.passed, verdict.failed) == (0, 3)


def test_an_interrupted_run_fails_the_test_it_was_in_and_those_after_it():
    log = testcount.parse_log(
        _log(line("INFO", A, "Starting TestA.test_one ..."), finished=False), ["coop_x"]
    )
    verdict = testcount.judge(EXPECTED, log, interrupted="Odoo did not finish within 60 s")
    assert (verdict.passed, verdict.failed) == (0, 3)
    assert verdict.problems[0].startswith(
        "INTERRUPTED during coop_x/tests/test_a.py TestA.test_one"
    )


def test_a_run_without_odoos_closing_line_is_a_failure():
    log = testcount.parse_log(
        _log(
            *(line("INFO", A, f"Starting {c}.{m} ...") for _, _, c, m in EXPECTED), finished=False
        ),
        ["coop_x"],
    )
    verdict = testcount.judge(EXPECTED, log)
    assert (verdict.passed, verdict.failed) == (3, 1)


def test_a_file_that_never_ran_is_reported_as_a_dropped_import():
    expected = EXPECTED + collections.Counter({("coop_x", "test_b", "TestB", "test_four"): 1})
    log = testcount.parse_log(
        _log(
            line("INFO", A, "Starting TestA.test_one ..."),
            line("INFO", A, "Starting TestA.test_two ..."),
            line(
                "INFO",
                "odoo.tests.suite",
                "skipped setUpClass (odoo.addons.coop_x.tests.test_a.TestC) : off",
            ),
        ),
        ["coop_x"],
    )
    verdict = testcount.judge(expected, log)
    assert (verdict.passed, verdict.failed) == (2, 2)
    not_run = [p for p in verdict.problems if p.startswith("NOT RUN")]
    assert not_run == [
        "NOT RUN 1 test(s) of coop_x/tests/test_a.py: TestC.test_three",
        "NOT RUN 1 test(s) of coop_x/tests/test_b.py (is it imported in tests/__init__.py?): "
        "TestB.test_four",
    ]
