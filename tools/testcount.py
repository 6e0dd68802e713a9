"""Count Odoo tests twice: in the source, and in the log of a run.

The runner (coopctl.py) compares the two. Any test method found in an
addon's ``tests/test_*.py`` that did not run (a dropped import in
``tests/__init__.py``, a class skipped or broken in ``setUpClass``, a run cut
short) is a failure, as is a test that failed, erred or was skipped.

What Odoo 18's loader runs for ``--test-tags /<addon>``: the submodules
``test_*`` of ``odoo.addons.<addon>.tests``, in each the classes defined there,
their own methods whose name starts with ``test`` (inherited ones only with
``allow_inherited_tests_method``), except classes tagged ``-standard``.
"""

import ast
import collections
import re
from dataclasses import dataclass, field
from pathlib import Path

# 2026-01-01 10:00:00,123 4242 INFO dbname odoo.addons.x.tests.test_y: message
_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) \S+ (?P<logger>[\w.]+): (?P<msg>.*)$"
)
_TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<addon>\w+)\.tests\.(?P<file>[\w.]+)$")
_STARTING = re.compile(r"^Starting (?P<cls>\w+)\.(?P<method>\w+) \.\.\.$")
_FAILED = re.compile(r"^(?:FAIL|ERROR): (?:Subtest )?(?P<cls>\w+)\.(?P<method>\w+)\b")
_SKIPPED = re.compile(r"^skipped (?P<cls>\w+)\.(?P<method>\w+) : (?P<reason>.*)$")
# Errors and skips of a whole class are logged by odoo.tests.suite.
_CLASS_EVENT = re.compile(
    r"^(?P<kind>ERROR: |skipped )(?P<fixture>setUpClass|tearDownClass|setUpModule|tearDownModule) "
    r"\(odoo\.addons\.(?P<addon>\w+)\.tests\.(?P<file>[\w.]+)\.(?P<cls>\w+)\)(?: : (?P<reason>.*))?"
)
_FINISHED = re.compile(r"\d+ failed, \d+ error\(s\) of \d+ tests when loading database")


