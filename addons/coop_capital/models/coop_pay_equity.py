from odoo import fields, models, tools


class CoopPayEquity(models.Model):
    """Pay per contracted hour of everyone with a running contract, for the
    members' yearly pay-equity report."""

    _name = "coop.pay.equity"
    _description = "Pay equity"
    _auto = False
    _order = "hourly_rate desc"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_member = fields.Boolean(string="Member-owner", readonly=True)
    wage = fields.Monetary(string="Monthly wage", readonly=True, aggregator="avg")
    weekly_hours = fields.Float(readonly=True, aggregator="avg")
    hourly_rate = fields.Monetary(string="Pay per hour", readonly=True, aggregator="max")
    ratio_to_lowest = fields.Float(
        string="Times the lowest", readonly=True, aggregator="max", digits=(6, 2)
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Pay per hour = monthly wage x 12 / (weekly hours x 52), as in
        # lib.capital.hourly_rate.
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH hours AS (
                    SELECT cal.id AS calendar_id,
                           SUM(att.hour_to - att.hour_from)
                             / (CASE WHEN cal.two_weeks_calendar THEN 2 ELSE 1 END)
                             AS weekly_hours
                      FROM resource_calendar cal
                      JOIN resource_calendar_attendance att ON att.calendar_id = cal.id
                     WHERE COALESCE(att.day_period, '') <> 'lunch'
                       AND att.display_type IS NULL
                  GROUP BY cal.id, cal.two_weeks_calendar
                ), rates AS (
                    SELECT c.id, c.employee_id, c.job_id, c.company_id, c.wage,
                           h.weekly_hours,
                           c.wage * 12 / NULLIF(h.weekly_hours * 52, 0) AS hourly_rate,
                           EXISTS (
                               SELECT 1 FROM coop_membership m
                                WHERE m.employee_id = c.employee_id AND m.state = 'member'
                           ) AS is_member
                      FROM hr_contract c
                      JOIN hours h ON h.calendar_id = c.resource_calendar_id
                     WHERE c.state = 'open' AND c.wage > 0
                )
                SELECT id, employee_id, job_id, company_id, wage, weekly_hours,
                       hourly_rate, is_member,
                       hourly_rate / NULLIF(MIN(hourly_rate) OVER (PARTITION BY company_id), 0)
                         AS ratio_to_lowest
                  FROM rates
            )
            """
        )
