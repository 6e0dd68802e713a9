import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase

# AccessError and ValidationError are UserErrors: any of them is a refusal.
REFUSED = UserError
GUARD_MESSAGE = "changes only through"


def new_membership(env, company, partner, state="associate", date=None, eligible=True, **vals):
    """A membership of ``partner`` in ``state``, reached the way the co-op
    reaches it: created as an associate or a licensed clinician, then moved
    on by the transitions (on ``date``, today when empty). ``eligible``:
    with the hours and months of work the default candidacy rule asks for."""
    values = {
        "partner_id": partner.id,
        "company_id": company.id,
        "state": "associate" if state == "associate" else "licensed",
    }
    if date:
        values["date_state"] = date
    if eligible:
        today = fields.Date.context_today(env["coop.membership"])
        values.update(
            candidacy_hours_manual=700,
            date_work_start=min(today, date or today) - relativedelta(months=7),
        )
    values.update(vals)
    membership = env["coop.membership"].with_company(company).create(values)
    if state in ("candidate", "member"):
        membership._coop_transition("candidate", date=date)
    if state == "member":
        membership._coop_transition("member", date=date)
    return membership


def enter_hours(env, membership, hours, date, description=None):
    """A dated entry of ``hours`` worked by ``membership`` on ``date`` (the
    register's own source of hours that count in a year)."""
    return env["coop.hour.entry"].create(
        {
            "membership_id": membership.id,
            "hours": hours,
            "date": date,
            "description": description or "Hours worked",
        }
    )


class CoopCase(TransactionCase):
    """A co-op of its own with fresh people, independent of the demo data
    and of the rules other modules add for the co-ops they manage (e.g. a
    company that keeps more records of its members)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls._coop_company()
        # Every actor of a test reads "today" in one time zone (the test
        # user's, Europe/Brussels with Odoo's demo data): users made by
        # new_test_user have none, and would read UTC's date, a day apart
        # between 23:00 and midnight UTC.
        tz = cls.env.user.tz or "UTC"
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id], tz=tz))
        cls.company = cls.env["res.company"].browse(company.id)
        cls.Membership = cls.env["coop.membership"]
        cls.today = fields.Date.context_today(cls.Membership)
        cls.company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})

    @classmethod
    def _next_register_number(cls, company=None):
        """The number the next member-owner of ``company`` is entered under:
        the register counts M-0001, M-0002, ... without gaps."""
        numbers = cls.env["coop.membership"].search(
            [("company_id", "=", (company or cls.company).id), ("register_number", "!=", False)]
        )
        last = max((int(n[2:]) for n in numbers.mapped("register_number")), default=0)
        return f"M-{last + 1:04d}"

    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create({"name": "Register Test Co-op"})

    @classmethod
    def _partner(cls, name):
        return cls.env["res.partner"].create({"name": name})

    @classmethod
    def _person(cls, name, company=None):
        company = company or cls.company
        partner = cls._partner(name)
        employee = cls.env["hr.employee"].create(
            {"name": name, "work_contact_id": partner.id, "company_id": company.id}
        )
        return partner, employee

    @classmethod
    def _membership(cls, name, state="associate", company=None, eligible=True, **vals):
        """A membership in ``state`` (see :func:`new_membership`), on
        ``date_state`` when given."""
        company = company or cls.company
        partner, employee = cls._person(name, company)
        date = vals.pop("date_state", None)
        worked = vals.pop("worked", {})
        vals.setdefault("employee_id", employee.id)
        membership = new_membership(
            cls.env, company, partner, state=state, date=date, eligible=eligible, **vals
        )
        cls._enter_yearly_hours(membership, worked, date)
        return membership

    @classmethod
    def _enter_yearly_hours(cls, membership, worked, since=None):
        """``worked``: ``{year: hours}`` the person worked in each year, entered
        as one dated entry on the year's first day, or on ``since`` (the day
        they joined) in the year they joined; years before that are skipped."""
        for year, hours in worked.items():
            if since and since.year > year:
                continue  # not working there yet
            day = datetime.date(year, 1, 1)
            if since and since > day:
                day = since
            cls._enter_hours(membership, hours, day, f"Hours worked in {year}")

    @classmethod
    def _enter_hours(cls, membership, hours, date, description=None):
        return enter_hours(cls.env, membership, hours, date, description)

    @classmethod
    def _member(cls, name, **vals):
        return cls._membership(name, state="member", company=cls.company, **vals)

    # ------------------------------------------------------------------
    # People in each state, and a login for each role (the lock tests)
    # ------------------------------------------------------------------
    @classmethod
    def _user(cls, login, groups, partner=None):
        vals = {
            "name": login,
            "login": f"{cls.__name__}_{login}",
            "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, groups.ids)],
        }
        if partner:
            vals["partner_id"] = partner.id
        return cls.env["res.users"].create(vals)

    @classmethod
    def _manager_groups(cls):
        return cls.env.ref("coop_membership.group_coop_manager")

    @classmethod
    def _setup_roles(cls):
        """An associate, a licensed clinician and a member-owner of the
        co-op, and a login per role: the member, the associate, an internal
        user who is no member (``outsider_user``), Co-op / User and co-op
        manager; ``roles`` names those that try the locks."""
        cls.associate = cls._membership("Al Associate")
        cls.licensed = cls._membership("Li Licensed", state="licensed")
        cls.member = cls._member("Mo Member")
        internal = cls.env.ref("base.group_user")
        cls.member_user = cls._user("member", internal, cls.member.partner_id)
        cls.associate_user = cls._user("associate", internal, cls.associate.partner_id)
        cls.outsider_user = cls._user("outsider", internal)
        cls.coop_user = cls._user("coop_user", cls.env.ref("coop_membership.group_coop_user"))
        cls.manager = cls._user("manager", cls._manager_groups())
        cls.roles = {
            "member": cls.member_user,
            "associate": cls.associate_user,
            "Co-op / User": cls.coop_user,
            "manager": cls.manager,
        }


def other_value(record, name):
    """A value of field ``name`` that differs from ``record``'s and from the
    field's default."""
    field = record._fields[name]
    current = record[name]
    if field.type == "selection":
        default = record.default_get([name]).get(name)
        values = [key for key, _label in field._description_selection(record.env)]
        others = [v for v in reversed(values) if v != current]
        return next((v for v in others if v != default), others[0])
    if field.type in ("char", "text"):
        return "X-forged"
    if field.type == "date":
        return (current or fields.Date.today()) + relativedelta(days=1)
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 1
    if field.type == "many2one":
        other = record.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
        return other.id
    raise AssertionError(f"{record._name}.{name}: no forged value for a {field.type} field")