def _decorator_tags(node):
    tags = set()
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            name = decorator.func
            name = name.attr if isinstance(name, ast.Attribute) else getattr(name, "id", "")
            if name == "tagged":
                tags.update(
                    arg.value
                    for arg in decorator.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
    return tags


def _own_test_methods(node):
    return [
        item.name
        for item in node.body
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
        and item.name.startswith("test")
    ]


def _allows_inherited(node):
    for item in node.body:
        if isinstance(item, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "allow_inherited_tests_method" for t in item.targets
        ):
            return isinstance(item.value, ast.Constant) and bool(item.value.value)
    return False


def expected_tests(addon_dir):
    """Counter of (addon, file, class, method) for the test methods of an
    addon's ``tests/test_*.py``, as its source declares them."""
    addon_dir = Path(addon_dir)
    addon = addon_dir.name
    classes = {}  # class name -> ClassDef, over the addon's test files (for inheritance)
    per_file = {}
    for path in sorted((addon_dir / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        defined = [n for n in tree.body if isinstance(n, ast.ClassDef)]
        classes.update({n.name: n for n in defined})
        if path.stem.startswith("test_"):
            per_file[path.stem] = defined
    expected = collections.Counter()
    for stem, defined in per_file.items():
        for node in defined:
            if "-standard" in _decorator_tags(node):
                continue
            methods = set(_own_test_methods(node))
            if _allows_inherited(node):
                pending = [b.id for b in node.bases if isinstance(b, ast.Name)]
                while pending:
                    base = classes.get(pending.pop())
                    if base is not None:
                        methods.update(_own_test_methods(base))
                        pending.extend(b.id for b in base.bases if isinstance(b, ast.Name))
            for method in methods:
                expected[(addon, stem, node.name, method)] += 1
    return expected


@dataclass
class RunLog:
    """What one Odoo test run logged about the tests of our addons."""

    ran: collections.Counter = field(default_factory=collections.Counter)
    failed: set = field(default_factory=set)
    skipped: dict = field(default_factory=dict)
    class_events: list = field(default_factory=list)  # (kind, fixture, addon, file, class, reason)
    last_started: tuple = None
    finished: bool = False
    errors_outside_tests: int = 0


def parse_log(text, addons):
    """Read an Odoo log (``--log-level info``) for the tests of ``addons``."""
    log = RunLog()
    addons = set(addons)
    current = None  # (level, logger, first line of the message)
    for line in text.splitlines():
        match = _LINE.match(line.rstrip())
        if not match:
            continue
        level, logger, msg = match["level"], match["logger"], match["msg"]
        if _FINISHED.search(msg):
            log.finished = True
        test_logger = _TEST_LOGGER.match(logger)
        if test_logger and test_logger["addon"] in addons:
            addon, file = test_logger["addon"], test_logger["file"]
            started = _STARTING.match(msg)
            failed = _FAILED.match(msg) if level in ("ERROR", "CRITICAL") else None
            skipped = _SKIPPED.match(msg)
            if started:
                current = (addon, file, started["cls"], started["method"])
                log.ran[current] += 1
                log.last_started = current
            elif failed:
                log.failed.add((addon, file, failed["cls"], failed["method"]))
            elif skipped:
                key = (addon, file, skipped["cls"], skipped["method"])
                log.skipped[key] = skipped["reason"]
            elif level in ("ERROR", "CRITICAL") and current:
                log.failed.add(current)  # an error logged while a test ran fails it
            continue
        event = _CLASS_EVENT.match(msg)
        if event and event["addon"] in addons:
            log.class_events.append(
                (
                    event["kind"].strip(" :"),
                    event["fixture"],
                    event["addon"],
                    event["file"],
                    event["cls"],
                    event["reason"] or "",
                )
            )
            continue
        if level in ("ERROR", "CRITICAL"):
            if current and logger.startswith("odoo.") and not log.finished:
                log.failed.add(current)  # e.g. an error logged by the code under test
            else:
                log.errors_outside_tests += 1
    return log


@dataclass
class Verdict:
    passed: int
    failed: int
    problems: list


def judge(expected, log, interrupted=None):
    """Compare what the source declares with what the run logged.

    ``interrupted``: why the run stopped early (a timeout, a crash), or None.
    Every test that ran and failed, erred or was skipped counts once as
    failed; every declared test that did not run counts as failed; so does
    each problem that no test carries (a class whose tearDownClass failed,
    errors outside the tests, a run without Odoo's closing summary).
    """
    problems = []
    failed_tests = set()  # tests that ran
    other_failures = 0
    for key in sorted(log.failed):
        failed_tests.add(key)
        problems.append(f"FAILED {_name(key)}")
    for key, reason in sorted(log.skipped.items()):
        failed_tests.add(key)
        problems.append(f"SKIPPED {_name(key)}: {reason}")
    missing = expected - log.ran
    for kind, fixture, addon, file, cls, reason in log.class_events:
        not_run = sum(n for k, n in missing.items() if k[:3] == (addon, file, cls))
        what = "skipped in" if kind == "skipped" else "failed in"
        problems.append(
            f"CLASS {addon}/tests/{file}.py {cls} {what} {fixture}"
            + (f": {reason}" if reason else "")
            + (f" ({not_run} test(s) of it did not run)" if not_run else "")
        )
        if not not_run:
            other_failures += 1  # e.g. tearDownClass failed after its tests passed
    if interrupted:
        if log.last_started:
            failed_tests.add(log.last_started)
            problems.append(f"INTERRUPTED during {_name(log.last_started)}: {interrupted}")
        else:
            other_failures += 1
            problems.append(f"INTERRUPTED before any test ran: {interrupted}")
    elif not log.finished:
        other_failures += 1
        problems.append("Odoo's closing test summary is missing: the run did not finish")
    by_file = collections.defaultdict(list)
    for key, count in missing.items():
        by_file[key[:2]].extend([key] * count)
    for (addon, file), keys in sorted(by_file.items()):
        explained = interrupted or any(e[2:4] == (addon, file) for e in log.class_events)
        hint = "" if explained else " (is it imported in tests/__init__.py?)"
        names = ", ".join(f"{k[2]}.{k[3]}" for k in sorted(keys)[:8])
        more = f" and {len(keys) - 8} more" if len(keys) > 8 else ""
        problems.append(
            f"NOT RUN {len(keys)} test(s) of {addon}/tests/{file}.py{hint}: {names}{more}"
        )
    for key in sorted(log.ran - expected):
        failed_tests.add(key)
        problems.append(f"NOT IN SOURCE {_name(key)} ran but the source scan did not find it")
    if log.errors_outside_tests and not (failed_tests or other_failures or missing):
        other_failures += 1
        problems.append(f"{log.errors_outside_tests} error(s) logged outside the tests")
    passed = sum(n for key, n in log.ran.items() if key not in failed_tests)
    failed = len(failed_tests) + sum(missing.values()) + other_failures
    return Verdict(passed, failed, problems)


def _name(key):
    addon, file, cls, method = key
    return f"{addon}/tests/{file}.py {cls}.{method}"
