import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Open a menu of the Capital section of the Co-op app. */
function capitalMenu(xmlid, content) {
    return [
        {
            content: "Open the Capital menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='coop_capital.menu_coop_capital']",
            run: "click",
        },
        {
            content,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid='coop_capital.${xmlid}']`,
            run: "click",
        },
    ];
}

/** Fail unless the list shows exactly ``count`` records. */
function listCount(count, content) {
    return {
        content,
        trigger: ".o_list_view .o_data_row",
        run() {
            const rows = document.querySelectorAll(".o_list_view .o_data_row");
            if (rows.length !== count) {
                throw new Error(`${content}: ${rows.length} rows instead of ${count}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("coop_capital_accountant_tour", {
    url: "/web",
    steps: () => [
        ...stepUtils.goToAppSteps("coop_membership.menu_coop_root", "Open the Co-op app"),
        // Share subscriptions: who still owes what.
        ...capitalMenu("menu_coop_share_subscription", "Open the share subscriptions"),
        {
            content: "The breadcrumb names the subscriptions",
            trigger: ".o_breadcrumb .active:contains('Share subscriptions')",
        },
        {
            content: "Member A's share is paid in full",
            trigger: ".o_data_row:contains('Member A'):contains('1,000.00')",
        },
        {
            content: "Member B still owes three installments",
            trigger: ".o_data_row:contains('Member B'):contains('750.00')",
        },
        {
            content: "The list totals what was subscribed",
            trigger: ".o_list_footer .o_list_number:contains('2,000.00')",
        },
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Keep the overdue subscriptions",
            trigger: ".o_filter_menu .o_menu_item:contains('Overdue')",
            run: "click",
        },
        {
            content: "Group them by member",
            trigger: ".o_group_by_menu .o_menu_item:contains('Member')",
            run: "click",
        },
        {
            content: "The search shows the filter",
            trigger: ".o_searchview_facet:contains('Overdue')",
        },
        {
            content: "Only Member B is behind",
            trigger: ".o_group_header:contains('Member B (1)')",
        },
        {
            content: "Member A is not listed as overdue",
            trigger: ".o_list_view:not(:has(.o_group_header:contains('Member A')))",
        },
        {
            content: "Open Member B's group",
            trigger: ".o_group_header:contains('Member B')",
            run: "click",
        },
        listCount(1, "One overdue subscription"),
        {
            content: "Open the overdue subscription",
            trigger: ".o_data_row:contains('Member B') .o_data_cell[name='membership_id']",
            run: "click",
        },
        // The subscription: its amounts, schedule and payments.
        {
            content: "The subscription is for the membership share",
            trigger: ".o_form_view .o_field_widget[name='amount']:contains('1,000.00')",
        },
        {
            content: "A quarter is paid",
            trigger: ".o_form_view .o_field_widget[name='amount_paid']:contains('250.00')",
        },
        {
            content: "Three quarters remain",
            trigger: ".o_form_view .o_field_widget[name='amount_remaining']:contains('750.00')",
        },
        {
            content: "And are overdue",
            trigger: ".o_form_view .o_field_widget[name='amount_overdue']:contains('750.00')",
        },
        {
            content: "The accountant does not register payments here",
            trigger: ".o_form_view:not(:has(button[name='action_register_payment']))",
        },
        {
            content: "The schedule shows the overdue installments",
            trigger: ".o_field_widget[name='installment_ids'] .o_data_row:contains('Overdue')",
        },
        {
            content: "Open the payments",
            trigger: ".o_notebook .nav-link:contains('Payments')",
            run: "click",
        },
        {
            content: "The first installment's payment is there, posted",
            trigger: ".o_field_widget[name='payment_ids'] .o_data_row:contains('250.00'):contains('Posted')",
        },
        // The share payments, by member.
        ...capitalMenu("menu_coop_share_payment", "Open the share payments"),
        {
            content: "The payments list is open",
            trigger: ".o_breadcrumb .active:contains('Share payments')",
        },
        {
            content: "It totals what members paid",
            trigger: ".o_list_footer .o_list_number:contains('1,250.00')",
        },
        {
            content: "Open the search options",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group the payments by member",
            trigger: ".o_group_by_menu .o_menu_item:contains('Member')",
            run: "click",
        },
        {
            content: "Member A paid 1,000.00",
            trigger: ".o_group_header:contains('Member A (1)'):contains('1,000.00')",
        },
        {
            content: "Member B paid 250.00",
            trigger: ".o_group_header:contains('Member B (1)'):contains('250.00')",
        },
        // The capital check: the register against the ledger.
        ...capitalMenu("menu_coop_capital_check", "Open the capital check"),
        {
            content: "The share register agrees with the share accounts",
            trigger: ".modal .o_field_widget[name='register_total']:contains('2,000.00')",
        },
        {
            content: "The ledger says the same",
            trigger: ".modal .o_field_widget[name='ledger_total']:contains('2,000.00')",
        },
        {
            content: "No difference",
            trigger: ".modal .o_field_widget[name='difference'].text-success:contains('0.00')",
        },
        {
            content: "Nothing to explain",
            trigger: ".modal .o_field_widget[name='mismatch_count']:contains('0')",
        },
        {
            content: "What members still owe agrees",
            trigger: ".modal .o_data_row:contains('Subscriptions receivable'):contains('750.00')",
        },
        {
            content: "The collective reserve agrees",
            trigger: ".modal .o_data_row:contains('Collective reserve'):contains('36,000.00')",
        },
        {
            content: "The retained patronage agrees",
            trigger: ".modal .o_data_row:contains('Retained patronage')",
        },
        {
            content: "Check again",
            trigger: ".modal button[name='action_check']",
            run: "click",
        },
        {
            content: "Still balanced",
            trigger: ".modal .o_field_widget[name='difference'].text-success:contains('0.00')",
        },
        {
            content: "Close the check",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
        {
            content: "The check is closed",
            trigger: "body:not(:has(.modal))",
        },
        // The year-end patronage allocation.
        ...capitalMenu("menu_coop_patronage_allocation", "Open the patronage allocations"),
        {
            content: "The 2025 allocation is posted",
            trigger: ".o_data_row:contains('120,000.00'):contains('84,000.00'):contains('Posted') .o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "The net margin of the year",
            trigger: ".o_form_view .o_field_widget[name='net_margin']:contains('120,000.00')",
        },
        {
            content: "The reserve's share",
            trigger: ".o_form_view .o_field_widget[name='reserve_amount']:contains('36,000.00')",
        },
        {
            content: "The members' pool",
            trigger: ".o_form_view .o_field_widget[name='pool_amount']:contains('84,000.00')",
        },
        {
            content: "The cash parts are paid",
            trigger: ".o_form_view .o_field_widget[name='cash_state']:contains('Paid')",
        },
        {
            content: "Member A's line: 2,000 hours, 28,000.00 allocated",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Member A'):contains('28,000.00')",
        },
        {
            content: "Member D's line: 9,800.00 allocated",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Member D'):contains('9,800.00')",
        },
        {
            content: "The lines total the pool",
            trigger: ".o_field_widget[name='line_ids'] .o_list_footer:contains('84,000.00')",
        },
        {
            content: "A bookkeeper does not correct a posted year",
            trigger: ".o_form_view:not(:has(button[name='action_correct']))",
        },
        // The members' retained patronage, tranche by tranche.
        ...capitalMenu("menu_coop_patronage_tranche", "Open the retained patronage"),
        {
            content: "Member A's 2025 tranche (the year without a thousands separator)",
            trigger: ".o_data_row:contains('Member A'):contains('22,400.00') .o_data_cell[name='year']:contains('2025')",
        },
        listCount(4, "One tranche per member"),
        {
            content: "The tranches total what the year retained",
            trigger: ".o_list_footer .o_list_number:contains('67,200.00')",
        },
        // The Form 1099-PATR data of the year the cash was paid.
        ...capitalMenu("menu_coop_patronage_form1099", "Open the Form 1099-PATR data"),
        {
            content: "Prepare a new year",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The calendar year the cash was paid",
            trigger: ".o_form_view .o_field_widget[name='year'] input",
            run: "edit 2026",
        },
        {
            content: "Read the ledger",
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            content: "Four recipients",
            trigger: ".o_form_view .o_field_widget[name='patr_count']:contains('4')",
        },
        {
            content: "Member A's cash part in box 1",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Member A'):contains('5,600.00')",
        },
        {
            content: "Member D's cash part in box 1",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Member D'):contains('1,960.00')",
        },
        {
            content: "The data is named after its year",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('1099-PATR 2026')",
        },
        {
            content: "The CSV can be exported",
            trigger: ".o_form_view button[name='action_export_csv']",
        },
        {
            content: "The year reads as a year (no thousands separator)",
            trigger: ".o_form_view .o_field_widget[name='year']:contains('2026')",
        },
        {
            content: "Back to the list of years",
            trigger: ".o_breadcrumb a:contains('Form 1099-PATR')",
            run: "click",
        },
        {
            content: "The year is listed with its four returns",
            trigger: ".o_data_row:has(.o_data_cell[name='year']:contains('2026')) .o_data_cell[name='patr_count']:contains('4')",
        },
    ],
});
