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
            trigger: "button[name='action_sign']",
            run: "click",
        },
        {
            content: "The week is signed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Signed')",
        },
    ],
});
