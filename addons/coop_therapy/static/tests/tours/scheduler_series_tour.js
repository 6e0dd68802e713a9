import { registry } from "@web/core/registry";

/** A Monday three weeks ahead at 10:00, as the en_US form types it. */
function mondayAhead() {
    const day = new Date();
    day.setDate(day.getDate() + ((8 - day.getDay()) % 7 || 7) + 14);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(day.getMonth() + 1)}/${pad(day.getDate())}/${day.getFullYear()} 10:00:00`;
}

function pick(field, typed, shown) {
    return [
        {
            content: `Type ${typed} in ${field}`,
            trigger: `.o_form_view .o_field_widget[name='${field}'] input`,
            run: `edit ${typed}`,
        },
        {
            content: `Choose ${shown}`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains('${shown}')`,
            run: "click",
        },
    ];
}

function series(clinician, client) {
    return [
        ...pick("clinician_id", clinician, clinician),
        ...pick("client_ids", client, client),
        ...pick("session_type_id", "60 minutes", "Psychotherapy, 60 minutes"),
        ...pick("room_id", "Tour Room A", "Tour Room A"),
        {
            content: "Starts on a Monday at 10:00",
            trigger: ".o_form_view .o_field_widget[name='start'] input",
            run: `edit ${mondayAhead()}`,
        },
        {
            content: "Repeats",
            trigger: ".o_form_view .o_field_widget[name='recurrency'] input",
            run: "click",
        },
        {
            content: "Weekly",
            trigger: ".o_form_view .o_field_widget[name='rrule_type_ui'] select",
            run: `select "weekly"`,
        },
        {
            content: "On Mondays (the start's weekday)",
            trigger: ".o_form_view .o_field_widget[name='mon'] input:checked",
        },
        {
            content: "Six times",
            trigger: ".o_form_view .o_field_widget[name='count'] input",
            run: "edit 6",
        },
        {
            content: "Save the series",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("coop_scheduler_series_tour", {
    steps: () => [
        {
            content: "The sessions by room open on the calendar",
            trigger: ".o_calendar_view",
        },
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "New session",
            trigger: ".o_list_view .o_list_button_add, .o_control_panel .o_list_button_add",
            run: "click",
        },
        ...series("Tour Clinician One", "T-TOUR-1"),
        {
            content: "The first series is saved with a neutral title",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='name']:contains('T-TOUR-1')",
        },
        {
            content: "Another session",
            trigger: ".o_form_view .o_form_button_create",
            run: "click",
        },
        ...series("Tour Clinician Two", "T-TOUR-2"),
        {
            content: "The room is taken: the sentence says by what and when",
            trigger:
                ".modal .o_error_dialog:contains('Tour Room A is already booked at'):contains('cannot take place at the same time')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        ...pick("room_id", "Tour Room B", "Tour Room B"),
        {
            content: "Save in the other room",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The second series is saved",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='name']:contains('T-TOUR-2')",
        },
    ],
});
