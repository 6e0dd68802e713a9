import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_capital_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the capital statement from the portal home",
            trigger: "a[href='/my/capital']",
            run: "click",
        },
        {
            content: "The statement lists the membership share",
            trigger: ".o_coop_capital_statement .o_coop_holdings td:contains('Membership share')",
        },
        {
            content: "The payment is shown",
            trigger: ".o_coop_capital_statement .o_coop_subscriptions td:contains('Payroll deduction')",
        },
        {
            content: "Three quarters are still due",
            trigger: ".o_coop_capital_statement .o_coop_balance_due:contains('750.00')",
        },
        {
            content: "The member is paid up (the other installments fall due later)",
            trigger: ".o_coop_capital_statement .badge:contains('Paid up')",
        },
    ],
});
