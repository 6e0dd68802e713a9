import { registry } from "@web/core/registry";

// The secretary records a directed proxy on a meeting's attendance.
registry.category("web_tour.tours").add("coop_meeting_proxy_tour", {
    steps: () => [
        {
            content: "Open the meeting",
            trigger: ".o_data_row td:contains('Tour assembly')",
            run: "click",
        },
        {
            content: "Attendance tab",
            trigger: "a.nav-link:contains('Attendance')",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: "div[name=attendance_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The member who cannot come",
            trigger: ".modal div[name=membership_id] input",
            run: "edit Priya",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Priya Natarajan')",
            run: "click",
        },
        {
            content: "By proxy",
            trigger: ".modal div[name=mode] select",
            run: 'select "proxy"',
        },
        {
            content: "To a member who comes",
            trigger: ".modal div[name=proxy_holder_id] input",
            run: "edit Daniel",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Daniel Reyes')",
            run: "click",
        },
        {
            content: "Directed",
            trigger: ".modal div[name=proxy_directed] input",
            run: "click",
        },
        {
            content: "Add a direction",
            trigger: ".modal div[name=direction_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal div[name=direction_ids] div[name=item_id] input",
            run: "edit Budget",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Budget')",
            run: "click",
        },
        {
            trigger: ".modal div[name=direction_ids] div[name=choice] select",
            run: 'select "no"',
        },
        {
            content: "Save the attendance",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The proxy is listed",
            trigger: ".o_form_saved div[name=attendance_ids] .o_data_row:contains('Priya Natarajan')",
        },
    ],
});
