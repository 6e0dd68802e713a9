import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coop_supervisor_sign_tour", {
    steps: () => [
        {
            content: "The week to sign is listed",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('Tour Associate')",
            run: "click",
        },
        {
            content: "Sign the week as its supervisor",
            trigger: "button[name='action_open_sign_wizard']",
            run: "click",
        },
        {
            content: "The confirmation says what was checked",
            trigger: ".modal .o_field_widget[name='checks']:contains('supervision units')",
        },
        {
            content: "Confirm the signature, dated today",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The week is signed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Signed')",
        },
    ],
});
