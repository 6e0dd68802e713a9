import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_member_register_tour", {
    url: "/web",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Co-op app",
            trigger: ".o_app[data-menu-xmlid='coop_membership.menu_coop_root']",
            run: "click",
        },
        {
            content: "The register shows its lifecycle columns",
            trigger: ".o_kanban_group .o_column_title:contains('Candidate member')",
        },
        {
            content: "Open the candidate's membership",
            trigger: ".o_kanban_record:contains('Tour Candidate')",
            run: "click",
        },
        {
            content: "The candidacy rule is met",
            trigger: ".o_field_widget[name='candidacy_summary']:contains('Candidacy rule met.')",
        },
        {
            content: "Admit the candidate as member-owner",
            trigger: "button[name='action_confirm_admission']",
            run: "click",
        },
        {
            content: "The confirmation says what was checked",
            trigger: ".modal .o_field_widget[name='checks']:contains('Candidacy rule met.')",
        },
        {
            content: "Confirm the admission, effective today",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The membership is now a member-owner",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Member-owner')",
        },
        {
            content: "A register number was given",
            trigger: ".o_field_widget[name='register_number']:contains('M-')",
        },
        {
            content: "Back to the register",
            trigger: ".o_breadcrumb .o_back_button a, .breadcrumb-item a:contains('Member register')",
            run: "click",
        },
        {
            content: "The new member-owner is in the member column",
            trigger: ".o_kanban_group:contains('Member-owner') .o_kanban_record:contains('Tour Candidate')",
        },
    ],
});