def assert_guarded(case, records, roles, create_extra=None):
    """Walk the protected fields of each record: every role's write and
    create of any of them is refused, the superuser's by the guard itself,
    and nothing changes. Returns the number of attempts."""
    guarded = case.env.registry["coop.guard.mixin"]._inherit_children
    tried = 0
    for record in records:
        model = record._name
        case.assertIn(model, guarded)
        protected = record._coop_protected_fields
        case.assertTrue(protected, model)
        for name in protected:
            before = record[name]
            value = other_value(record, name)
            create_vals = dict({name: value}, **(create_extra or {}).get(model, {}))
            creatable = record._coop_initial_values.get(name, ()) is None or create_vals[
                name
            ] == record.default_get([name]).get(name)
            for role, user in (*roles.items(), ("superuser", None)):
                target = record.sudo() if user is None else record.with_user(user)
                # As superuser, only the guard itself can refuse.
                expected = GUARD_MESSAGE if user is None else ""
                with (
                    case.subTest(model=model, field=name, role=role),
                    case.assertRaisesRegex(REFUSED, expected),
                    case.env.cr.savepoint(),
                ):
                    target.write({name: value})
                tried += 1
                if creatable:
                    continue  # a new record may carry it (its default, or given once)
                with (
                    case.subTest(model=model, field=name, role=role, create=True),
                    case.assertRaisesRegex(REFUSED, expected),
                    case.env.cr.savepoint(),
                ):
                    target.browse().create(create_vals)
                tried += 1
            record.invalidate_recordset()
            case.assertEqual(record[name], before, f"{model}.{name} changed")
    return tried


def open_every_menu(case, user, root_xmlid="coop_membership.menu_coop_root"):
    """Open every menu under ``root_xmlid`` that ``user`` sees, as the web
    client does: load its views, read its list (or kanban) and the form of its
    first record with every field those views show, x2many lines included.
    Returns the names of the menus opened; any access error fails."""
    Menu = case.env["ir.ui.menu"].with_user(user)
    root = case.env.ref(root_xmlid)
    visible_ids = Menu._visible_menu_ids()
    visible = Menu.browse(visible_ids).filtered(
        lambda m: all(int(i) in visible_ids for i in m.parent_path.split("/")[:-1])
    )
    opened = []
    for menu in visible.filtered(lambda m: m.action and m.parent_path.startswith(root.parent_path)):
        action = menu.sudo().action
        if action._name == "ir.actions.server":
            action = action.with_user(user).with_context(active_model=None).run()
            model, res_id = action["res_model"], action.get("res_id")
            # An action may name its views or, as the web client also takes,
            # its view modes and one view_id.
            pairs = action.get("views") or [
                (action.get("view_id") or False, mode) for mode in action["view_mode"].split(",")
            ]
            views = [view or False for view, _mode in pairs]
            modes = [mode for _view, mode in pairs]
        elif action._name == "ir.actions.act_window":
            model, res_id = action.res_model, None
            modes = action.view_mode.split(",")
            ids = {mode: view_id for view_id, mode in action.views if view_id}
            views = [ids.get(mode, False) for mode in modes]
        else:
            continue
        Model = case.env[model].with_user(user)
        loaded = Model.get_views(list(zip(views, modes, strict=True)))
        fields = loaded["models"][model]["fields"]

        def spec(fields, models=loaded["models"]):
            result = {}
            for name, desc in fields.items():
                if desc["type"] in ("many2one", "many2many", "one2many"):
                    sub = models.get(desc["relation"], {}).get("fields", {})
                    result[name] = {
                        "fields": {
                            n: {}
                            for n, d in sub.items()
                            if d["type"] not in ("one2many", "many2many")
                        }
                        or {"display_name": {}}
                    }
                else:
                    result[name] = {}
            return result

        records = Model.web_search_read([], spec(fields), limit=80)["records"]
        first = res_id or (records and records[0]["id"])
        if first:
            Model.browse(first).web_read(spec(fields))
        opened.append(menu.complete_name)
    return opened


def technical_names(env, modules, records_by_model):
    """The display names of the given records that look like ``model,ID``
    (or are empty), by model; fails when a stored model of ``modules`` has
    no record given."""
    models = {
        m.model
        for m in env["ir.model"].search([("transient", "=", False)])
        if m.model.startswith("coop.")
        and set(m.modules.split(", ")) & set(modules)
        and not env[m.model]._abstract
    }
    missing = models - set(records_by_model)
    assert not missing, f"no record given for {sorted(missing)}"
    bad = {}
    for model, record in records_by_model.items():
        name = record.display_name
        if not name or name.startswith(f"{model},"):
            bad[model] = name
    return bad
